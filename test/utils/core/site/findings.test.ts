import { describe, expect, it } from 'vitest';
import { score } from '@/utils/core/measure/score';
import type { Finding } from '@/utils/core/schemas/finding';
import { findingKind, repeatingFindings, worstFindings } from '@/utils/core/site/findings';

let ids = 0;
const finding = (over: Partial<Finding>): Finding => ({
  id: `f${++ids}`,
  title: `Finding ${ids}`,
  detail: '',
  severity: 'minor',
  category: 'spacing',
  basis: 'measured',
  regionIds: ['r1'],
  confidence: 1,
  ...over,
});
const contrast = (title: string, severity: Finding['severity'] = 'critical') =>
  finding({ rule: 'wcag-1.4.3', category: 'contrast', severity, title, extent: 0.3 });
const gaps = () => finding({ rule: 'spacing-values', title: 'Vertical gaps come in 9 different sizes' });
const order = () =>
  finding({ rule: 'heading-order', category: 'hierarchy', title: "'Plans' (h4) skips a heading level" });

describe('findingKind', () => {
  it('is the rule when there is one, whatever the title quotes', () => {
    expect(findingKind(contrast("'Buy' is too faint"))).toBe(
      findingKind(contrast("'Save 20 %' and 3 other texts")),
    );
    expect(findingKind(contrast('x'))).not.toBe(findingKind(finding({ rule: 'needs-review:wcag-1.4.3' })));
  });

  it('without a rule: the category and the title without the page’s own words and figures', () => {
    const seen = (title: string, category: Finding['category'] = 'typography') =>
      finding({ basis: 'seen', category, title });
    expect(findingKind(seen("The price 'US$ 12.99' is 11 px, smaller than body text"))).toBe(
      findingKind(seen('The price “€ 9,50” is 10 px, smaller than body text')),
    );
    expect(findingKind(seen("The price 'X' is 11 px, smaller than body text"))).not.toBe(
      findingKind(seen("The price 'X' is 11 px, smaller than body text", 'hierarchy')),
    );
    expect(findingKind(seen('The logo is too small'))).not.toBe(findingKind(seen('The logo is too large')));
  });
});

describe('repeatingFindings', () => {
  it('is a kind raised on every page, shown once: its worst severity, an example, all its findings', () => {
    const pages = [
      { slug: 'home', findings: [contrast("'Buy' is too faint", 'major'), gaps(), order()] },
      {
        slug: 'pricing',
        findings: [gaps(), contrast("'Plans' is too faint"), contrast("'Save' is too faint")],
      },
      { slug: 'about', findings: [contrast("'Team' is too faint", 'minor'), order()] },
    ];
    expect(repeatingFindings(pages)).toEqual([
      {
        kind: 'wcag-1.4.3',
        category: 'contrast',
        severity: 'critical',
        example: { slug: 'home', title: "'Buy' is too faint" },
        findings: 4,
      },
    ]);
  });

  it('lists the most severe first, then the most raised', () => {
    const pages = [
      { slug: 'a', findings: [gaps(), order(), order(), contrast('x', 'minor')] },
      { slug: 'b', findings: [gaps(), order(), contrast('y', 'minor')] },
    ];
    expect(repeatingFindings(pages).map((r) => r.kind)).toEqual([
      'heading-order',
      'spacing-values',
      'wcag-1.4.3',
    ]);
  });

  it('is nothing for a single page, or for pages that share nothing', () => {
    expect(repeatingFindings([{ slug: 'a', findings: [gaps()] }])).toEqual([]);
    expect(
      repeatingFindings([
        { slug: 'a', findings: [gaps()] },
        { slug: 'b', findings: [order()] },
      ]),
    ).toEqual([]);
    expect(
      repeatingFindings([
        { slug: 'a', findings: [gaps()] },
        { slug: 'b', findings: [] },
      ]),
    ).toEqual([]);
  });
});

describe('worstFindings', () => {
  const pages = [
    {
      slug: 'home',
      findings: [
        contrast("'Buy' is too faint"),
        gaps(),
        finding({ severity: 'info', title: 'A note', rule: 'x' }),
      ],
    },
    {
      slug: 'pricing',
      findings: [
        order(),
        finding({
          rule: 'wcag-2.5.8',
          category: 'targets',
          severity: 'major',
          title: 'Small target',
          extent: 0.2,
        }),
      ],
    },
  ];

  it('ranks every page’s findings by the score points their page loses to them, without info notes', () => {
    const worst = worstFindings(pages, []);
    const costOf = (slug: string, title: string) => {
      const all = pages.find((p) => p.slug === slug)!.findings;
      return score(all.filter((f) => f.title !== title)).value - score(all).value;
    };
    expect(worst.map((f) => f.title)).not.toContain('A note');
    expect(worst).toHaveLength(4);
    for (const f of worst) expect(f.cost).toBe(costOf(f.slug, f.title));
    const costs = worst.map((f) => f.cost);
    expect(costs).toEqual([...costs].sort((a, b) => b - a));
    expect(worst[0]).toMatchObject({ slug: 'home', title: "'Buy' is too faint", rule: 'wcag-1.4.3' });
    expect(worstFindings(pages, [], 2)).toEqual(worst.slice(0, 2));
  });

  it('names ten at most by default', () => {
    const many = Array.from({ length: 6 }, (_, i) => ({
      slug: `p${i}`,
      findings: [gaps(), order(), contrast(`'T${i}'`)],
    }));
    expect(worstFindings(many, [])).toHaveLength(10);
  });

  it('leaves out the kinds shown as repeating on every page', () => {
    const both = [...pages, { slug: 'about', findings: [contrast("'Team' is too faint"), order()] }].map(
      (p) => ({ ...p, findings: [...p.findings, contrast('On every page')] }),
    );
    const repeating = repeatingFindings(both);
    expect(repeating.map((r) => r.kind)).toEqual(['wcag-1.4.3']);
    const worst = worstFindings(both, repeating);
    expect(worst.length).toBeGreaterThan(0);
    expect(worst.some((f) => f.rule === 'wcag-1.4.3')).toBe(false);
  });
});
