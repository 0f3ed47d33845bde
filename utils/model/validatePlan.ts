/**
 * Nothing the model says is used before it passes here. The reply is parsed with zod; findings
 * that cite ids the page does not have are dropped and counted; the blueprint must pass the
 * same same-content check as the offline plan (plan/validate.ts); the CSS patch must pass the
 * CssPatch schema's allow-list and value guard. Each failure is a sentence the repair request
 * can quote back to the model.
 */
import { z } from 'zod';
import { Blueprint, CssPatch, type ContentCheck, type Finding, type Region } from '@/utils/schemas';
import { checkContent, describeContentCheck, isSameContent } from '@/utils/plan/validate';
import { PlanReply, type PlanFinding } from './planSchema';

export interface ModelPlan {
  findings: Finding[];
  blueprint: Blueprint;
  cssPatch: CssPatch;
  contentCheck: ContentCheck;
  doNotTouch: { regionIds: string[]; reason: string }[];
  /** What was dropped for citing regions the page does not have. */
  dropped: { findings: number; unknownIds: string[] };
}

export type PlanCheck = { ok: true; plan: ModelPlan } | { ok: false; problems: string[] };

const MAX_FINDINGS = 30;

const issuesOf = (error: z.ZodError, prefix = '') =>
  error.issues.slice(0, 8).map((issue) => `${prefix}${issue.path.join('.') || 'reply'}: ${issue.message}`);

/** A model finding in the app's shape; its fix becomes part of the detail. */
export function toFinding(finding: PlanFinding, index: number): Finding {
  return {
    id: `model-${index + 1}`,
    title: finding.title.trim().slice(0, 160),
    detail: `${finding.detail.trim()} Fix: ${finding.fix.trim()}`.slice(0, 1200),
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

function toPatch(reply: PlanReply, known: ReadonlySet<string>, problems: string[]) {
  const entries = reply.cssPatch.filter((entry) => entry.declarations.length > 0);
  for (const entry of entries) {
    if (!known.has(entry.regionId))
      problems.push(`cssPatch names ${entry.regionId}, which is not a region of this page`);
  }
  const patch = entries.map((entry) => ({
    regionId: entry.regionId,
    declarations: Object.fromEntries(entry.declarations.map((d) => [d.property, d.value.trim()])),
  }));
  const parsed = CssPatch.safeParse(patch);
  if (parsed.success) return parsed.data;
  for (const issue of parsed.error.issues.slice(0, 8)) {
    const entry = entries[Number(issue.path[0])];
    const values = entry?.declarations.map((d) => `${d.property}: ${d.value}`).join('; ') ?? '';
    problems.push(`cssPatch for ${entry?.regionId ?? issue.path.join('.')} (${values}): ${issue.message}`);
  }
  return [];
}

export function validatePlanReply(raw: string, regions: readonly Region[]): PlanCheck {
  let json: unknown;
  try {
    json = JSON.parse(raw);
  } catch (error) {
    return {
      ok: false,
      problems: [
        `The reply is not valid JSON (${(error as Error).message}). Reply with one JSON object only.`,
      ],
    };
  }
  const parsed = PlanReply.safeParse(json);
  if (!parsed.success) return { ok: false, problems: issuesOf(parsed.error) };
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
  const cssPatch = toPatch(reply, known, problems);
  const doNotTouch = reply.doNotTouch.filter(
    (d) => d.regionIds.length > 0 && d.regionIds.every((id) => known.has(id)),
  );

  if (problems.length > 0 || !blueprint.success || !contentCheck) return { ok: false, problems };
  return {
    ok: true,
    plan: {
      findings: grounded.slice(0, MAX_FINDINGS).map(toFinding),
      blueprint: blueprint.data,
      cssPatch,
      contentCheck,
      doNotTouch,
      dropped: { findings: reply.findings.length - grounded.length, unknownIds: [...unknownIds] },
    },
  };
}
