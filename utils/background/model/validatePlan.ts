/**
 * Nothing the model says is used before it passes here. The reply is parsed with zod; findings
 * that cite ids the page does not have are dropped and counted; the blueprint must pass the
 * same same-content check as the offline plan (plan/validate.ts); the CSS patch goes through
 * sanitizePatch (the CSS grammar and the floors that keep content visible, with the page's
 * regions) and then the CssPatch schema. Each rejected declaration and every other failure is
 * a sentence the repair request can quote back to the model; whatever in it the model wrote
 * (a region id, a CSS value, the start of its reply) is JSON-quoted there, so it reads as one
 * value and never as a line of its own.
 */
import { z } from 'zod';
import { type Finding } from '@/utils/core/schemas/finding';
import { Blueprint, CssPatch, type ContentCheck } from '@/utils/core/schemas/plan';
import { type Region } from '@/utils/core/schemas/region';
import { sanitizePatch, type ClampedDeclaration } from '@/utils/core/plan/sanitizePatch';
import { checkContent, describeContentCheck, isSameContent } from '@/utils/core/plan/validate';
import { PlanReply, type PlanFinding } from '@/utils/background/model/planSchema';

export interface ModelPlan {
  findings: Finding[];
  blueprint: Blueprint;
  cssPatch: CssPatch;
  contentCheck: ContentCheck;
  doNotTouch: { regionIds: string[]; reason: string }[];
  /** What was dropped for citing regions the page does not have. */
  dropped: { findings: number; unknownIds: string[] };
  /** Font sizes raised to the floor (utils/core/plan/sanitizePatch.ts). */
  clamped: ClampedDeclaration[];
}

/** `cssRejected`: how many of the reply's CSS declarations sanitizePatch rejected. */
export type PlanCheck =
  { ok: true; plan: ModelPlan } | { ok: false; problems: string[]; cssRejected: number };

const MAX_FINDINGS = 30;

const issuesOf = (error: z.ZodError, prefix = '') =>
  error.issues.slice(0, 8).map((issue) => `${prefix}${issue.path.join('.') || 'reply'}: ${issue.message}`);

/** A model finding in the app's shape, its fix in words only: no patch is derived from a model's sentence. */
export function toFinding(finding: PlanFinding, index: number): Finding {
  return {
    id: `model-${index + 1}`,
    title: finding.title.trim().slice(0, 160),
    detail: finding.detail.trim().slice(0, 1200),
    fix: finding.fix.trim().slice(0, 600),
    severity: finding.severity,
    category: finding.category,
    basis: finding.basis,
    rule: finding.heuristic.trim().slice(0, 120),
    regionIds: finding.regionIds,
    confidence: finding.confidence,
  };
}

/** Grounded: cites at least one region, and only regions the page has. */
export function isGrounded(finding: PlanFinding, known: ReadonlySet<string>): boolean {
  return finding.regionIds.length > 0 && finding.regionIds.every((id) => known.has(id));
}

function toBlueprint(reply: PlanReply, byId: ReadonlyMap<string, Region>) {
  const sections = reply.blueprint.sections
    .filter((s) => s.regionIds.length > 0)
    .map((s, i) => ({
      id: `s${i + 1}`,
      // The page's own landmark, never words from the model.
      source: byId.get(s.regionIds[0] ?? '')?.landmark ?? 'page',
      emphasis: s.emphasis,
      regionIds: s.regionIds,
    }));
  return Blueprint.safeParse({ ...reply.blueprint, sections });
}

function toPatch(
  reply: PlanReply,
  regions: readonly Region[],
  known: ReadonlySet<string>,
  problems: string[],
) {
  const entries = reply.cssPatch.filter((entry) => entry.declarations.length > 0);
  for (const entry of entries) {
    if (!known.has(entry.regionId))
      problems.push(`cssPatch names ${JSON.stringify(entry.regionId)}, which is not a region of this page`);
  }
  const patch = entries
    .filter((entry) => known.has(entry.regionId))
    .map((entry) => ({
      regionId: entry.regionId,
      declarations: Object.fromEntries(entry.declarations.map((d) => [d.property, d.value.trim()])),
    }));
  const sanitized = sanitizePatch(patch, regions);
  for (const r of sanitized.rejected.slice(0, 8)) {
    problems.push(
      `cssPatch ${JSON.stringify(r.regionId)} { ${r.property}: ${JSON.stringify(r.value)} } is rejected: ${r.reason}`,
    );
  }
  if (sanitized.rejected.length > 8)
    problems.push(`and ${sanitized.rejected.length - 8} more CSS declarations are rejected`);
  const parsed = CssPatch.safeParse(sanitized.patch);
  if (parsed.success) return { ...sanitized, patch: parsed.data };
  for (const issue of parsed.error.issues.slice(0, 8))
    problems.push(`cssPatch.${issue.path.join('.')}: ${issue.message}`);
  return { ...sanitized, patch: [] };
}

export function validatePlanReply(raw: string, regions: readonly Region[]): PlanCheck {
  let json: unknown;
  try {
    json = JSON.parse(raw);
  } catch (error) {
    return {
      ok: false,
      problems: [
        // The parser's message quotes the start of the reply: quoted again, it stays data.
        `The reply is not valid JSON (${JSON.stringify((error as Error).message)}). Reply with one JSON object only.`,
      ],
      cssRejected: 0,
    };
  }
  const parsed = PlanReply.safeParse(json);
  if (!parsed.success) return { ok: false, problems: issuesOf(parsed.error), cssRejected: 0 };
  const reply = parsed.data;
  const byId = new Map(regions.map((r) => [r.id, r]));
  const known = new Set(byId.keys());
  const problems: string[] = [];

  const grounded = reply.findings.filter((f) => isGrounded(f, known));
  const unknownIds = new Set<string>();
  for (const f of reply.findings) for (const id of f.regionIds) if (!known.has(id)) unknownIds.add(id);

  const blueprint = toBlueprint(reply, byId);
  let contentCheck: ContentCheck | null = null;
  if (!blueprint.success) problems.push(...issuesOf(blueprint.error, 'blueprint.'));
  else {
    contentCheck = checkContent(blueprint.data, regions);
    if (!isSameContent(contentCheck)) {
      problems.push(
        `blueprint ${describeContentCheck(contentCheck)}. List every content region exactly once and no other ids.`,
      );
    }
  }
  const css = toPatch(reply, regions, known, problems);
  const doNotTouch = reply.doNotTouch.filter(
    (d) => d.regionIds.length > 0 && d.regionIds.every((id) => known.has(id)),
  );

  if (problems.length > 0 || !blueprint.success || !contentCheck)
    return { ok: false, problems, cssRejected: css.rejected.length };
  return {
    ok: true,
    plan: {
      findings: grounded.slice(0, MAX_FINDINGS).map(toFinding),
      blueprint: blueprint.data,
      cssPatch: css.patch,
      contentCheck,
      doNotTouch,
      dropped: { findings: reply.findings.length - grounded.length, unknownIds: [...unknownIds] },
      clamped: css.clamped,
    },
  };
}
