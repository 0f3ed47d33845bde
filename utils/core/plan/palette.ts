/**
 * Contrast fixes from the page's own palette. A failing text colour is replaced by the nearest
 * colour the page already paints (as text or as a solid background) that passes against the
 * text's background, among those of the same hue family: a grey stays a grey, a blue link
 * stays a blue. When the palette has no passing colour of that hue, the text keeps its own hue
 * and chroma and only its lightness moves, just far enough to pass. WCAG 2.x ratios are
 * computed exactly (utils/core/measure/color.ts), on the 8-bit colour that will be written.
 */
import {
  composite,
  contrastRatio,
  parseColor,
  textContrast,
  toHex,
  WHITE,
  type Rgba,
} from '@/utils/core/measure/color';
import type { Region } from '@/utils/core/schemas/region';
import { chroma, distance, fromOklab, GREY_CHROMA, hue, toOklab } from '@/utils/core/plan/oklab';

/** Two chromatic colours this many degrees of OKLCh hue apart or less read as one hue. */
const SAME_HUE_DEGREES = 30;

export interface ColorChoice {
  color: Rgba;
  hex: string;
  /** Its WCAG contrast ratio against the background, exact. */
  ratio: number;
  /** Taken from the page's palette, or the original colour lightened or darkened along its hue. */
  source: 'palette' | 'shade';
}

/** Every opaque colour the page paints: text as it shows over its background, and solid fills. */
export function pagePalette(regions: readonly Region[]): Rgba[] {
  const colors = new Map<string, Rgba>();
  const add = (color: Rgba) => colors.set(toHex(color), { ...color, a: 1 });
  for (const region of regions) {
    const shown = textContrast(region.style.color, region.style.background);
    if (!shown) continue;
    if (region.text.length > 0) add(shown.foreground);
    if (region.style.backgroundKind === 'solid') add(shown.background);
  }
  return [...colors.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([, color]) => color);
}

/** Both greys, or both chromatic within SAME_HUE_DEGREES of each other. */
export function sameHueFamily(one: Rgba, other: Rgba): boolean {
  const greys = [chroma(one) < GREY_CHROMA, chroma(other) < GREY_CHROMA];
  if (greys[0] || greys[1]) return greys[0] === greys[1];
  const apart = Math.abs(hue(one) - hue(other)) % 360;
  return Math.min(apart, 360 - apart) <= SAME_HUE_DEGREES;
}

/** An opaque background: a translucent one shows the white canvas through it. */
export function opaqueColor(css: string): Rgba | null {
  const color = parseColor(css);
  return color ? composite(color, WHITE) : null;
}

/** What text in `color` shows as over `background`, when it is drawn at `alpha` (its own, or an opacity). */
function shown(color: Rgba, background: Rgba, alpha: number): Rgba {
  return composite({ ...color, a: alpha }, background);
}

/**
 * `current` is the colour as it shows; `alpha` the transparency it will keep whatever colour is
 * written (an `opacity` on the element, which the plan may not change), so every candidate is
 * judged as it will show.
 */
export function nearestPassingColor(
  current: Rgba,
  background: Rgba,
  required: number,
  palette: readonly Rgba[],
  alpha = 1,
): ColorChoice {
  const ratio = (c: Rgba) => contrastRatio(shown(c, background, alpha), background);
  const choice = (color: Rgba, source: ColorChoice['source']): ColorChoice => ({
    color,
    hex: toHex(color),
    ratio: ratio(color),
    source,
  });
  const away = (c: Rgba) => distance(shown(c, background, alpha), current);
  const nearest = palette
    .filter((c) => ratio(c) >= required && sameHueFamily(c, current))
    .reduce<Rgba | null>((best, c) => (!best || away(c) < away(best) ? c : best), null);
  return nearest
    ? choice(nearest, 'palette')
    : choice(passingShade(current, background, required, alpha), 'shade');
}

/**
 * The palette colour of `current`'s hue family with the most contrast against `background`, if
 * it reaches `required`; else the nearest passing colour. For a label on a fill the plan chose.
 */
export function strongestColor(
  current: Rgba,
  background: Rgba,
  required: number,
  palette: readonly Rgba[],
): ColorChoice {
  const best = palette
    .filter((c) => sameHueFamily(c, current))
    .reduce<Rgba | null>(
      (win, c) => (!win || contrastRatio(c, background) > contrastRatio(win, background) ? c : win),
      null,
    );
  if (best && contrastRatio(best, background) >= required) {
    return { color: best, hex: toHex(best), ratio: contrastRatio(best, background), source: 'palette' };
  }
  return nearestPassingColor(current, background, required, palette);
}

/**
 * The colour with `current`'s OKLab a and b (its hue and chroma) and the lightness nearest to
 * its own that reaches `required`, darker or lighter, whichever moves less. Bisection on
 * lightness, then a check on the rounded 8-bit colour; black or white if clipping defeats it.
 */
export function passingShade(current: Rgba, background: Rgba, required: number, alpha = 1): Rgba {
  const { L, a, b } = toOklab(current);
  const ratio = (c: Rgba) => contrastRatio(shown(c, background, alpha), background);
  const passes = (c: Rgba) => ratio(c) >= required;
  const shades: Rgba[] = [];
  for (const end of [0, 1]) {
    if (!passes(fromOklab({ L: end, a, b }))) continue;
    let [near, far] = [L, end];
    for (let i = 0; i < 24; i++) {
      const mid = (near + far) / 2;
      if (passes(fromOklab({ L: mid, a, b }))) far = mid;
      else near = mid;
    }
    shades.push(fromOklab({ L: far, a, b }));
  }
  const best = shades.reduce<Rgba | null>(
    (win, c) => (!win || distance(c, current) < distance(win, current) ? c : win),
    null,
  );
  if (best && passes(best)) return best;
  const black = { r: 0, g: 0, b: 0, a: 1 };
  return ratio(black) >= ratio(WHITE) ? black : WHITE;
}
