import { describe, expect, it } from 'vitest';
import { contrastRatio, parseColor, type Rgba } from '@/utils/core/measure/color';
import {
  fixedTextColour,
  glyphContrast,
  textLikelihood,
  type Pixels,
} from '@/utils/core/measure/pixelContrast';

type Rgb = [number, number, number];
const hex = (css: string): Rgb => {
  const c = parseColor(css)!;
  return [c.r, c.g, c.b];
};
const rgba = ([r, g, b]: Rgb): Rgba => ({ r, g, b, a: 1 });
const mix = (a: Rgb, b: Rgb, t: number): Rgb =>
  [0, 1, 2].map((i) => Math.round(a[i]! + (b[i]! - a[i]!) * t)) as Rgb;

/** An image painted pixel by pixel. */
function image(width: number, height: number, paint: (x: number, y: number) => Rgb): Pixels {
  const data = new Uint8ClampedArray(width * height * 4);
  for (let y = 0; y < height; y++)
    for (let x = 0; x < width; x++) {
      const [r, g, b] = paint(x, y);
      data.set([r, g, b, 255], 4 * (y * width + x));
    }
  return { data, width, height };
}

/**
 * A line of "glyphs" on a ground: vertical strokes `stem` px wide every `pitch` px across the
 * word box, with one anti-aliased column on each side at `edge` coverage, as a rasteriser draws
 * a stem that does not sit on whole pixels.
 */
function word(ink: Rgb, ground: Rgb, { stem = 3, pitch = 9, edge = 0.5 } = {}) {
  const box = { x: 20, y: 10, width: 90, height: 24 };
  const pixels = image(130, 44, (x, y) => {
    if (y < box.y || y >= box.y + box.height || x < box.x || x >= box.x + box.width) return ground;
    const at = (x - box.x) % pitch;
    if (at >= 1 && at <= stem) return ink;
    if (at === 0 || at === stem + 1) return mix(ground, ink, edge);
    return ground;
  });
  return { pixels, box };
}

describe('contrast of glyphs from their pixels', () => {
  it('finds #999 on #bbb, anti-aliased edges and all', () => {
    const { pixels, box } = word(hex('#999'), hex('#bbb'));
    const found = glyphContrast(pixels, box)!;
    const truth = contrastRatio(rgba(hex('#999')), rgba(hex('#bbb')));
    expect(truth).toBeCloseTo(1.48, 2);
    expect(found.ratio).toBeCloseTo(truth, 2);
    expect(found.text).toMatchObject({ r: 153, g: 153, b: 153 });
    expect(found.ground).toMatchObject({ r: 187, g: 187, b: 187 });
  });

  it('tells light text on a dark ground from dark on light by the ground around the word', () => {
    const { pixels, box } = word(hex('#fff'), hex('#1a3d6b'));
    const found = glyphContrast(pixels, box)!;
    expect(found.text).toMatchObject({ r: 255, g: 255, b: 255 });
    expect(found.ground).toMatchObject({ r: 0x1a, g: 0x3d, b: 0x6b });
    expect(found.ratio).toBeCloseTo(contrastRatio(rgba(hex('#fff')), rgba(hex('#1a3d6b'))), 2);
  });

  it('takes cluster centres, not extremes: heavy anti-aliasing and a stray dark speck move neither colour', () => {
    const ink = hex('#111');
    const ground = hex('#fff');
    // Thin stems, and edges at a third and two thirds coverage.
    const { pixels, box } = word(ink, ground, { stem: 2, pitch: 7, edge: 0.33 });
    for (let x = 60; x < 66; x++) pixels.data.set([0, 0, 0, 255], 4 * (20 * pixels.width + x));
    const found = glyphContrast(pixels, box)!;
    expect(found.text.r).toBeCloseTo(0x11, 0);
    expect(found.ground.r).toBe(255);
    expect(found.ratio).toBeCloseTo(contrastRatio(rgba(ink), rgba(ground)), 1);
  });

  it('measures nothing where there is no text on an even ground', () => {
    const flat = image(100, 40, () => hex('#bbb'));
    expect(glyphContrast(flat, { x: 10, y: 10, width: 60, height: 20 })).toBeNull();
    const gradient = image(100, 40, (x) => [x * 2, x * 2, 200]);
    expect(glyphContrast(gradient, { x: 10, y: 10, width: 60, height: 20 })).toBeNull();
    // Half dark, half light: an edge in a picture, not glyphs on a ground.
    const halves = image(100, 40, (_, y) => (y < 20 ? hex('#000') : hex('#fff')));
    expect(glyphContrast(halves, { x: 10, y: 10, width: 60, height: 20 })).toBeNull();
  });
});

describe('the pre-check before OCR', () => {
  it('passes marks on an even ground, and fails a gradient and noise', () => {
    expect(textLikelihood(word(hex('#999'), hex('#bbb')).pixels).likely).toBe(true);
    expect(textLikelihood(word(hex('#111'), hex('#fff')).pixels).likely).toBe(true);
    expect(textLikelihood(image(300, 100, (x, y) => [x % 256, (y * 2) % 256, 128])).likely).toBe(false);
    let seed = 7;
    const random = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31) * 255;
    expect(textLikelihood(image(200, 100, () => [random(), random(), random()])).likely).toBe(false);
    expect(textLikelihood(image(200, 100, () => hex('#bbb'))).likely).toBe(false);
  });
});

describe('the fix colour', () => {
  it('is the lightest darkening of the text that reaches the ratio, as written in whole channels', () => {
    const ground = rgba(hex('#bbb'));
    const fixed = fixedTextColour(rgba(hex('#999')), ground, 4.5)!;
    expect(contrastRatio(fixed, ground)).toBeGreaterThanOrEqual(4.5);
    expect(contrastRatio({ ...fixed, r: fixed.r + 1, g: fixed.g + 1, b: fixed.b + 1 }, ground)).toBeLessThan(
      4.5,
    );
  });

  it('lightens light text on a dark ground, and gives up where even white cannot reach the ratio', () => {
    const navy = rgba(hex('#1a3d6b'));
    const fixed = fixedTextColour(rgba(hex('#7a8aa0')), navy, 4.5)!;
    expect(fixed.r).toBeGreaterThan(0x7a);
    expect(contrastRatio(fixed, navy)).toBeGreaterThanOrEqual(4.5);
    expect(fixedTextColour(rgba(hex('#999')), rgba(hex('#777')), 4.5)).toBeNull();
  });
});
