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
 *
 * Only measured findings reach it (utils/background/jobs/stages/measure.ts), and only known problems cost:
 * info findings (AAA notes, "needs review") cost nothing. A page without a call to action
 * loses nothing for that (./primaryAction.ts looks for one only among buttons and form submits
 * in the main content), and a skipped heading level is a minor finding (./hierarchy.ts).
 *
 * What it must do: rank a page above its broken twin, the same content with a worse hierarchy,
 * contrast and targets (test/e2e/brokenTwins.e2e.test.ts on three pairs of pages; a paler,
 * smaller or flatter copy of a page never scores higher, test/utils/core/measure/score.test.ts).
 * A page that lost regions or went blank is held by the verify score over the same regions
 * (utils/core/verify/score.ts), since no findings here would mean 100.
 */
import type { Finding, Score } from '@/utils/core/schemas/finding';

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
