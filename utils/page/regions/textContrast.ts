/**
 * The contrast of one element's own text, folded into its region's worst case: WCAG 1.4.3 asks
 * it of every text, so a region is as good as its weakest text.
 */
import type { Rgba } from '@/utils/core/measure/color';
import type { Box } from '@/utils/core/schemas/region';
import type { Candidate, Ink, Scope } from '@/utils/page/regions/candidate';
import { colorOf, gradientSamples, type Paint } from '@/utils/page/regions/paint';
import { isSameColor, paintedByBackground } from '@/utils/core/regions/sameColor';
import { haloContrast, inkContrast, parseShadows, type TextInk } from '@/utils/page/regions/textPaint';

export interface TextColors {
  ratio: number;
  /** The text and background colors as shown (for the finding's numbers). */
  fg: Rgba;
  bg: Rgba;
  /** Over a gradient, the ratio where the text stands out most (`ratio` is where it stands out least). */
  clearest?: number;
}

/**
 * Thousands of texts share one ink over one background (their scope objects are shared), so
 * the colors are worked out once per pair. Gradients depend on where the text sits, shadows
 * and strokes on its size, opacity groups on what is behind them: those every time.
 */
const memo = new WeakMap<Paint, WeakMap<Ink, TextColors | null>>();
const BLACK: Rgba = { r: 0, g: 0, b: 0, a: 1 };

export function colorsOf(el: Element, style: CSSStyleDeclaration, scope: Scope): TextColors | null {
  const { ink, bg, opacity } = scope;
  const plain = ink.textShadow === 'none' && ink.strokeWidth === 0;
  const cacheable = plain && opacity === 1 && bg.layer?.kind !== 'gradient';
  let byInk = cacheable ? memo.get(bg) : undefined;
  const known = byInk?.get(ink);
  if (known !== undefined) return known;

  const fill = colorOf(ink.fill ?? ink.color);
  let colors: TextColors | null = null;
  if (fill) {
    const current = colorOf(ink.color) ?? BLACK;
    const text: TextInk = {
      fill,
      stroke: ink.strokeColor ? colorOf(ink.strokeColor) : current,
      strokeWidth: ink.strokeWidth,
      shadows: plain ? [] : parseShadows(ink.textShadow, current),
      // axe-core reads the size in whole pixels.
      fontSize: plain ? 16 : parseInt(style.fontSize, 10) || 16,
    };
    const group = opacity < 1 ? { opacity, backdrop: scope.backdrop } : null;
    if (!bg.layer) colors = inkContrast(text, bg.local, group);
    else if (bg.layer.kind === 'image') colors = haloContrast(text, bg.local, group);
    else {
      const range = el.ownerDocument.createRange();
      range.selectNodeContents(el);
      const r = range.getBoundingClientRect();
      const box: Box = { x: r.left + scope.dx, y: r.top + scope.dy, width: r.width, height: r.height };
      let clearest = 0;
      for (const sample of gradientSamples(bg.layer, box, bg.local)) {
        const here = inkContrast(text, sample, group);
        if (!here) {
          colors = null;
          break;
        }
        clearest = Math.max(clearest, here.ratio);
        if (!colors || here.ratio < colors.ratio) colors = here;
      }
      if (colors) colors = { ...colors, clearest };
    }
  }
  if (cacheable) {
    if (!byInk) memo.set(bg, (byInk = new WeakMap()));
    byInk.set(ink, colors);
  }
  return colors;
}

/** `el`'s own text, painted as its `scope` says, against `region`'s weakest and lowest so far. */
export function noteTextContrast(
  region: Candidate,
  el: Element,
  style: CSSStyleDeclaration,
  scope: Scope,
): void {
  if (region.worstScope === scope) return; // the same paint again
  const colors = colorsOf(el, style, scope);
  if (colors === null) {
    region.undecided ??= scope.bg;
    return;
  }
  const { ratio } = colors;
  const shows = colors.clearest ?? ratio;
  if (shows < region.lowest && (!isSameColor(shows) || !paintedByBackground(el))) region.lowest = shows;
  // Size only matters between 3:1 and 7:1, where large text passes and normal text fails:
  // reading it there alone keeps the common case (high contrast) to one color read.
  let large = false;
  if (ratio < 7 && ratio >= 3) {
    const size = parseFloat(style.fontSize);
    // WCAG large text: 18pt (24px), or 14pt (18.66px) bold (https://www.w3.org/TR/WCAG21/#dfn-large-scale).
    large = size >= 24 || (size >= 18.66 && Number(style.fontWeight) >= 700);
  }
  const score = ratio / (large ? 3 : 4.5);
  if (region.worst && score >= region.worstScore) return;
  region.worst = colors;
  region.worstScore = score;
  region.worstScope = scope;
}
