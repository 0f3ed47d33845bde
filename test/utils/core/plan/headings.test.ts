import { describe, expect, it } from 'vitest';
import { headingInversions } from '@/utils/core/measure/hierarchy';
import { onScale } from '@/utils/core/measure/typeScale';
import { parseColor } from '@/utils/core/measure/color';
import { rawWeight } from '@/utils/core/measure/weight';
import { toCssPatch } from '@/utils/core/plan/cssPatch';
import { headingOrderColors, headingSize, headingWeights } from '@/utils/core/plan/headings';
import { sameHueFamily } from '@/utils/core/plan/palette';
import { predict, predictPatch } from '@/utils/core/plan/predict';
import type { Blueprint } from '@/utils/core/schemas/plan';
import type { Region } from '@/utils/core/schemas/region';
import { WHITE, heading, region, rgba } from '@/test/fixtures/regions';

const scale = { base: 16, ratio: 1.2 };
const emphases = ['primary', 'secondary', 'tertiary'] as const;

describe('headingSize', () => {
  it('puts every level on the scale and keeps each level above the next, whatever the emphasis', () => {
    for (let level = 1; level <= 5; level++) {
      for (const a of emphases) {
        const size = headingSize(scale, level, a);
        expect(onScale(size, scale.base, scale.ratio)).toBe(true);
        for (const b of emphases) expect(size).toBeGreaterThan(headingSize(scale, level + 1, b));
      }
    }
  });
});

describe('headingWeights', () => {
  it('never draws a deeper level bolder than a shallower one', () => {
    const placed = [
      { region: heading('r1', 2, 24, { style: { fontWeight: 400 } }), emphasis: 'tertiary' as const },
      { region: heading('r2', 3, 20, { style: { fontWeight: 400 } }), emphasis: 'primary' as const },
      { region: heading('r3', 4, 18, { style: { fontWeight: 300 } }), emphasis: 'tertiary' as const },
    ].map((h) => ({ ...h, opensSection: false }));
    // The h3 in a primary section is set bold; the h2 in page chrome follows it up.
    expect(Object.fromEntries(headingWeights(placed))).toEqual({ r1: 700, r2: 700, r3: 300 });
  });
});

describe('headings in order after the patch', () => {
  const section = (id: string, emphasis: Blueprint['sections'][number]['emphasis'], ids: string[]) => ({
    id,
    source: 'main',
    emphasis,
    regionIds: ids,
  });

  it('fixes inverted levels (an h4 drawn larger than the h3 under it), as the measure sees them', () => {
    // The demo page's plan cards: the plan name is an h4 at 22px, its price an h3 at 17px.
    const page: Region[] = [
      heading('r1', 1, 34, { box: { y: 0, height: 40 } }),
      heading('r2', 4, 22, { box: { y: 60, height: 26 } }),
      heading('r3', 3, 17, { box: { y: 90, height: 20 } }),
      region('r4', { box: { y: 120 } }),
    ];
    expect(headingInversions(page).map((f) => f.rule)).toEqual(['heading-inversion']);
    const blueprint: Blueprint = {
      sections: [section('s1', 'primary', ['r1']), section('s2', 'secondary', ['r2', 'r3', 'r4'])],
      typeScale: scale,
      spacingUnit: 8,
    };
    const drawn = predictPatch(page, toCssPatch(blueprint, page));
    expect(headingInversions(drawn)).toEqual([]);
    const weight = (id: string) =>
      rawWeight(
        drawn.find((r) => r.id === id)!,
        WHITE,
      );
    expect(weight('r1')).toBeGreaterThan(weight('r3'));
    expect(weight('r3')).toBeGreaterThan(weight('r2'));
  });

  it('gives a pale shallower heading a stronger shade of its own colour when a deeper one outweighs it', () => {
    // A teal site title (h1, 1.9:1) against a long black h3 that wraps to two lines.
    const teal = rgba('#14d0d0');
    const h1 = heading('r1', 1, 31, { style: { color: teal }, box: { width: 700, height: 37 } });
    const h3 = heading('r2', 3, 23, { box: { y: 200, width: 640, height: 56 } });
    expect(rawWeight(h1, WHITE)).toBeLessThan(rawWeight(h3, WHITE));
    const colors = headingOrderColors([h1, h3], () => WHITE, []);
    expect([...colors.keys()]).toEqual(['r1']);
    const fixed = predict(h1, colors.get('r1'));
    expect(rawWeight(fixed, WHITE)).toBeGreaterThan(1.05 * rawWeight(h3, WHITE));
    const color = parseColor(colors.get('r1')?.color ?? '')!;
    expect(sameHueFamily(color, parseColor(teal)!)).toBe(true);
  });
});
