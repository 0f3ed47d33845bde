/**
 * After a preview's sheet goes on: is every patched region, and every region inside one, still
 * there to see? A region counts as hidden by the preview when a reason below holds after the
 * sheet is on and did not hold before it, so content the page itself hides is never blamed on
 * the plan. The grammar and sanitizePatch should already stop all of these; this is the check
 * on the real page, where cascade and layout have the last word.
 */
import { parseColor } from '@/utils/core/measure/color';
import { MIN_FONT_SIZE } from '@/utils/core/plan/cssGrammar';

export interface Target {
  id: string;
  el: Element;
  /** Whether it holds text; found on the first check and kept (the preview changes no text). */
  text?: boolean;
}

export interface HiddenRegion {
  regionId: string;
  reason: string;
}

/** An element's own opacity at or below this shows nothing. */
const INVISIBLE_OPACITY = 0.05;

/** Reasons each target is out of sight now, by region id (no entry: visible). */
export function sightOf(targets: readonly Target[]): Map<string, string[]> {
  // Per document (same-origin frames have their own): window, scroll and page width, read once.
  const pages = new Map<Document, { view: Window; x: number; y: number; width: number }>();
  const pageOf = (doc: Document) => {
    let page = pages.get(doc);
    if (!page) {
      const view = doc.defaultView ?? window;
      const width = Math.max(doc.documentElement.scrollWidth, view.innerWidth);
      pages.set(doc, (page = { view, x: view.scrollX, y: view.scrollY, width }));
    }
    return page;
  };
  // The boxes of the ancestors that clip (`overflow: hidden | clip`) above each element, found
  // once per element: regions share most of their ancestors.
  const clipsAbove = new Map<Element, readonly DOMRect[]>();
  const clipsOf = (el: Element, view: Window): readonly DOMRect[] => {
    const parent = el.parentElement;
    if (!parent || parent === el.ownerDocument.documentElement) return [];
    let clips = clipsAbove.get(parent);
    if (clips === undefined) {
      const style = view.getComputedStyle(parent);
      const clipping = /hidden|clip/.test(style.overflowX) || /hidden|clip/.test(style.overflowY);
      const above = clipsOf(parent, view);
      clips = clipping ? [...above, parent.getBoundingClientRect()] : above;
      clipsAbove.set(parent, clips);
    }
    return clips;
  };
  const out = new Map<string, string[]>();
  for (const target of targets) {
    const { id, el } = target;
    const reasons: string[] = [];
    const page = pageOf(el.ownerDocument);
    const box = el.getBoundingClientRect();
    const style = page.view.getComputedStyle(el);
    if (box.width < 1 || box.height < 1) reasons.push('no box');
    else if (box.right + page.x <= 0 || box.bottom + page.y <= 0 || box.left + page.x >= page.width)
      reasons.push('off-screen');
    else if (
      clipsOf(el, page.view).some(
        (clip) =>
          box.right <= clip.left ||
          box.left >= clip.right ||
          box.bottom <= clip.top ||
          box.top >= clip.bottom,
      )
    )
      reasons.push('clipped by an overflow ancestor');
    if (style.visibility !== 'visible') reasons.push(`visibility ${style.visibility}`);
    if (Number(style.opacity) <= INVISIBLE_OPACITY) reasons.push(`opacity ${style.opacity}`);
    target.text ??= /\S/.test(el.textContent ?? '');
    if (target.text) {
      const size = Number.parseFloat(style.fontSize);
      if (size < MIN_FONT_SIZE) reasons.push(`font-size ${style.fontSize}`);
      if ((parseColor(style.color)?.a ?? 1) === 0) reasons.push('transparent text');
    }
    if (reasons.length > 0) out.set(id, reasons);
  }
  return out;
}

/** What is out of sight after that was in sight before; reasons are compared by their kind. */
export function newlyHidden(
  before: ReadonlyMap<string, string[]>,
  after: ReadonlyMap<string, string[]>,
): HiddenRegion[] {
  const kind = (reason: string) => reason.split(' ')[0];
  const hidden: HiddenRegion[] = [];
  for (const [regionId, reasons] of after) {
    const had = new Set((before.get(regionId) ?? []).map(kind));
    const added = reasons.filter((r) => !had.has(kind(r)));
    if (added.length > 0) hidden.push({ regionId, reason: added.join(', ') });
  }
  return hidden;
}
