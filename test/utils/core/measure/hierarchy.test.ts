import { describe, expect, it } from 'vitest';
import { competingPrimaries, headingInversions, headingOrder } from '@/utils/core/measure/hierarchy';
import { visualWeights } from '@/utils/core/measure/weight';
import { advise } from '@/utils/core/measure/advice';
import { button, heading } from '@/test/fixtures/regions';

const viewport = { width: 1280, height: 800 };

describe('headingInversions', () => {
  it('flags an h3 rendered larger than an h2, with the numbers', () => {
    const [finding, ...rest] = headingInversions([heading('r1', 2, 20), heading('r2', 3, 28)]);
    expect(rest).toHaveLength(0);
    expect(finding).toMatchObject({
      rule: 'heading-inversion',
      severity: 'major',
      regionIds: ['r1', 'r2'],
      detail: 'h3 r2 28px 700 vs h2 r1 20px 700; 1 h3 affected: r2',
    });
  });

  it('flags a same-size lower heading only when it is heavier, as minor', () => {
    const same = [heading('r1', 2, 24, { style: { fontWeight: 400 } }), heading('r2', 3, 24)];
    expect(headingInversions(same)[0]).toMatchObject({ severity: 'minor', regionIds: ['r1', 'r2'] });
    expect(headingInversions([heading('r1', 2, 24), heading('r2', 3, 24)])).toEqual([]);
  });

  it('names an inversion once, against the most important level it outranks', () => {
    const findings = headingInversions([heading('r1', 1, 24), heading('r2', 2, 22), heading('r3', 3, 30)]);
    expect(findings.map((f) => f.title)).toEqual(['h3 heading outranks an h1']);
  });

  it('accepts a page whose headings shrink with their level', () => {
    expect(headingInversions([heading('r1', 1, 40), heading('r2', 2, 30), heading('r3', 3, 24)])).toEqual([]);
  });
});

describe('competingPrimaries', () => {
  const buttons = [700, 680, 660].map((w, i) => button(`r${i + 1}`, { style: { fontWeight: w } }));

  it('flags three buttons within 10% of the top weight in the first screen', () => {
    const [finding] = competingPrimaries(buttons, viewport, visualWeights(buttons));
    expect(finding).toMatchObject({
      rule: 'competing-primaries',
      severity: 'major',
      regionIds: ['r1', 'r2', 'r3'],
      detail: '3 buttons within 6% of top visual weight: r1 1.00, r2 0.97, r3 0.94',
    });
  });

  it('is satisfied when one heading clearly leads', () => {
    const page = [heading('r4', 1, 48), ...buttons];
    expect(competingPrimaries(page, viewport, visualWeights(page))).toEqual([]);
  });

  it('ignores rivals below the first screen', () => {
    const page = [button('r1'), button('r2', { box: { y: 900 } })];
    expect(competingPrimaries(page, viewport, visualWeights(page))).toEqual([]);
  });
});

describe('headingOrder (as axe-core heading-order)', () => {
  it('flags each heading more than one level deeper than the one before it', () => {
    const page = [heading('r1', 1, 32), heading('r2', 3, 20), heading('r3', 2, 24), heading('r4', 5, 16)];
    const [finding] = headingOrder(page);
    expect(finding).toMatchObject({
      rule: 'heading-order',
      severity: 'minor',
      basis: 'measured',
      regionIds: ['r2', 'r4'],
      detail: 'h1 r1 → h3 r2, h2 r3 → h5 r4',
    });
    const [advised] = advise([{ id: 'hierarchy-1', ...finding! }], page);
    expect(advised?.title).toBe("'Heading r2' (h3) and 1 other heading skip a heading level");
    expect(advised?.fix).toMatch(/^Make 'Heading r2' an h2, one level below/);
    expect(advised?.why).toBeTruthy();
  });

  it('lets the first heading be any level, and levels rise back freely', () => {
    expect(headingOrder([heading('r1', 3, 20), heading('r2', 4, 18), heading('r3', 1, 32)])).toEqual([]);
  });

  it('follows document order where it differs from reading order', () => {
    // A sidebar h4 read first but written after the main h2 and h3.
    const sidebar = { ...heading('r1', 4, 16), domOrder: 2 };
    const main = [
      { ...heading('r2', 2, 24), domOrder: 0 },
      { ...heading('r3', 3, 20), domOrder: 1 },
    ];
    expect(headingOrder([sidebar, ...main])).toEqual([]);
    expect(
      headingOrder([{ ...sidebar, domOrder: 0 }, ...main.map((h) => ({ ...h, domOrder: h.domOrder + 1 }))]),
    ).toEqual([]);
    const skipped = [
      { ...sidebar, domOrder: 1 },
      { ...main[0]!, domOrder: 0 },
    ];
    expect(headingOrder(skipped)[0]?.regionIds).toEqual(['r1']);
  });
});
