/** The few sentences a check is reported in, the same in the panel, the CLI and report.html. */
import type { Verify } from '@/utils/core/schemas/verify';
import { compareScores, type ScoreComparison } from '@/utils/core/verify/score';

/** "41 of 42 regions matched · 1 gone · 0 new". */
export function regionCountLine(m: Verify['matched']): string {
  return `${m.matched} of ${m.before} regions matched · ${m.gone} gone · ${m.added} new`;
}

export const COMPARISON_WORDS: Record<ScoreComparison, string> = {
  better: 'better',
  worse: 'worse',
  same: 'unchanged',
};

/** The rule behind the score over the same regions, in one line. */
export const MATCHED_SCORE_RULE = 'Same regions only: what is gone counts as it was.';

/** "over the same regions 62 → 66, better", or nothing for a check saved before that score. */
export function matchedScoreLine(verify: Verify): string {
  if (verify.scoreAfterMatched === undefined) return '';
  const word = COMPARISON_WORDS[compareScores(verify)];
  return `over the same regions ${Math.round(verify.scoreBefore)} → ${Math.round(verify.scoreAfterMatched)}, ${word}`;
}
