/**
 * What sits behind text: the effective background composited down the ancestor chain.
 * Gradients are kept, to be sampled over the text's own extent (./textContrast.ts); images
 * cannot be seen through.
 */
import { WHITE, parseColor, type Rgba } from '@/utils/core/measure/color';
import type { Box } from '@/utils/core/schemas/region';
import { finish, over, type Group } from '@/utils/page/regions/textPaint';

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
  /** The solid color under everything as shown (a gradient's or image's own base color included). */
  color: Rgba;
  /** The same inside the opacity group it is in, before the group is blended (may be translucent). */
  local: Rgba;
  layer: null | { kind: 'image' } | { kind: 'gradient'; gradient: Gradient; box: Box };
}

export const PAGE_CANVAS: Paint = { color: WHITE, local: WHITE, layer: null };

/** The paint inside a new opacity group: nothing yet, over what is behind the group. */
export function groupStart(under: Paint): Paint {
  return { color: under.color, local: { r: 0, g: 0, b: 0, a: 0 }, layer: under.layer };
}

/** `background-color: transparent` as computed styles serialize it. */
export const TRANSPARENT = 'rgba(0, 0, 0, 0)';

/** Pages reuse a handful of colors thousands of times: parse each once. */
const parsed = new Map<string, Rgba | null>();
export function colorOf(css: string): Rgba | null {
  let color = parsed.get(css);
  if (color === undefined) {
    color = parseColor(css);
    if (parsed.size > 2000) parsed.clear();
    parsed.set(css, color);
  }
  return color;
}

/** `rgba(r, g, b, a)` with channels rounded to two decimals. */
export function formatRgba({ r, g, b, a }: Rgba): string {
  const round = (n: number) => Math.round(n * 100) / 100;
  return `rgba(${round(r)}, ${round(g)}, ${round(b)}, ${round(a)})`;
}

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
 * The paint behind an element's content, given its own background and the paint behind it,
 * in the opacity group it is in. Returns `under` itself when the element paints no background
 * (the common case).
 */
export function compose(
  background: string,
  image: string,
  under: Paint,
  box: () => Box,
  group: Group | null,
): Paint {
  if (background === TRANSPARENT && image === 'none') return under;
  const plain = group === null && (image === 'none' || image === '');
  if (!plain) return layered(background, image, under, box, group);
  // A plain color over the same paint is the same paint: one object, shared, so that text
  // contrast over it is worked out once (./textContrast.ts).
  let byColor = composed.get(under);
  if (!byColor) composed.set(under, (byColor = new Map()));
  let paint = byColor.get(background);
  if (!paint) byColor.set(background, (paint = layered(background, image, under, box, group)));
  return paint;
}

const composed = new WeakMap<Paint, Map<string, Paint>>();

function layered(
  background: string,
  image: string,
  under: Paint,
  box: () => Box,
  group: Group | null,
): Paint {
  const own = colorOf(background);
  if (!own) return { ...under, layer: { kind: 'image' } }; // a color form we cannot read
  const local = own.a === 0 ? under.local : over(own, under.local);
  const color = finish(local, group);
  // Through a translucent background, or a group blended over its backdrop, a layer below shows.
  if (image === 'none' || image === '')
    return { color, local, layer: own.a >= 1 && !group ? null : under.layer };
  const area = box();
  const gradient = parseGradient(image, area);
  return { color, local, layer: gradient ? { kind: 'gradient', gradient, box: area } : { kind: 'image' } };
}

/** The gradient's color at each of `steps + 1` points along the text, as laid over `base`. */
export function gradientSamples(
  layer: { gradient: Gradient; box: Box },
  text: Box,
  base: Rgba,
  steps = 24,
): Rgba[] {
  const { gradient, box } = layer;
  const [start, size, from, to] =
    gradient.axis === 'x'
      ? [box.x, box.width, text.x, text.x + text.width]
      : [box.y, box.height, text.y, text.y + text.height];
  const samples: Rgba[] = [];
  for (let i = 0; i <= steps; i++) {
    const along = size > 0 ? (from + ((to - from) * i) / steps - start) / size : 0;
    const t = Math.min(1, Math.max(0, gradient.reverse ? 1 - along : along));
    samples.push(over(sample(gradient, t), base));
  }
  return samples;
}
