/**
 * How strongly each region is drawn on `annotated.png` and the panel's screenshot. By default
 * only the regions a finding points at are drawn in full, with their numbers; every other
 * region is a faint outline without a number, so the eye goes to what needs work. A region
 * that holds other regions (a section, a card) is drawn lighter than the leaves inside it,
 * so its outline does not compete with theirs. "Show all regions" numbers every region.
 */
import type { Finding } from '@/utils/core/schemas/finding';
import type { Region } from '@/utils/core/schemas/region';

/** `strong`: a leaf, drawn in full; `container`: a region holding others, lighter; `faint`: no number. */
export type MarkTone = 'strong' | 'container' | 'faint';

/**
 * The regions the findings point at. Info notes (AAA advice, "needs review") are left out:
 * they are not known problems (the score gives them no weight, utils/core/measure/score.ts).
 */
export function flaggedRegionIds(findings: readonly Pick<Finding, 'severity' | 'regionIds'>[]): Set<string> {
  return new Set(findings.filter((f) => f.severity !== 'info').flatMap((f) => f.regionIds));
}

export function markTones(
  regions: readonly Pick<Region, 'id' | 'parentId'>[],
  findings: readonly Pick<Finding, 'severity' | 'regionIds'>[],
  showAll: boolean,
): Map<string, MarkTone> {
  const flagged = flaggedRegionIds(findings);
  const parents = new Set(regions.flatMap((r) => (r.parentId ? [r.parentId] : [])));
  return new Map(
    regions.map((r) => [
      r.id,
      !showAll && !flagged.has(r.id) ? 'faint' : parents.has(r.id) ? 'container' : 'strong',
    ]),
  );
}
