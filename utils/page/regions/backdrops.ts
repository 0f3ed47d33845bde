/**
 * Backgrounds the ancestor chain does not show. Extraction composes a text's background from
 * the elements that hold it; a box elsewhere in the tree (a positioned layer, or the block a
 * positioned text floats over), or an ancestor's ::before or ::after, can paint behind the
 * text or over it instead. Paint order decides which (CSS 2.1, Appendix E: in one stacking
 * context, block backgrounds, then in-flow text, then positioned boxes by z-index and tree
 * order). Where a box lies wholly behind the text and nothing of the text's own paints over
 * it, its color is the background; where a box may cover the text, or the text spans two
 * backgrounds, the contrast needs review, as axe-core reports it incomplete (`bgOverlap`,
 * `elmPartiallyObscured`, `pseudoContent`).
 */
import type { Box } from '@/utils/core/schemas/region';
import { type Candidate, styleOf } from '@/utils/page/regions/candidate';
import type { Paint } from '@/utils/page/regions/paint';
import { colorsOf } from '@/utils/page/regions/textContrast';

export interface Painter {
  el: Element;
  box: Box;
  paint: Paint;
  /** Its own background hides everything behind it: an opaque color, no image. */
  opaque: boolean;
}

/** axe-core's threshold: a pseudo-element covering a quarter of the text's box or more. */
const PSEUDO_SHARE = 0.25;

const overlaps = (a: Box, b: Box) =>
  Math.min(a.x + a.width, b.x + b.width) - Math.max(a.x, b.x) >= 1 &&
  Math.min(a.y + a.height, b.y + b.height) - Math.max(a.y, b.y) >= 1;
const covers = (a: Box, b: Box) =>
  a.x <= b.x + 0.5 &&
  a.y <= b.y + 0.5 &&
  a.x + a.width >= b.x + b.width - 0.5 &&
  a.y + a.height >= b.y + b.height - 0.5;

const zOf = (el: Element) => Number(styleOf(el).zIndex) || 0;

/** The outermost positioned element from `el` up to (not including) `stop`. */
function positionedIn(el: Element, stop: Element | null): Element | null {
  let found: Element | null = null;
  for (let node: Element | null = el; node && node !== stop; node = node.parentElement)
    if (styleOf(node).position !== 'static') found = node;
  return found;
}

/** Whether `painter` paints before (behind) the text in `text`; null when paint order is unclear. */
function paintsBehind(painter: Element, text: Element): boolean | null {
  const above = new Set<Element>();
  for (let node: Element | null = painter; node; node = node.parentElement) above.add(node);
  let common: Element | null = text;
  while (common && !above.has(common)) common = common.parentElement;
  const t = positionedIn(text, common);
  const p = positionedIn(painter, common);
  // Both in flow: backgrounds of in-flow blocks (and floats, which text flows around) are all
  // painted before in-flow text, so such a box never covers it.
  if (!p && !t) return null;
  if (!t) return zOf(p!) < 0;
  if (!p) return zOf(t) >= 0;
  const [zp, zt] = [zOf(p), zOf(t)];
  if (zp !== zt) return zp < zt;
  return (p.compareDocumentPosition(t) & Node.DOCUMENT_POSITION_FOLLOWING) !== 0;
}

/** Whether something between `text` and `stop` paints an opaque background of its own. */
function paintsOwnBackground(text: Element, stop: Element): boolean {
  for (let node: Element | null = text; node && !node.contains(stop); node = node.parentElement) {
    const style = styleOf(node);
    if (style.backgroundImage !== 'none' || /^rgb\(|^rgba\(.*, 1\)$/.test(style.backgroundColor)) return true;
  }
  return false;
}

function pseudoArea(el: Element, which: '::before' | '::after'): number {
  const style = el.ownerDocument.defaultView!.getComputedStyle(el, which);
  if (style.content === 'none' || style.display === 'none' || style.visibility === 'hidden') return 0;
  if (style.position !== 'absolute' && style.position !== 'fixed') return 0;
  const painted =
    style.backgroundImage !== 'none' || !/^rgba\(.*, 0\)$|^transparent$/.test(style.backgroundColor);
  if (!painted) return 0;
  const width = parseFloat(style.width);
  const height = parseFloat(style.height);
  return Number.isFinite(width) && Number.isFinite(height) ? width * height : Infinity;
}

/** Where the block's content lies, in page coordinates. */
function textExtent(c: Candidate): Box {
  const range = c.el.ownerDocument.createRange();
  range.selectNodeContents(c.el);
  const r = range.getBoundingClientRect();
  return r.width > 0 && r.height > 0
    ? { x: r.left + c.dx, y: r.top + c.dy, width: r.width, height: r.height }
    : c.box;
}

/** Nothing is known of what is behind the text: neither its contrast nor whether it is the same colour. */
const unsure = (c: Candidate) => {
  c.undecided ??= c.bg;
  c.worst = null;
  c.lowest = Infinity;
};

/** Corrects or withdraws the contrast of kept text blocks whose background lies outside their ancestors. */
export function settleBackdrops(
  kept: readonly Candidate[],
  painters: readonly Painter[],
  pseudoHosts: ReadonlySet<Element> | null,
): void {
  const areas = new Map<Element, number>();
  const pseudo = (el: Element) => {
    let area = areas.get(el);
    if (area === undefined) areas.set(el, (area = pseudoArea(el, '::before') + pseudoArea(el, '::after')));
    return area;
  };
  for (const c of kept) {
    if (c.kind === 'container' || c.worst === null) continue;
    const minimum = c.box.width * c.box.height * PSEUDO_SHARE;
    let backdrop = false;
    for (let el: Element | null = c.el; el && !backdrop; el = el.parentElement)
      if ((pseudoHosts === null || pseudoHosts.has(el)) && pseudo(el) > minimum) backdrop = true;
    if (backdrop) {
      unsure(c);
      continue;
    }
    let text: Box | null = null;
    const behindIt: Painter[] = [];
    let covered = false;
    for (const p of painters) {
      if (p.el === c.el || p.el.contains(c.el) || c.el.contains(p.el) || !overlaps(p.box, c.box)) continue;
      // The block's box may reach past its text (a short heading beside a picture).
      text ??= textExtent(c);
      if (!overlaps(p.box, text)) continue;
      const behind = paintsBehind(p.el, c.el);
      if (behind === null || (behind && paintsOwnBackground(c.el, p.el))) continue;
      if (behind) behindIt.push(p);
      else covered = true;
    }
    if (behindIt.length === 0 && !covered) continue;
    const [only] = behindIt;
    const scope = c.worstScope;
    if (
      covered ||
      behindIt.length > 1 ||
      !only!.opaque ||
      !covers(only!.box, text!) ||
      !scope ||
      scope.opacity < 1
    ) {
      unsure(c);
      continue;
    }
    // Wholly over one opaque box: that is its background.
    const colors = colorsOf(c.el, styleOf(c.el), {
      ...scope,
      bg: { color: only!.paint.color, local: only!.paint.color, layer: null },
    });
    if (colors) {
      c.worst = colors;
      c.lowest = colors.clearest ?? colors.ratio;
    } else unsure(c);
  }
}
