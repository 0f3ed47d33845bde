/**
 * What sits behind text: the effective background composited down the ancestor chain, and
 * the contrast of a text element against it. Gradients are sampled over the text's own
 * extent; images cannot be seen through, so text over one stays undecided (null) unless a
 * text-shadow halo gives it its own background (as in W3C ACT rule afw4f7's examples).
 */
import { WHITE, composite, contrastRatio as opaqueContrast, parseColor, type Rgba } from '../measure/color';
import type { Box } from '../schemas';

interface Stop {
  color: Rgba;
  at: number;
}
interface Gradient {
  axis: 'x' | 'y';
  reverse: boolean;
  stops: Stop[];
}

export interface Paint {
  /** The solid color under everything (a gradient's or image's own base color included). */
  color: Rgba;
  layer: null | { kind: 'image' } | { kind: 'gradient'; gradient: Gradient; box: Box };
}

export const PAGE_CANVAS: Paint = { color: WHITE, layer: null };

/** `rgba(r, g, b, a)` with channels rounded to two decimals. */
export function formatRgba({ r, g, b, a }: Rgba): string {
  const round = (n: number) => Math.round(n * 100) / 100;
  return `rgba(${round(r)}, ${round(g)}, ${round(b)}, ${round(a)})`;
}

/** Text color (maybe translucent) over an opaque background. */
const contrastRatio = (fg: Rgba, bg: Rgba) => opaqueContrast(composite(fg, bg), bg);

/** Splits on commas outside parentheses. */
function splitTop(value: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let start = 0;
  for (let i = 0; i < value.length; i++) {
    const ch = value[i];
    if (ch === '(') depth++;
    else if (ch === ')') depth--;
    else if (ch === ',' && depth === 0) {
      parts.push(value.slice(start, i).trim());
      start = i + 1;
    }
  }
  parts.push(value.slice(start).trim());
  return parts;
}

const DIRECTIONS: Record<string, Pick<Gradient, 'axis' | 'reverse'>> = {
  'to right': { axis: 'x', reverse: false },
  '90deg': { axis: 'x', reverse: false },
  'to left': { axis: 'x', reverse: true },
  '270deg': { axis: 'x', reverse: true },
  'to bottom': { axis: 'y', reverse: false },
  '180deg': { axis: 'y', reverse: false },
  'to top': { axis: 'y', reverse: true },
  '0deg': { axis: 'y', reverse: true },
};

/** A single axis-aligned linear-gradient, as Chrome serializes it in computed style; null otherwise. */
export function parseGradient(image: string, box: Box): Gradient | null {
  const match = /^linear-gradient\((.*)\)$/.exec(image.trim());
  if (!match?.[1]) return null;
  const args = splitTop(match[1]);
  let direction = DIRECTIONS['to bottom']!;
  if (args[0] && !/^rgba?\(/.test(args[0])) {
    const named = DIRECTIONS[args.shift()!];
    if (!named) return null;
    direction = named;
  }
  const length = direction.axis === 'x' ? box.width : box.height;
  const raw = args.map((arg) => {
    const colorMatch = /^(rgba?\([^)]*\)|transparent)\s*(.*)$/.exec(arg);
    const color = colorMatch?.[1] ? parseColor(colorMatch[1]) : null;
    const positions = (colorMatch?.[2] ?? '').split(/\s+/).filter(Boolean);
    const at = positions.map((p) => (p.endsWith('%') ? parseFloat(p) / 100 : parseFloat(p) / (length || 1)));
    return { color, at };
  });
  if (raw.length < 2 || raw.some((s) => !s.color || s.at.some(Number.isNaN))) return null;
  const stops = raw.flatMap(({ color, at }): { color: Rgba; at: number | null }[] =>
    at.length === 0 ? [{ color: color!, at: null }] : at.map((a) => ({ color: color!, at: a })),
  );
  stops[0]!.at ??= 0;
  stops[stops.length - 1]!.at ??= 1;
  // Unpositioned stops spread evenly between their positioned neighbours (CSS Images 3, §3.5.3).
  for (let i = 1; i < stops.length; i++) {
    if (stops[i]!.at !== null) continue;
    let j = i;
    while (stops[j]!.at === null) j++;
    const from = stops[i - 1]!.at!;
    const to = stops[j]!.at!;
    for (let k = i; k < j; k++) stops[k]!.at = from + ((to - from) * (k - i + 1)) / (j - i + 1);
  }
  let last = 0;
  const ordered = stops.map((s) => ({ color: s.color, at: (last = Math.max(last, s.at!)) }));
  return { ...direction, stops: ordered };
}

function sample(g: Gradient, t: number): Rgba {
  const { stops } = g;
  if (t <= stops[0]!.at) return stops[0]!.color;
  for (let i = 1; i < stops.length; i++) {
    const a = stops[i - 1]!;
    const b = stops[i]!;
    if (t <= b.at) {
      const f = b.at === a.at ? 1 : (t - a.at) / (b.at - a.at);
      // Interpolate in premultiplied sRGB, as CSS gradients do.
      const alpha = a.color.a + (b.color.a - a.color.a) * f;
      const mix = (x: number, y: number) =>
        alpha === 0 ? 0 : (x * a.color.a + (y * b.color.a - x * a.color.a) * f) / alpha;
      return {
        r: mix(a.color.r, b.color.r),
        g: mix(a.color.g, b.color.g),
        b: mix(a.color.b, b.color.b),
        a: alpha,
      };
    }
  }
  return stops[stops.length - 1]!.color;
}

/**
 * The paint behind an element's content, given its own background and the paint behind it.
 * Returns `under` itself when the element paints no background (the common case).
 */
export function compose(style: CSSStyleDeclaration, under: Paint, box: Box | (() => Box)): Paint {
  const background = style.backgroundColor;
  const image = style.backgroundImage;
  if (background === 'rgba(0, 0, 0, 0)' && image === 'none') return under;
  const own = parseColor(background);
  if (!own) return { color: under.color, layer: { kind: 'image' } }; // a color form we cannot read
  const color = own.a === 0 ? under.color : composite(own, under.color);
  if (image === 'none' || image === '')
    return own.a >= 1 ? { color, layer: null } : { color, layer: under.layer };
  const area = typeof box === 'function' ? box() : box;
  const gradient = parseGradient(image, area);
  return { color, layer: gradient ? { kind: 'gradient', gradient, box: area } : { kind: 'image' } };
}

/**
 * A text-shadow that surrounds the glyphs (blur at least as large as the offset, or shadows
 * offset into all four quadrants) becomes the text's immediate background.
 */
export function haloColor(textShadow: string, under: Rgba): Rgba | null {
  if (!textShadow || textShadow === 'none') return null;
  const shadows = splitTop(textShadow).map((s) => {
    const color = parseColor(/rgba?\([^)]*\)/.exec(s)?.[0] ?? '');
    const [dx = 0, dy = 0, blur = 0] = (s.replace(/rgba?\([^)]*\)/, '').match(/-?[\d.]+px/g) ?? []).map(
      parseFloat,
    );
    return { color, dx, dy, blur };
  });
  const quadrants = new Set(shadows.map((s) => `${Math.sign(s.dx)},${Math.sign(s.dy)}`));
  const surrounds =
    shadows.some((s) => s.blur > 0 && Math.max(Math.abs(s.dx), Math.abs(s.dy)) <= s.blur) ||
    ['1,1', '1,-1', '-1,1', '-1,-1'].every((q) => quadrants.has(q));
  const color = shadows.find((s) => s.color)?.color;
  return surrounds && color ? composite(color, under) : null;
}

/** Contrast of text color `fg` (alpha already scaled by opacity) over `bg`; null when undecidable. */
export function textContrast(fg: Rgba, bg: Paint, textShadow: string, textBox: () => Box): number | null {
  const halo = haloColor(textShadow, bg.color);
  if (halo) return contrastRatio(fg, halo);
  if (!bg.layer) return contrastRatio(fg, bg.color);
  if (bg.layer.kind === 'image') return null;
  const { gradient, box } = bg.layer;
  const text = textBox();
  const [start, size, from, to] =
    gradient.axis === 'x'
      ? [box.x, box.width, text.x, text.x + text.width]
      : [box.y, box.height, text.y, text.y + text.height];
  let worst = 21;
  for (let i = 0; i <= 24; i++) {
    const along = size > 0 ? (from + ((to - from) * i) / 24 - start) / size : 0;
    const t = Math.min(1, Math.max(0, gradient.reverse ? 1 - along : along));
    worst = Math.min(worst, contrastRatio(fg, composite(sample(gradient, t), bg.color)));
  }
  return worst;
}
