import { describe, expect, it } from 'vitest';
import { contrastRatio, type Rgba } from '@/utils/core/measure/color';
import { haloContrast, inkContrast, over, parseShadows, type TextInk } from '@/utils/page/regions/textPaint';

const rgb = (r: number, g: number, b: number, a = 1): Rgba => ({ r, g, b, a });
const BLACK = rgb(0, 0, 0);
const WHITE = rgb(255, 255, 255);
const ink = (overrides: Partial<TextInk> = {}): TextInk => ({
  fill: BLACK,
  stroke: null,
  strokeWidth: 0,
  shadows: [],
  fontSize: 16,
  ...overrides,
});

describe('over', () => {
  it('blends as 8-bit rendering does, rounding each channel', () => {
    // rgba(0, 0, 0, 0.54) on #fff0f2 shows as #756e6f: 4.51:1, where unrounded channels give 4.48:1.
    const shown = over(rgb(0, 0, 0, 0.54), rgb(255, 240, 242));
    expect(shown).toEqual(rgb(117, 110, 111));
    expect(contrastRatio(shown, rgb(255, 240, 242))).toBeGreaterThan(4.5);
  });
});

describe('parseShadows', () => {
  it('reads the computed form, color first, and fills in a missing blur', () => {
    expect(parseShadows('rgb(0, 0, 0) 1px 2px 3px, rgba(255, 0, 0, 0.5) -1px 0px', WHITE)).toEqual([
      { color: BLACK, x: 1, y: 2, blur: 3 },
      { color: rgb(255, 0, 0, 0.5), x: -1, y: 0, blur: 0 },
    ]);
    expect(parseShadows('none', WHITE)).toEqual([]);
  });
});

describe('inkContrast', () => {
  it('is the plain ratio without shadow or stroke', () => {
    expect(inkContrast(ink(), WHITE, null)!.ratio).toBeCloseTo(21, 5);
  });

  it('counts a blurred shadow at an alpha that falls with the blur, as axe-core does', () => {
    // White text, 0 0 4px black on white: the blur lies behind the text at 0.185 / (4/16 + 0.4) alpha.
    const shadows = parseShadows('rgb(0, 0, 0) 0px 0px 4px', WHITE);
    const result = inkContrast(ink({ fill: WHITE, shadows }), WHITE, null)!;
    expect(result.ratio).toBeCloseTo(2.02, 1);
    expect(result.bg).toEqual(rgb(182, 182, 182));
  });

  it('takes a thin shadow on all four sides as an outline, and one on two sides as undecidable', () => {
    const four = parseShadows(
      'rgb(0, 0, 0) 1px 1px 0px, rgb(0, 0, 0) -1px 1px 0px, rgb(0, 0, 0) 1px -1px 0px, rgb(0, 0, 0) -1px -1px 0px',
      WHITE,
    );
    expect(inkContrast(ink({ fill: WHITE, shadows: four }), WHITE, null)!.ratio).toBeGreaterThan(4.5);
    const two = parseShadows('rgb(0, 0, 0) 2px 2px 0px, rgb(0, 0, 0) -2px 2px 0px', WHITE);
    expect(inkContrast(ink({ fill: WHITE, shadows: two }), WHITE, null)).toBeNull();
  });

  it('paints with a stroke of at least 0.03em, over the fill', () => {
    const stroked = ink({ fill: WHITE, stroke: BLACK, strokeWidth: 2, fontSize: 24 });
    expect(inkContrast(stroked, WHITE, null)!.ratio).toBeCloseTo(21, 5);
    const hairline = ink({ fill: rgb(238, 238, 238), stroke: BLACK, strokeWidth: 0.3, fontSize: 24 });
    expect(inkContrast(hairline, WHITE, null)!.ratio).toBeLessThan(1.2);
  });

  it('blends an opacity group over what is behind it: text and its own background both', () => {
    // A white card with black text at half opacity over black: the text stays black, the card turns grey.
    const result = inkContrast(ink(), WHITE, { opacity: 0.5, backdrop: BLACK })!;
    expect(result.fg).toEqual(BLACK);
    expect(result.bg).toEqual(rgb(128, 128, 128));
    expect(result.ratio).toBeCloseTo(5.32, 1);
    // W3C ACT afw4f7 Failed Example 5: black text at 0.3 opacity on white.
    const faint = inkContrast(ink(), rgb(0, 0, 0, 0), { opacity: 0.3, backdrop: WHITE })!;
    expect(faint.ratio).toBeLessThan(4.5);
  });
});

describe('haloContrast', () => {
  it('passes light text with a dark centered halo over an image (W3C ACT afw4f7 Passed Example 3)', () => {
    const shadows = parseShadows('rgb(0, 0, 0) 0px 0px 2px', WHITE);
    expect(haloContrast(ink({ fill: rgb(204, 204, 204), shadows }), BLACK, null)!.ratio).toBeGreaterThan(4.5);
  });

  it('finds no halo in a drop shadow or a thin blur', () => {
    expect(
      haloContrast(ink({ shadows: parseShadows('rgb(0, 0, 0) 1px 1px 1px', WHITE) }), BLACK, null),
    ).toBeNull();
    expect(haloContrast(ink({ shadows: [] }), BLACK, null)).toBeNull();
  });
});
