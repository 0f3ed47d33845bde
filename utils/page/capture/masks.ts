import type { MaskRects } from '@/utils/core/schemas/capture';
import type { Box } from '@/utils/core/schemas/region';
import { findPrivateElements } from '@/utils/page/regions/privacy';
import { opensClosedRoots } from '@/utils/page/regions/shadow';

/**
 * Where `doc`'s viewport sits in the top viewport: the offsets of the frames it is in, each
 * frame's content box (inside its border and padding, where its document is drawn). 0, 0 for
 * the top document.
 */
export function frameOffset(doc: Document): { x: number; y: number } {
  let x = 0;
  let y = 0;
  for (
    let frame = doc.defaultView?.frameElement;
    frame;
    frame = frame.ownerDocument.defaultView?.frameElement
  ) {
    const f = frame.getBoundingClientRect();
    const style = frame.ownerDocument.defaultView!.getComputedStyle(frame);
    x += f.left + frame.clientLeft + parseFloat(style.paddingLeft);
    y += f.top + frame.clientTop + parseFloat(style.paddingTop);
  }
  return { x, y };
}

/** The element's rect in the top viewport. */
function viewportRect(el: Element): Box {
  const r = el.getBoundingClientRect();
  const offset = frameOffset(el.ownerDocument);
  return { x: r.left + offset.x, y: r.top + offset.y, width: r.width, height: r.height };
}

/**
 * Where private content is right now, in viewport CSS pixels. Throws rather than returning a
 * partial list: callers treat any failure as "do not send pixels" (fail-closed).
 */
export function maskRects(privateSelectors: readonly string[]): MaskRects {
  const elements = findPrivateElements(document, privateSelectors);
  const rects = elements
    .map(viewportRect)
    .filter((r) => r.width > 0 && r.height > 0)
    // A little margin covers focus rings and text that overflows its box.
    .map((r) => ({ x: r.x - 2, y: r.y - 2, width: r.width + 4, height: r.height + 4 }));
  return {
    rects,
    unopened: opensClosedRoots() ? 0 : elements.filter((el) => el.localName.includes('-')).length,
    viewport: { width: innerWidth, height: innerHeight, dpr: devicePixelRatio, scrollX, scrollY },
  };
}
