/**
 * Which earlier findings are still there. Two findings correspond when they state the same
 * problem (the same rule, or for findings without one the same category and title once its
 * numbers are set aside) about corresponding regions: the earlier regions, carried over by the
 * region match, overlap the later ones. A grouped finding (25 links in one grey) that lost some
 * of its regions is still there, but smaller. Findings naming no region correspond by problem.
 */
import type { Finding } from '@/utils/core/schemas/finding';
import type { VerifiedFinding, Verify } from '@/utils/core/schemas/verify';
import type { RegionMatch } from '@/utils/core/verify/match';

type Still = Verify['still'][number];

/**
 * Numbers and plurals vary with the counts inside a title ("Target smaller than 24 × 24 px",
 * "3 targets smaller than 24 × 24 px"); what is left names the problem.
 */
export function titleStem(title: string): string {
  return title
    .toLowerCase()
    .replace(/[\d.,:×]+/g, ' ')
    .replace(/\b(\w+?)s\b/g, '$1')
    .replace(/\s+/g, ' ')
    .trim();
}

/**
 * A finding's rule names its problem; titles name the page's own words (utils/core/measure/advice.ts),
 * which a fix may change, so they only tell findings apart where there is no rule.
 */
const problem = (f: Finding) => f.rule ?? `${f.category}|${titleStem(f.title)}`;

export interface FindingMatch {
  resolved: VerifiedFinding[];
  still: Still[];
  new: VerifiedFinding[];
}

export function matchFindings(
  earlier: readonly Finding[],
  later: readonly Finding[],
  regions: RegionMatch,
): FindingMatch {
  const carried = (f: Finding) => f.regionIds.flatMap((id) => regions.after.get(id) ?? []);
  const candidates = earlier.flatMap((a) => {
    const mapped = new Set(carried(a));
    return later
      .filter((b) => problem(b) === problem(a))
      .map((b) => {
        const shared = b.regionIds.filter((id) => mapped.has(id)).length;
        const union = new Set([...mapped, ...b.regionIds]).size;
        const pageWide = a.regionIds.length === 0 && b.regionIds.length === 0;
        return { a, b, corresponds: shared > 0 || pageWide, score: union ? shared / union : 1 };
      })
      .filter((c) => c.corresponds);
  });
  candidates.sort((p, q) => q.score - p.score);
  const taken = new Map<Finding, Finding>();
  const used = new Set<Finding>();
  for (const { a, b } of candidates) {
    if (taken.has(a) || used.has(b)) continue;
    taken.set(a, b);
    used.add(b);
  }
  const still = earlier.flatMap((a): Still[] => {
    const b = taken.get(a);
    if (!b) return [];
    const now = new Set(b.regionIds);
    const judged = a.regionIds.filter((id) => regions.after.has(id));
    const cleared = judged.filter((id) => !now.has(regions.after.get(id) ?? ''));
    const smaller = cleared.length > 0 && a.regionIds.length > 1;
    const note = smaller
      ? `still present but smaller: ${judged.length - cleared.length} of ${a.regionIds.length} regions (${cleared.join(', ')} fixed)`
      : 'still present';
    return [
      {
        ...summary(a),
        nowId: b.id,
        regionIdsNow: b.regionIds,
        smaller,
        cleared,
        note: withGone(note, a, regions, smaller),
      },
    ];
  });
  return {
    resolved: earlier
      .filter((a) => !taken.has(a))
      .map((a) => {
        const note = withGone('resolved', a, regions);
        return note === 'resolved' ? summary(a) : { ...summary(a), note };
      }),
    still,
    new: later.filter((b) => !used.has(b)).map(summary),
  };
}

/**
 * A finding judged on some of its regions names the others: they are gone from the page, so
 * they were not checked. A note that already counts regions keeps its count.
 */
function withGone(note: string, a: Finding, regions: RegionMatch, counted = false): string {
  const gone = a.regionIds.filter((id) => !regions.after.has(id));
  if (gone.length === 0) return note;
  const on = counted ? '' : ` on ${a.regionIds.length - gone.length} of ${a.regionIds.length} regions`;
  return `${note}${on}; ${gone.join(', ')} gone from the page, not checked`;
}

export function summary(f: Finding): VerifiedFinding {
  return {
    id: f.id,
    title: f.title,
    category: f.category,
    ...(f.rule === undefined ? {} : { rule: f.rule }),
    severity: f.severity,
    basis: f.basis,
    regionIds: f.regionIds,
  };
}
