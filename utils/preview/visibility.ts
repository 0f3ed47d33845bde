/**
 * After a preview's sheet goes on: is every patched region, and every region inside one, still
 * there to see? A region counts as hidden by the preview when a reason below holds after the
 * sheet is on and did not hold before it, so content the page itself hides is never blamed on
 * the plan. The grammar and sanitizePatch should already stop all of these; this is the check
 * on the real page, where cascade and layout have the last word.
 */
import { parseColor } from '../measure/color';
import { MIN_FONT_SIZE } from '../plan/cssGrammar';

export interface Target {
  id: string;
  el: Element;
}

export interface HiddenRegion {
  regionId: string;
  reason: string;
}

/** An element's own opacity at or below this shows nothing. */
const INVISIBLE_OPACITY = 0.05;

/** Reasons each target is out of sight now, by region id (no entry: visible). */
export function sightOf(targets: readonly Target[]): Map<string, string[]> {
  // Same-origin frames have their own window and page width.
  const widths = new Map<Document, number>();
  const pageWidth = (doc: Document, view: Window) => {
    let width = widths.get(doc);
    if (width === undefined)
      widths.set(doc, (width = Math.max(doc.documentElement.scrollWidth, view.innerWidth)));
    return width;
  };
  // An ancestor that clips (`overflow: hidden | clip`), with its box; asked once per element.
  const clips = new Map<Element, DOMRect | null>();
  const clipOf = (el: Element): DOMRect | null => {
    let clip = clips.get(el);
    if (clip === undefined) {
      const style = (el.ownerDocument.defaultView ?? window).getComputedStyle(el);
      const clipping = /hidden|clip/.test(style.overflowX) || /hidden|clip/.test(style.overflowY);
      clip = clipping ? el.getBoundingClientRect() : null;
      clips.set(el, clip);
    }
    return clip;
  };
  const out = new Map<string, string[]>();
  for (const { id, el } of targets) {
    const reasons: string[] = [];
    const doc = el.ownerDocument;
    const view = doc.defaultView ?? window;
    const box = el.getBoundingClientRect();
    const style = view.getComputedStyle(el);
    if (box.width < 1 || box.height < 1) reasons.push('no box');
    else if (
      box.right + view.scrollX <= 0 ||
      box.bottom + view.scrollY <= 0 ||
      box.left + view.scrollX >= pageWidth(doc, view)
    )
      reasons.push('off-screen');
    else {
      for (let up = el.parentElement; up && up !== doc.documentElement; up = up.parentElement) {
        const clip = clipOf(up);
        if (
          clip &&
          (box.right <= clip.left ||
            box.left >= clip.right ||
            box.bottom <= clip.top ||
            box.top >= clip.bottom)
        ) {
          reasons.push('clipped by an overflow ancestor');
          break;
        }
      }
    }
    if (style.visibility !== 'visible') reasons.push(`visibility ${style.visibility}`);
    if (Number(style.opacity) <= INVISIBLE_OPACITY) reasons.push(`opacity ${style.opacity}`);
    if (/\S/.test(el.textContent ?? '')) {
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
