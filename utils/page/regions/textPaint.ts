/**
 * The colors of painted text and what is behind it, as WCAG 1.4.3 compares them: the rendered
 * colors (https://www.w3.org/TR/WCAG21/#dfn-contrast-ratio). Text shadows, `-webkit-text-stroke`
 * and `-webkit-text-fill-color` count the way axe-core 4.x counts them in `color-contrast`
 * (shadowOutlineEmMax 0.1, textStrokeEmMin 0.03), which the end-to-end agreement test holds us
 * to: a thin shadow drawn on all four sides is an outline; a blurred shadow is painted at an
 * alpha that falls with its blur; a wide one lies behind the text as a background; shadows on
 * two or three sides only cannot be judged from styles. Over an image nothing can be judged,
 * except text with a halo of its own, which W3C ACT afw4f7 (Passed Example 3) passes.
 * Opacity is applied as the browser does: an element's content is composed first, then blended
 * as a group over what is behind it (CSS Color 4, §14). Channels are rounded after each blend,
 * as 8-bit rendering does.
 */
import { contrastRatio, parseColor, type Rgba } from '@/utils/core/measure/color';

export interface Shadow {
  color: Rgba;
  x: number;
  y: number;
  blur: number;
}

/** What the text is drawn with, in its own (group-local) colors. */
export interface TextInk {
  fill: Rgba;
  stroke: Rgba | null;
  strokeWidth: number;
  shadows: readonly Shadow[];
  fontSize: number;
}

/** An opacity group the text is in: its opacity and the color behind it. */
export interface Group {
  opacity: number;
  backdrop: Rgba;
}

const TRANSPARENT: Rgba = { r: 0, g: 0, b: 0, a: 0 };
const OUTLINE_EM = 0.1;
const STROKE_EM = 0.03;
/** axe-core: an offset below half a pixel does not show; a thin shadow at this density is as opaque as a line. */
const VISIBLE_OFFSET_PX = 0.5;
const SOLID_OFFSET_PX = 1.5;
const STROKE_ALPHA = 0.54;

/** `top` over `bottom`, source-over, channels rounded as 8-bit rendering does. */
export function over(top: Rgba, bottom: Rgba): Rgba {
  const a = Math.min(1, top.a + bottom.a * (1 - top.a));
  if (a === 0) return TRANSPARENT;
  const mix = (t: number, b: number) => Math.round((t * top.a + b * bottom.a * (1 - top.a)) / a);
  return { r: mix(top.r, bottom.r), g: mix(top.g, bottom.g), b: mix(top.b, bottom.b), a };
}

/** axe-core's blend of shadow layers: the bottom color's alpha does not weigh its channels. */
function overShadow(top: Rgba, bottom: Rgba): Rgba {
  const mix = (t: number, b: number) => (1 - top.a) * b + top.a * t;
  return {
    r: mix(top.r, bottom.r),
    g: mix(top.g, bottom.g),
    b: mix(top.b, bottom.b),
    a: top.a + bottom.a * (1 - top.a),
  };
}

/** The color on screen of a group-local color. */
export function finish(local: Rgba, group: Group | null): Rgba {
  return group ? over({ ...local, a: local.a * group.opacity }, group.backdrop) : local;
}

/** Computed `text-shadow`, as Chromium serializes it: `rgb(…) 1px 2px 3px, …`. */
export function parseShadows(textShadow: string, currentColor: Rgba): Shadow[] {
  if (!textShadow || textShadow === 'none') return [];
  const shadows: Shadow[] = [];
  for (const part of textShadow.split(/,(?![^(]*\))/)) {
    const colorText = /(?:rgba?|oklch|oklab|lab|lch|color)\([^)]*\)|#[0-9a-f]+/i.exec(part)?.[0];
    const [x = 0, y = 0, blur = 0] = (part.replace(colorText ?? '', '').match(/-?[\d.]+(?=px)/g) ?? []).map(
      Number,
    );
    shadows.push({ color: (colorText && parseColor(colorText)) || currentColor, x, y, blur });
  }
  return shadows;
}

function blurredShadow(s: Shadow, fontSize: number): Rgba {
  if (s.x > s.blur || s.y > s.blur) return TRANSPARENT;
  const alpha = s.blur === 0 ? 1 : 0.185 / (s.blur / fontSize + 0.4);
  return { ...s.color, a: s.color.a * alpha };
}

/** Thin shadows grouped by color: an outline where one color covers all four sides; null for two or three. */
function outlines(thin: readonly Shadow[], strict: boolean): Rgba[] | null {
  const byColor = new Map<string, { color: Rgba; sides: number[][] }>();
  for (const s of thin) {
    const key = `${s.color.r},${s.color.g},${s.color.b},${s.color.a}`;
    const entry = byColor.get(key) ?? { color: s.color, sides: [[], [], [], []] };
    byColor.set(key, entry);
    if (s.x > VISIBLE_OFFSET_PX) entry.sides[1]!.push(s.x);
    else if (-s.x > VISIBLE_OFFSET_PX) entry.sides[3]!.push(-s.x);
    if (s.y > VISIBLE_OFFSET_PX) entry.sides[2]!.push(s.y);
    else if (-s.y > VISIBLE_OFFSET_PX) entry.sides[0]!.push(-s.y);
  }
  const colors: Rgba[] = [];
  for (const { color, sides } of byColor.values()) {
    const covered = sides.filter((side) => side.length > 0).length;
    if (strict && covered > 1 && covered < 4) return null;
    if (covered !== 4) continue;
    const solid = sides.every((side) => side.every((offset) => offset > SOLID_OFFSET_PX));
    const density = sides.reduce((sum, side) => sum + side.length / 4, 0);
    colors.push(solid ? color : { ...color, a: 1 - STROKE_ALPHA ** density });
  }
  return colors;
}

/**
 * Shadow colors in the order painted: shadows blurred less than `thinEm` are outlines (above),
 * shadows blurred `wideEm` or more are left out; null when the outline cannot be judged.
 */
function shadowColors(ink: TextInk, thinEm: number, wideEm: number, strict: boolean): Rgba[] | null {
  const colors: Rgba[] = [];
  let thin: Shadow[] = [];
  const flush = () => {
    const found = thin.length > 0 ? outlines(thin, strict) : [];
    thin = [];
    if (found) colors.push(...found);
    return found !== null;
  };
  for (const s of ink.shadows) {
    if (s.blur >= ink.fontSize * wideEm) continue;
    if (s.blur < ink.fontSize * thinEm) {
      thin.push(s);
      continue;
    }
    if (!flush()) return null;
    colors.push(blurredShadow(s, ink.fontSize));
  }
  return flush() ? colors : null;
}

const stack = (colors: readonly Rgba[], combine: (top: Rgba, bottom: Rgba) => Rgba): Rgba | null =>
  colors.length === 0 ? null : colors.reduce((top, bottom) => combine(top, bottom));

/**
 * The ratio, the text color and the background as shown, for text in `ink` over the opaque
 * group-local background `local`; null when shadows make it undecidable.
 */
export function inkContrast(
  ink: TextInk,
  local: Rgba,
  group: Group | null,
): { ratio: number; fg: Rgba; bg: Rgba } | null {
  const judged = shadowColors(ink, 0.001, OUTLINE_EM, true);
  if (judged === null) return null;
  // Wide blurs and outlines lie under the text, over its background.
  const under = stack(shadowColors(ink, OUTLINE_EM, Infinity, false) ?? [], overShadow);
  const bgLocal = under ? over(under, local) : local;
  // The glyphs: a stroke of some width covers the fill, and shadows show through a translucent fill.
  const layers: Rgba[] = [];
  const candidates = [
    ink.stroke && ink.strokeWidth / ink.fontSize >= STROKE_EM ? [ink.stroke] : [],
    [ink.fill],
    ink.shadows.map((s) => blurredShadow(s, ink.fontSize)),
  ];
  for (const colors of candidates) {
    layers.push(...colors);
    if (colors.length === 1 && colors[0]!.a >= 1) break;
  }
  const glyph = stack(layers, over)!;
  const bg = finish(bgLocal, group);
  const fg = finish(over(glyph, bgLocal), group);
  let ratio = contrastRatio(fg, bg);
  if (judged.length > 0) {
    const shadow = stack([...judged, bg], overShadow)!;
    ratio = Math.max(ratio, contrastRatio(bg, shadow), contrastRatio(shadow, fg));
  }
  return { ratio, fg, bg };
}

/**
 * Over an image: a halo of the text's own (a centered blurred shadow at least a tenth of the
 * font size wide, or an outline on all four sides) is the only background that can be judged.
 */
export function haloContrast(
  ink: TextInk,
  base: Rgba,
  group: Group | null,
): { ratio: number; fg: Rgba; bg: Rgba } | null {
  const centered = ink.shadows.find(
    (s) =>
      Math.abs(s.x) <= VISIBLE_OFFSET_PX &&
      Math.abs(s.y) <= VISIBLE_OFFSET_PX &&
      s.blur >= ink.fontSize * OUTLINE_EM,
  );
  const outline = outlines(
    ink.shadows.filter((s) => s.blur < ink.fontSize * OUTLINE_EM),
    false,
  )?.[0];
  const halo = centered?.color ?? outline;
  if (!halo) return null;
  const bg = finish(over(halo, base), group);
  const fg = finish(over(ink.fill, over(halo, base)), group);
  return { ratio: contrastRatio(fg, bg), fg, bg };
}
