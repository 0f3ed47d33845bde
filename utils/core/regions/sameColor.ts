/**
 * Text the colour of its background (white on white): the page holds it, no one sees it. WCAG
 * contrast runs from 1:1, no difference at all, to 21:1 (https://www.w3.org/TR/WCAG21/#dfn-contrast-ratio);
 * below SAME_COLOR_RATIO a region's text is treated like other hidden text and kept out of the
 * model's input (utils/core/text/pageData.ts). #fefefe on white is 1.01:1 and #f5f5f5 1.09:1;
 * #eeeeee on white, 1.16:1, still counts as seen.
 */

export const SAME_COLOR_RATIO = 1.1;

export const isSameColor = (ratio: number): boolean => ratio < SAME_COLOR_RATIO;

/**
 * Whether the text is painted by a background clipped to the glyphs (`background-clip: text`,
 * https://drafts.csswg.org/css-backgrounds-4/#background-clip) of the element or an ancestor:
 * gradient headlines with a transparent fill. Contrast sees only the transparent fill, so it
 * reads them as the colour of their background though they show.
 */
export function paintedByBackground(el: Element): boolean {
  const view = el.ownerDocument.defaultView;
  if (!view) return false;
  for (let node: Element | null = el; node; node = node.parentElement) {
    const style = view.getComputedStyle(node);
    if (style.backgroundClip === 'text' || style.webkitBackgroundClip === 'text') return true;
  }
  return false;
}
