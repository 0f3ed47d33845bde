/**
 * The planner's reply on the wire: the shape sent as a strict JSON schema (via zodTextFormat /
 * zodResponseFormat) and parsed back. Strict structured output wants a root object, every
 * property required (nullable, never optional) and no records (MODELS.md), so CSS comes as a
 * list of {property, value} pairs and is converted to the app's `CssPatch` after validation.
 * Region ids are plain strings here on purpose: an unknown id must reach our validator, which
 * drops and counts it, instead of failing the whole reply inside the SDK's parse.
 * Blueprint sections carry only an emphasis and region ids: the model cannot add text to them.
 */
import { z } from 'zod';
import { Basis, Finding, Severity } from '@/utils/core/schemas/finding';
import { Emphasis } from '@/utils/core/schemas/plan';
import { ALLOWED_CSS_PROPERTIES } from '@/utils/core/schemas/region';

export const PlanFinding = z.object({
  title: z.string().describe('One short line naming the problem'),
  detail: z.string().describe('What is wrong and the evidence, citing region numbers like r4'),
  heuristic: z.string().describe('The design heuristic or WCAG criterion it breaks'),
  fix: z.string().describe('One concrete change, with values'),
  severity: Severity,
  category: Finding.shape.category,
  basis: Basis.exclude(['measured']).describe('seen: visible in the screenshot; inferred: a guess'),
  regionIds: z.array(z.string()).describe('The region ids the finding is about'),
  confidence: z.number().min(0).max(1),
});
export type PlanFinding = z.infer<typeof PlanFinding>;

export const PlanSection = z.object({
  emphasis: Emphasis,
  regionIds: z.array(z.string()),
});

export const PlanDeclaration = z.object({
  property: z.enum(ALLOWED_CSS_PROPERTIES),
  value: z.string(),
});

export const PlanReply = z.object({
  findings: z.array(PlanFinding),
  blueprint: z.object({
    sections: z.array(PlanSection).describe('Every content region id exactly once, in the new order'),
    typeScale: z.object({ base: z.number(), ratio: z.number() }),
    spacingUnit: z.number().describe('4 or 8'),
  }),
  cssPatch: z.array(z.object({ regionId: z.string(), declarations: z.array(PlanDeclaration) })),
  doNotTouch: z
    .array(z.object({ regionIds: z.array(z.string()), reason: z.string() }))
    .describe('Regions a redesign must leave as they are (legal text, brand marks, prices), and why'),
});
export type PlanReply = z.infer<typeof PlanReply>;

/** The schema's name in requests. */
export const PLAN_FORMAT_NAME = 'restage_plan';
