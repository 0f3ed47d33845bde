/**
 * Worked examples for the planner: what a good critique looks like, made up for Restage
 * (UICrit, UIST 2024: few-shot examples plus visual marks improved critique quality most).
 * Each is grounded in numbered regions of a small imagined page, names the heuristic it
 * applies, and ends in a concrete fix with values. They are examples of form: the prompt says
 * so, and the ids they use (r1–r9 of a page that is not this one) must not be copied.
 */
import type { PlanFinding } from '@/utils/background/model/planSchema';

interface WorkedExample {
  page: string;
  finding: PlanFinding;
}

export const WORKED_EXAMPLES: readonly WorkedExample[] = [
  {
    page: 'A pricing card: r2 plan name (h3, 18px 600), r3 price (18px 400), r4 "Start trial" button (14px, grey outline), r5 "Compare plans" link (14px, blue).',
    finding: {
      title: 'The trial button is weaker than the link beside it',
      detail:
        'r4 is a grey outline button at 14px while r5, a secondary link, is saturated blue at the same size, so the eye lands on r5 first although r4 is the action the card exists for.',
      heuristic: 'One primary action per view (visual weight follows importance)',
      fix: 'Give r4 a filled background in the page accent colour, font-weight 700 and 12px 24px padding; keep r5 as a plain link.',
      severity: 'major',
      category: 'hierarchy',
      basis: 'seen',
      regionIds: ['r4', 'r5'],
      confidence: 0.8,
    },
  },
  {
    page: 'An article page: r1 site title (h1, 28px), r6 article headline (h2, 24px), r7 body text (15px, line-height 1.3, 110 characters a line).',
    finding: {
      title: 'The site title outranks the article headline',
      detail:
        'r1 (28px) is larger than r6 (24px) although r6 names what the page is about; the measured heading order agrees (an h2 is the most prominent text in the first screen).',
      heuristic: 'Visual hierarchy matches content hierarchy',
      fix: 'Set r6 to 36px/700 and reduce r1 to 20px; keep both in the same typeface.',
      severity: 'major',
      category: 'hierarchy',
      basis: 'seen',
      regionIds: ['r1', 'r6'],
      confidence: 0.75,
    },
  },
  {
    page: 'A sign-up form: r8 helper text under the e-mail field (12px, #999 on white), r9 "Create account" button.',
    finding: {
      title: 'Helper text is hard to read',
      detail:
        'r8 is 12px light grey; the measured contrast is 2.8:1, below the 4.5:1 WCAG 1.4.3 asks for body text. It probably explains the password rules users need before pressing r9.',
      heuristic: 'WCAG 1.4.3 Contrast (Minimum)',
      fix: 'Set r8 to 14px with color #595959 (7:1 on white) and 8px margin-top.',
      severity: 'major',
      category: 'contrast',
      basis: 'inferred',
      regionIds: ['r8'],
      confidence: 0.7,
    },
  },
];

/** The examples as prompt text: the imagined page, then the finding as the reply would hold it. */
export function examplesText(): string {
  return WORKED_EXAMPLES.map(
    (example, i) => `Example ${i + 1}. ${example.page}\n${JSON.stringify(example.finding)}`,
  ).join('\n\n');
}
