/**
 * A 0–100 hierarchy score. It is a heuristic summary for comparing versions of one page, not
 * a conformance verdict: WCAG outcomes live in the findings themselves.
 *
 * Like Lighthouse's category score, it is a weighted mean of per-category scores. Each
 * category starts at 100 and every finding in it multiplies that by
 * (1 − penalty × confidence)^(1 + extent), so repeated problems keep lowering it without going
 * below 0, and unsure findings cost less. A finding that groups many regions (25 links in one
 * grey) counts once, weighted by `extent`, the share of the page's text area it covers: a
 * color pair used on the whole page costs as much as two separate findings, one used on a few
 * small links about as much as one.
 */
import type { Finding, Score } from '@/utils/schemas';

type Category = Finding['category'];

/** Category weights, summing to 100. Hierarchy leads because it is what Restage critiques. */
export const SCORE_WEIGHTS: Record<Category, number> = {
  hierarchy: 30,
  contrast: 25,
  typography: 15,
  spacing: 15,
  targets: 10,
  density: 5,
};

/** Share of a category's score one finding removes at full confidence. */
export const SEVERITY_PENALTY: Record<Finding['severity'], number> = {
  critical: 0.5,
  major: 0.2,
  minor: 0.08,
  // "Needs review" and other notes cost nothing: they are not known problems.
  info: 0,
};

export function score(findings: readonly Finding[]): Score {
  const categories = Object.keys(SCORE_WEIGHTS) as Category[];
  const breakdown: Record<string, number> = {};
  let total = 0;
  for (const category of categories) {
    const kept = findings
      .filter((f) => f.category === category)
      .reduce((s, f) => s * (1 - SEVERITY_PENALTY[f.severity] * f.confidence) ** (1 + (f.extent ?? 0)), 1);
    breakdown[category] = Math.round(kept * 100);
    total += kept * SCORE_WEIGHTS[category];
  }
  return { value: Math.round(total), breakdown };
}
