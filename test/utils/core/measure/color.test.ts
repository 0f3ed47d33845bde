import { describe, expect, it } from 'vitest';
import {
  composite,
  contrastRatio,
  parseColor,
  relativeLuminance,
  textContrast,
  toHex,
} from '@/utils/core/measure/color';

const hex = (value: string) => {
  const color = parseColor(value);
  if (!color) throw new Error(`unparsable ${value}`);
  return color;
};

describe('parseColor', () => {
  it('reads computed rgb() and rgba() strings', () => {
    expect(parseColor('rgb(119, 119, 119)')).toEqual({ r: 119, g: 119, b: 119, a: 1 });
    expect(parseColor('rgba(0, 0, 0, 0.3)')).toEqual({ r: 0, g: 0, b: 0, a: 0.3 });
    expect(parseColor('rgb(255 0 0 / 50%)')).toEqual({ r: 255, g: 0, b: 0, a: 0.5 });
    expect(parseColor('rgb(100%, 0%, 0%)')).toEqual({ r: 255, g: 0, b: 0, a: 1 });
  });

  it('reads hex and transparent, and refuses anything else', () => {
    expect(parseColor('#777')).toEqual({ r: 119, g: 119, b: 119, a: 1 });
    expect(parseColor('#00000080')?.a).toBeCloseTo(0.502, 3);
    expect(parseColor('transparent')).toEqual({ r: 0, g: 0, b: 0, a: 0 });
    expect(parseColor('linear-gradient(red, blue)')).toBeNull();
    expect(parseColor('rgb(1, 2)')).toBeNull();
    expect(parseColor('rgb(a, b, c)')).toBeNull();
  });
});

describe('relative luminance and contrast ratio (WCAG 2.x)', () => {
  it('gives the endpoints: white 1, black 0, 21:1 between them', () => {
    expect(relativeLuminance(hex('#fff'))).toBe(1);
    expect(relativeLuminance(hex('#000'))).toBe(0);
    expect(contrastRatio(hex('#000'), hex('#fff'))).toBe(21);
  });

  it('matches known pairs', () => {
    expect(relativeLuminance(hex('#777'))).toBeCloseTo(0.1845, 4);
    expect(contrastRatio(hex('#777'), hex('#fff'))).toBeCloseTo(4.48, 2);
    // #767676 is the lightest gray that meets 4.5:1 on white.
    expect(contrastRatio(hex('#767676'), hex('#fff'))).toBeCloseTo(4.54, 2);
    expect(contrastRatio(hex('#999'), hex('#fff'))).toBeCloseTo(2.85, 2);
    expect(contrastRatio(hex('#333'), hex('#fff'))).toBeCloseTo(12.63, 2);
    expect(contrastRatio(hex('#000'), hex('#666'))).toBeCloseTo(3.66, 2);
    expect(contrastRatio(hex('#777'), hex('#eee'))).toBeCloseTo(3.86, 2);
  });

  it('does not depend on argument order', () => {
    expect(contrastRatio(hex('#fff'), hex('#777'))).toBe(contrastRatio(hex('#777'), hex('#fff')));
  });
});

describe('compositing', () => {
  it('lays 30% black over white as a light gray', () => {
    const gray = composite(hex('rgba(0, 0, 0, 0.3)'), hex('#fff'));
    expect(gray).toEqual({ r: 178.5, g: 178.5, b: 178.5, a: 1 });
    expect(toHex(gray)).toBe('#b3b3b3');
  });

  it('measures translucent text against what shows through it', () => {
    const measured = textContrast('rgba(0, 0, 0, 0.3)', 'rgba(255, 255, 255, 1)');
    expect(measured?.ratio).toBeCloseTo(2.11, 2);
    expect(toHex(measured!.foreground)).toBe('#b3b3b3');
  });

  it('puts a translucent background on the white canvas first', () => {
    const measured = textContrast('rgba(255, 255, 255, 1)', 'rgba(0, 0, 0, 0.5)');
    expect(toHex(measured!.background)).toBe('#808080');
    expect(measured?.ratio).toBeCloseTo(3.98, 2);
  });

  it('returns null when a color cannot be read', () => {
    expect(textContrast('currentcolor', 'rgba(255, 255, 255, 1)')).toBeNull();
  });
});

describe('parseColor in the CSS Color 4 spaces computed styles keep', () => {
  const near = (css: string, [r, g, b]: number[], a = 1) => {
    const color = parseColor(css)!;
    expect(color, css).not.toBeNull();
    for (const [got, want] of [
      [color.r, r],
      [color.g, g],
      [color.b, b],
    ])
      expect(Math.abs(got! - want!), css).toBeLessThanOrEqual(1);
    expect(color.a).toBeCloseTo(a, 5);
  };

  it('converts oklch, oklab, lab, lch and color() to sRGB', () => {
    near('oklch(0.627955 0.257683 29.2339)', [255, 0, 0]); // sRGB red, as CSS Color 4 lists it
    near('oklch(1 0 0)', [255, 255, 255]);
    near('oklch(0 0 0 / 0.5)', [0, 0, 0], 0.5);
    near('oklab(0.519752 -0.140302 0.107676)', [0, 128, 0]); // green
    near('lab(100 0 0)', [255, 255, 255]);
    near('lab(0 0 0)', [0, 0, 0]);
    // Neutral: no chroma gives equal channels; lch is lab in polar form.
    const grey = parseColor('lab(50 0 0)')!;
    expect(Math.abs(grey.r - grey.g) + Math.abs(grey.g - grey.b)).toBeLessThan(0.5);
    expect(parseColor('lch(50 30 90)')).toEqual(parseColor('lab(50 0 30)'));
    near('color(srgb 1 0.5 0)', [255, 128, 0]);
    near('color(display-p3 1 1 1)', [255, 255, 255]);
  });

  it('clips colors outside sRGB and rejects spaces it does not know', () => {
    near('color(display-p3 1 0 0)', [255, 0, 0]);
    expect(parseColor('color(rec2020 1 0 0)')).toBeNull();
    expect(parseColor('oklch(0.5 0.1)')).toBeNull();
  });
});
