/**
 * Color math behind the contrast checks: parsing computed colors, WCAG 2.x relative
 * luminance, alpha compositing and the contrast ratio
 * (https://www.w3.org/TR/WCAG21/#dfn-contrast-ratio, https://www.w3.org/TR/WCAG21/#dfn-relative-luminance).
 */

/** Channels r, g, b in 0–255 (possibly fractional after compositing), alpha in 0–1. */
export interface Rgba {
  r: number;
  g: number;
  b: number;
  a: number;
}

/** The initial canvas: what shows through a background that is still translucent at the root. */
export const WHITE: Rgba = { r: 255, g: 255, b: 255, a: 1 };

const clamp = (value: number, low: number, high: number) => Math.min(high, Math.max(low, value));

function channel(token: string): number {
  const value = token.endsWith('%') ? (parseFloat(token) / 100) * 255 : parseFloat(token);
  return clamp(value, 0, 255);
}

function alpha(token: string): number {
  const value = token.endsWith('%') ? parseFloat(token) / 100 : parseFloat(token);
  return clamp(value, 0, 1);
}

function parseHex(hex: string): Rgba | null {
  const full = hex.length <= 4 ? [...hex].map((c) => c + c).join('') : hex;
  if (full.length !== 6 && full.length !== 8) return null;
  const at = (i: number) => parseInt(full.slice(i, i + 2), 16);
  return { r: at(0), g: at(2), b: at(4), a: full.length === 8 ? at(6) / 255 : 1 };
}

/** Parses `rgb()`/`rgba()` (comma or space syntax, `/` alpha, percentages) and `#hex`; null otherwise. */
export function parseColor(css: string): Rgba | null {
  const value = css.trim().toLowerCase();
  if (value === 'transparent') return { r: 0, g: 0, b: 0, a: 0 };
  const hex = /^#([0-9a-f]{3,8})$/.exec(value);
  if (hex) return parseHex(hex[1] ?? '');
  const fn = /^rgba?\(([^)]*)\)$/.exec(value);
  if (!fn) return null;
  const parts = (fn[1] ?? '').split(/[\s,/]+/).filter(Boolean);
  if (parts.length !== 3 && parts.length !== 4) return null;
  const [r, g, b] = parts.slice(0, 3).map(channel);
  const color = { r: r ?? NaN, g: g ?? NaN, b: b ?? NaN, a: parts[3] === undefined ? 1 : alpha(parts[3]) };
  return Object.values(color).some(Number.isNaN) ? null : color;
}

/**
 * Relative luminance, WCAG 2.x. The linear threshold is the sRGB standard's 0.04045 (WCAG 2.1
 * prints 0.03928; no 8-bit channel value falls between the two, so results are identical).
 */
export function relativeLuminance(color: Rgba): number {
  const linear = (c: number) => {
    const s = c / 255;
    return s <= 0.04045 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
  };
  return 0.2126 * linear(color.r) + 0.7152 * linear(color.g) + 0.0722 * linear(color.b);
}

/** `top` painted over `bottom` with source-over compositing (https://www.w3.org/TR/compositing-1/#simplealphacompositing). */
export function composite(top: Rgba, bottom: Rgba): Rgba {
  const a = top.a + bottom.a * (1 - top.a);
  if (a === 0) return { r: 0, g: 0, b: 0, a: 0 };
  const mix = (t: number, b: number) => (t * top.a + b * bottom.a * (1 - top.a)) / a;
  return { r: mix(top.r, bottom.r), g: mix(top.g, bottom.g), b: mix(top.b, bottom.b), a };
}

/** (L1 + 0.05) / (L2 + 0.05), lighter over darker: 1 to 21. Both colors are taken as opaque. */
export function contrastRatio(one: Rgba, other: Rgba): number {
  const [light, dark] = [relativeLuminance(one), relativeLuminance(other)].sort((x, y) => y - x);
  return ((light ?? 0) + 0.05) / ((dark ?? 0) + 0.05);
}

export interface TextContrast {
  ratio: number;
  /** The text color as it shows after compositing over the background. */
  foreground: Rgba;
  background: Rgba;
}

/**
 * Contrast of text over its effective background. A background still translucent is laid
 * on the white canvas first; a translucent text color is then composited over that.
 */
export function textContrast(colorCss: string, backgroundCss: string): TextContrast | null {
  // A page has a few dozen color pairs across hundreds of regions: compute each pair once.
  const key = `${colorCss}|${backgroundCss}`;
  if (!contrastCache.has(key)) {
    if (contrastCache.size > 5000) contrastCache.clear();
    contrastCache.set(key, computeTextContrast(colorCss, backgroundCss));
  }
  return contrastCache.get(key)!;
}

const contrastCache = new Map<string, TextContrast | null>();

function computeTextContrast(colorCss: string, backgroundCss: string): TextContrast | null {
  const color = parseColor(colorCss);
  const backdrop = parseColor(backgroundCss);
  if (!color || !backdrop) return null;
  const background = composite(backdrop, WHITE);
  const foreground = composite(color, background);
  return { ratio: contrastRatio(foreground, background), foreground, background };
}

/** `#777777`, from rounded channels. */
export function toHex(color: Rgba): string {
  const hex = (c: number) => Math.round(c).toString(16).padStart(2, '0');
  return `#${hex(color.r)}${hex(color.g)}${hex(color.b)}`;
}
