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

/**
 * Parses `rgb()`/`rgba()` (comma or space syntax, `/` alpha, percentages) and `#hex`, and the
 * CSS Color 4 spaces computed styles keep as written (`oklch()`, `oklab()`, `lab()`, `lch()`,
 * `color()`), converted to sRGB; null otherwise.
 */
export function parseColor(css: string): Rgba | null {
  // A page has a few dozen colors, asked for again and again by measures and the plan: parse
  // each once. The result is frozen, as it is shared.
  let parsed = parsedColors.get(css);
  if (parsed === undefined) {
    if (parsedColors.size > 5000) parsedColors.clear();
    const color = parseColorOnce(css);
    parsedColors.set(css, (parsed = color && Object.freeze(color)));
  }
  return parsed;
}

const parsedColors = new Map<string, Readonly<Rgba> | null>();

function parseColorOnce(css: string): Rgba | null {
  const value = css.trim().toLowerCase();
  if (value === 'transparent') return { r: 0, g: 0, b: 0, a: 0 };
  const hex = /^#([0-9a-f]{3,8})$/.exec(value);
  if (hex) return parseHex(hex[1] ?? '');
  const wide = /^(oklch|oklab|lab|lch|color)\(([^)]*)\)$/.exec(value);
  if (wide) return parseWideGamut(wide[1]!, wide[2]!);
  const fn = /^rgba?\(([^)]*)\)$/.exec(value);
  if (!fn) return null;
  const parts = (fn[1] ?? '').split(/[\s,/]+/).filter(Boolean);
  if (parts.length !== 3 && parts.length !== 4) return null;
  const [r, g, b] = parts.slice(0, 3).map(channel);
  const color = { r: r ?? NaN, g: g ?? NaN, b: b ?? NaN, a: parts[3] === undefined ? 1 : alpha(parts[3]) };
  return Object.values(color).some(Number.isNaN) ? null : color;
}

const number = (token: string | undefined, percentScale = 1): number =>
  token === undefined || token === 'none'
    ? 0
    : token.endsWith('%')
      ? (parseFloat(token) / 100) * percentScale
      : parseFloat(token);

type Vec = [number, number, number];
const times = (m: readonly Vec[], v: Vec): Vec =>
  m.map((row) => row[0] * v[0] + row[1] * v[1] + row[2] * v[2]) as Vec;

// Matrices from CSS Color 4, §18 "Sample code for color conversions" (https://www.w3.org/TR/css-color-4/#color-conversion-code).
const OKLAB_TO_LMS: Vec[] = [
  [1, 0.3963377773761749, 0.2158037573099136],
  [1, -0.1055613458156586, -0.0638541728258133],
  [1, -0.0894841775298119, -1.2914855480194092],
];
const LMS_TO_XYZ_D65: Vec[] = [
  [1.2268798758459243, -0.5578149944602171, 0.2813910456659647],
  [-0.0405757452148008, 1.112286803280317, -0.0717110580655164],
  [-0.0763729366746601, -0.4214933324022432, 1.5869240198367816],
];
const XYZ_D65_TO_LINEAR_SRGB: Vec[] = [
  [3.2409699419045226, -1.537383177570094, -0.4986107602930034],
  [-0.9692436362808796, 1.8759675015077202, 0.04155505740717559],
  [0.05563007969699366, -0.20397695888897652, 1.0569715142428786],
];
const XYZ_D50_TO_D65: Vec[] = [
  [0.955473421488075, -0.02309845494876471, 0.06325924320057072],
  [-0.0283697093338637, 1.0099953980813041, 0.021041441191917323],
  [0.012314014864481998, -0.020507649298898964, 1.330365926242124],
];
const LINEAR_P3_TO_XYZ_D65: Vec[] = [
  [0.4865709486482162, 0.26566769316909306, 0.1982172852343625],
  [0.2289745640697488, 0.6917385218365064, 0.079286914093745],
  [0, 0.04511338185890264, 1.043944368900976],
];
const D50 = [0.3457 / 0.3585, 1, (1 - 0.3457 - 0.3585) / 0.3585];

const gammaEncode = (c: number) =>
  Math.abs(c) <= 0.0031308 ? 12.92 * c : Math.sign(c) * (1.055 * Math.abs(c) ** (1 / 2.4) - 0.055);
const gammaDecode = (c: number) =>
  Math.abs(c) <= 0.04045 ? c / 12.92 : Math.sign(c) * ((Math.abs(c) + 0.055) / 1.055) ** 2.4;

function labToXyzD65(l: number, a: number, b: number): Vec {
  const e = 216 / 24389;
  const k = 24389 / 27;
  const fy = (l + 16) / 116;
  const fx = a / 500 + fy;
  const fz = fy - b / 200;
  const xyz: Vec = [
    fx ** 3 > e ? fx ** 3 : (116 * fx - 16) / k,
    l > k * e ? fy ** 3 : l / k,
    fz ** 3 > e ? fz ** 3 : (116 * fz - 16) / k,
  ];
  return times(XYZ_D50_TO_D65, xyz.map((v, i) => v * D50[i]!) as Vec);
}

/** oklch, oklab, lab, lch and color(srgb | srgb-linear | display-p3), clipped into sRGB. */
function parseWideGamut(space: string, args: string): Rgba | null {
  const [channels = '', alphaToken] = args.split('/').map((part) => part.trim());
  const tokens = channels.split(/[\s,]+/).filter(Boolean);
  let profile = space;
  if (space === 'color') profile = tokens.shift() ?? '';
  if (tokens.length !== 3) return null;
  const [t0, t1, t2] = tokens;
  let linear: Vec;
  if (profile === 'oklab' || profile === 'oklch') {
    const l = number(t0, 1);
    let a = number(t1, 0.4);
    let b = number(t2, 0.4);
    if (profile === 'oklch') {
      const hue = (number(t2) * Math.PI) / 180;
      [a, b] = [a * Math.cos(hue), a * Math.sin(hue)];
    }
    const lms = times(OKLAB_TO_LMS, [l, a, b]).map((c) => c ** 3) as Vec;
    linear = times(XYZ_D65_TO_LINEAR_SRGB, times(LMS_TO_XYZ_D65, lms));
  } else if (profile === 'lab' || profile === 'lch') {
    const l = number(t0, 100);
    let a = number(t1, 125);
    let b = number(t2, 125);
    if (profile === 'lch') {
      const hue = (number(t2) * Math.PI) / 180;
      [a, b] = [number(t1, 150) * Math.cos(hue), number(t1, 150) * Math.sin(hue)];
    }
    linear = times(XYZ_D65_TO_LINEAR_SRGB, labToXyzD65(l, a, b));
  } else if (profile === 'srgb' || profile === 'srgb-linear' || profile === 'display-p3') {
    const rgb = [t0, t1, t2].map((t) => number(t, 1)) as Vec;
    if (profile === 'srgb') linear = rgb.map(gammaDecode) as Vec;
    else if (profile === 'srgb-linear') linear = rgb;
    else linear = times(XYZ_D65_TO_LINEAR_SRGB, times(LINEAR_P3_TO_XYZ_D65, rgb.map(gammaDecode) as Vec));
  } else {
    return null;
  }
  const [r, g, b] = linear.map((c) => clamp(gammaEncode(c), 0, 1) * 255);
  const a = alphaToken === undefined ? 1 : alpha(alphaToken);
  return [r, g, b, a].some((v) => v === undefined || Number.isNaN(v)) ? null : { r: r!, g: g!, b: b!, a };
}

/**
 * Relative luminance, WCAG 2.x. The linear threshold is the sRGB standard's 0.04045 (WCAG 2.1
 * prints 0.03928; no 8-bit channel value falls between the two, so results are identical).
 */
export function relativeLuminance(color: Rgba): number {
  return 0.2126 * linearChannel(color.r) + 0.7152 * linearChannel(color.g) + 0.0722 * linearChannel(color.b);
}

function linearChannel(c: number): number {
  const s = c / 255;
  return s <= 0.04045 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
}

/** `top` painted over `bottom` with source-over compositing (https://www.w3.org/TR/compositing-1/#simplealphacompositing). */
export function composite(top: Rgba, bottom: Rgba): Rgba {
  const a = top.a + bottom.a * (1 - top.a);
  if (a === 0) return { r: 0, g: 0, b: 0, a: 0 };
  const under = bottom.a * (1 - top.a);
  return {
    r: (top.r * top.a + bottom.r * under) / a,
    g: (top.g * top.a + bottom.g * under) / a,
    b: (top.b * top.a + bottom.b * under) / a,
    a,
  };
}

/** (L1 + 0.05) / (L2 + 0.05), lighter over darker: 1 to 21. Both colors are taken as opaque. */
export function contrastRatio(one: Rgba, other: Rgba): number {
  const x = relativeLuminance(one);
  const y = relativeLuminance(other);
  return (Math.max(x, y) + 0.05) / (Math.min(x, y) + 0.05);
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
  // A page has a few dozen color pairs across hundreds of regions: compute each pair once,
  // keyed by the two strings in turn (no key string to build on every call).
  let over = contrastCache.get(colorCss);
  if (!over) {
    if (contrastCache.size > 500) contrastCache.clear();
    contrastCache.set(colorCss, (over = new Map()));
  }
  let found = over.get(backgroundCss);
  if (found === undefined) {
    if (over.size > 500) over.clear();
    over.set(backgroundCss, (found = computeTextContrast(colorCss, backgroundCss)));
  }
  return found;
}

const contrastCache = new Map<string, Map<string, TextContrast | null>>();

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
