/**
 * The score before → after over the same regions. The page score after (`scoreAfter`) counts
 * what the later page has; a page that lost regions would look better only because their
 * findings went with them. So the matched score counts the later measured findings that name a
 * matched region (or no region), and as they were the earlier measured findings that are gone,
 * or that came out resolved while some of their regions are gone (the finding may have gone
 * with them): what a check could not re-measure is assumed unchanged. Findings only on added regions are
 * left out (they have no before), and model findings are in neither score (utils/core/measure/score.ts
 * scores measured findings). A blank or broken next state therefore scores at most as the page
 * it came from.
 */
import { score } from '@/utils/core/measure/score';
import type { Finding } from '@/utils/core/schemas/finding';
import type { Verify } from '@/utils/core/schemas/verify';
import type { RegionMatch } from '@/utils/core/verify/match';

export function scoreOverMatched(
  /** Earlier findings the check could not re-measure, counted as they were. */
  gone: readonly Finding[],
  laterMeasured: readonly Finding[],
  match: RegionMatch,
): number {
  const onMatched = laterMeasured.filter(
    (f) => f.regionIds.length === 0 || f.regionIds.some((id) => match.before.has(id)),
  );
  return score([...onMatched, ...gone]).value;
}

export type ScoreComparison = 'better' | 'worse' | 'same';

/** The comparison a check reports: over the same regions when it has that score. */
export function compareScores(
  verify: Pick<Verify, 'scoreBefore' | 'scoreAfter' | 'scoreAfterMatched'>,
): ScoreComparison {
  const after = Math.round(verify.scoreAfterMatched ?? verify.scoreAfter);
  const before = Math.round(verify.scoreBefore);
  return after > before ? 'better' : after < before ? 'worse' : 'same';
}
