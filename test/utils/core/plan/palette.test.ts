import { describe, expect, it } from 'vitest';
import { composite, contrastRatio, parseColor, toHex, type Rgba } from '@/utils/core/measure/color';
import { hue } from '@/utils/core/plan/oklab';
import { nearestPassingColor, pagePalette, passingShade, sameHueFamily } from '@/utils/core/plan/palette';
import { WHITE as WHITE_CSS, region, rgba } from '@/test/fixtures/regions';

const hex = (value: string): Rgba => parseColor(value)!;
const WHITE = hex('#ffffff');

describe('WCAG 2.x contrast ratios', () => {
  // Published reference values (WebAIM contrast checker, which implements the WCAG formula).
  it.each([
    ['#000000', 21],
    ['#767676', 4.54],
    ['#777777', 4.48],
    ['#595959', 7.0],
    ['#0000ff', 8.59],
  ])('%s on white is %s:1', (color, ratio) => {
    expect(contrastRatio(hex(color), WHITE)).toBeCloseTo(ratio, 2);
  });
});

describe('nearestPassingColor', () => {
  const greys = ['#999999', '#777777', '#595959', '#222222', '#ffffff'].map(hex);

  it('takes the nearest palette colour of the same hue family that passes, not the darkest', () => {
    const choice = nearestPassingColor(hex('#999999'), WHITE, 4.5, greys);
    // #777777 is nearer but fails at 4.48:1; #595959 passes at 7.00:1; #222222 is further away.
    expect(choice).toMatchObject({ hex: '#595959', source: 'palette' });
    expect(choice.ratio).toBeCloseTo(7.0, 2);
  });

  it('needs less for large text (3:1), so the nearer colour passes', () => {
    expect(nearestPassingColor(hex('#999999'), WHITE, 3, greys).hex).toBe('#777777');
  });

  it('keeps a blue link blue: a passing blue from the palette before any grey', () => {
    const palette = [...greys, hex('#0645ad')];
    expect(nearestPassingColor(hex('#04a6ff'), WHITE, 4.5, palette)).toMatchObject({
      hex: '#0645ad',
      source: 'palette',
    });
  });

  it('without a passing colour of its hue, darkens its own hue just enough', () => {
    const choice = nearestPassingColor(hex('#04a6ff'), WHITE, 4.5, greys);
    expect(choice.source).toBe('shade');
    expect(choice.ratio).toBeGreaterThanOrEqual(4.5);
    // Just enough: a WCAG ratio barely above the threshold, hue kept within a few degrees.
    expect(choice.ratio).toBeLessThan(4.7);
    expect(Math.abs(hue(choice.color) - hue(hex('#04a6ff')))).toBeLessThan(5);
  });

  it('lightens on a dark background', () => {
    const navy = hex('#1c130e');
    const shade = passingShade(hex('#9a8377'), navy, 7);
    expect(contrastRatio(shade, navy)).toBeGreaterThanOrEqual(7);
    expect(contrastRatio(shade, WHITE)).toBeLessThan(contrastRatio(hex('#9a8377'), WHITE));
  });

  it('judges text drawn at 60% opacity as it will show, since the opacity stays', () => {
    const callout = hex('#fafad2');
    const shownNow = composite({ ...hex('#800004'), a: 0.6 }, callout);
    expect(contrastRatio(shownNow, callout)).toBeLessThan(4.5);
    const choice = nearestPassingColor(shownNow, callout, 4.5, [hex('#800004'), hex('#000000')], 0.6);
    expect(contrastRatio(composite({ ...choice.color, a: 0.6 }, callout), callout)).toBeGreaterThanOrEqual(
      4.5,
    );
    expect(choice.ratio).toBeGreaterThanOrEqual(4.5);
  });

  it('checks the ratio on the 8-bit colour it returns', () => {
    for (const [fg, bg] of [
      ['#14d0d0', '#ffffff'],
      ['#ff5c50', '#3c3e47'],
      ['#ffffff', '#04a6ff'],
      ['#b69a52', '#f6f6f6'],
    ] as const) {
      const choice = nearestPassingColor(hex(fg), hex(bg), 4.5, greys);
      expect(contrastRatio(hex(choice.hex), hex(bg)), `${fg} on ${bg}`).toBeGreaterThanOrEqual(4.5);
    }
  });
});

describe('sameHueFamily', () => {
  it('tells greys from colours, and hues apart', () => {
    expect(sameHueFamily(hex('#999999'), hex('#222222'))).toBe(true);
    expect(sameHueFamily(hex('#999999'), hex('#0645ad'))).toBe(false);
    expect(sameHueFamily(hex('#04a6ff'), hex('#0645ad'))).toBe(true);
    expect(sameHueFamily(hex('#04a6ff'), hex('#ff5c50'))).toBe(false);
  });
});

describe('pagePalette', () => {
  it('holds the text colours as they show and the solid backgrounds, once each', () => {
    const regions = [
      region('r1', { style: { color: rgba('#333333') } }),
      region('r2', { style: { color: rgba('#000000', 0.5) } }),
      region('r3', { style: { color: WHITE_CSS, background: rgba('#0a66c2') } }),
      region('r4', { style: { color: rgba('#333333') } }),
    ];
    expect(pagePalette(regions).map(toHex)).toEqual(['#0a66c2', '#333333', '#808080', '#ffffff']);
  });
});
