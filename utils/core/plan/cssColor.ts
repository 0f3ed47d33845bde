/**
 * Colours a plan may set: `#rgb`/`#rrggbb` (or with a full alpha), `rgb()`/`rgba()` and
 * `hsl()`/`hsla()` with numeric arguments (comma or space syntax, CSS Color 4,
 * https://drafts.csswg.org/css-color-4/#rgb-functions), and the named colours. Always opaque:
 * a see-through text colour or background is how a plan would hide text. Written back as
 * `#rrggbb` or the colour's name.
 */
import type { Rgba } from '@/utils/core/measure/color';
import type { Token } from '@/utils/core/plan/cssTokens';
import { NAMED_COLORS } from '@/utils/core/plan/namedColors';

export type ParsedColor = { ok: true; color: Rgba; css: string } | { ok: false; reason: string };

const hex2 = (n: number) =>
  Math.round(Math.min(255, Math.max(0, n)))
    .toString(16)
    .padStart(2, '0');
const toHex = (c: Rgba) => `#${hex2(c.r)}${hex2(c.g)}${hex2(c.b)}`;

function fromHex(hex: string): ParsedColor {
  const full = hex.length <= 4 ? [...hex].map((c) => c + c).join('') : hex;
  if (![6, 8].includes(full.length)) return { ok: false, reason: `#${hex} is not a colour` };
  if (full.length === 8 && full.slice(6) !== 'ff') return { ok: false, reason: `#${hex} is not opaque` };
  const at = (i: number) => Number.parseInt(full.slice(i, i + 2), 16);
  const color = { r: at(0), g: at(2), b: at(4), a: 1 };
  return { ok: true, color, css: toHex(color) };
}

/** `hsl()` to sRGB (CSS Color 4, https://drafts.csswg.org/css-color-4/#hsl-to-rgb). */
function hslToRgb(hue: number, saturation: number, lightness: number): Rgba {
  const h = ((hue % 360) + 360) % 360;
  const s = Math.min(1, Math.max(0, saturation / 100));
  const l = Math.min(1, Math.max(0, lightness / 100));
  const f = (n: number) => {
    const k = (n + h / 30) % 12;
    return 255 * (l - s * Math.min(l, 1 - l) * Math.max(-1, Math.min(k - 3, 9 - k, 1)));
  };
  return { r: f(0), g: f(8), b: f(4), a: 1 };
}

/** The arguments between the parentheses: three values and an optional alpha. */
function splitArguments(args: readonly Token[]): { values: Token[]; alpha: Token | null } | null {
  const commas = args.filter((t) => t.type === 'delim' && t.char === ',').length;
  if (commas > 0) {
    // a, b, c or a, b, c, alpha: values at even places, commas at odd ones.
    if (!args.every((t, i) => (i % 2 === 1 ? t.type === 'delim' && t.char === ',' : t.type === 'number')))
      return null;
    const values = args.filter((t) => t.type === 'number');
    if (values.length === 3) return { values, alpha: null };
    return values.length === 4 ? { values: values.slice(0, 3), alpha: values[3] ?? null } : null;
  }
  const [a, b, c, slash, alpha, ...rest] = args;
  if (!a || !b || !c || rest.length > 0 || ![a, b, c].every((t) => t.type === 'number')) return null;
  if (!slash) return { values: [a, b, c], alpha: null };
  if (slash.type !== 'delim' || slash.char !== '/' || alpha?.type !== 'number') return null;
  return { values: [a, b, c], alpha };
}

function fromFunction(name: string, args: readonly Token[]): ParsedColor {
  const split = splitArguments(args);
  const numbers = split?.values.map((t) => (t.type === 'number' ? t : null));
  if (!split || !numbers || numbers.some((t) => t === null))
    return { ok: false, reason: `${name}() needs three numbers` };
  const [x, y, z] = numbers as { value: number; unit: string }[];
  if (!x || !y || !z) return { ok: false, reason: `${name}() needs three numbers` };
  if (split.alpha) {
    const alpha = split.alpha.type === 'number' ? split.alpha : null;
    const value = alpha && (alpha.unit === '%' ? alpha.value / 100 : alpha.unit === '' ? alpha.value : NaN);
    if (!(value !== null && value >= 1))
      return { ok: false, reason: `${name}() with an alpha below 1 is not opaque` };
  }
  if (name === 'rgb' || name === 'rgba') {
    const percent = x.unit === '%';
    if (![x, y, z].every((t) => t.unit === (percent ? '%' : '')))
      return { ok: false, reason: `${name}() mixes units` };
    const channel = (t: { value: number }) => (percent ? (t.value / 100) * 255 : t.value);
    const color = { r: channel(x), g: channel(y), b: channel(z), a: 1 };
    const clamped = { r: hexValue(color.r), g: hexValue(color.g), b: hexValue(color.b), a: 1 };
    return { ok: true, color: clamped, css: toHex(clamped) };
  }
  if (!['', 'deg'].includes(x.unit) || y.unit !== '%' || z.unit !== '%')
    return { ok: false, reason: `${name}() takes a hue and two percentages` };
  const raw = hslToRgb(x.value, y.value, z.value);
  const color = { r: hexValue(raw.r), g: hexValue(raw.g), b: hexValue(raw.b), a: 1 };
  return { ok: true, color, css: toHex(color) };
}

const hexValue = (n: number) => Math.round(Math.min(255, Math.max(0, n)));

export function parseColorTokens(tokens: readonly Token[]): ParsedColor {
  const [first, ...rest] = tokens;
  if (first?.type === 'hash' && rest.length === 0) return fromHex(first.hex);
  if (first?.type === 'ident' && rest.length === 0) {
    if (first.name === 'transparent') return { ok: false, reason: 'transparent is not opaque' };
    const hex = NAMED_COLORS.get(first.name);
    if (!hex) return { ok: false, reason: `${first.name} is not a colour a plan may set` };
    const parsed = fromHex(hex.slice(1));
    return parsed.ok ? { ...parsed, css: first.name } : parsed;
  }
  if (first?.type === 'function' && ['rgb', 'rgba', 'hsl', 'hsla'].includes(first.name)) {
    const close = rest.at(-1);
    if (close?.type !== 'delim' || close.char !== ')')
      return { ok: false, reason: `${first.name}( is not closed` };
    return fromFunction(first.name, rest.slice(0, -1));
  }
  if (first?.type === 'function') return { ok: false, reason: `${first.name}() is not allowed` };
  return { ok: false, reason: 'not a colour' };
}
