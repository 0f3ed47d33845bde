/**
 * The checks the messy-page tests hold every page to, measured independently of extraction: the
 * page's visible words are read here from its text nodes (not from the regions), and each
 * region's box is compared with its element's, found again by its selector.
 */
import type { Page } from 'playwright-core';
import type { Box, Region } from '@/utils/core/schemas/region';

export function iou(a: Box, b: Box): number {
  const x = Math.max(0, Math.min(a.x + a.width, b.x + b.width) - Math.max(a.x, b.x));
  const y = Math.max(0, Math.min(a.y + a.height, b.y + b.height) - Math.max(a.y, b.y));
  const inter = x * y;
  const union = a.width * a.height + b.width * b.height - inter;
  return union === 0 ? 1 : inter / union;
}

/**
 * Text the page shows: text nodes whose element is rendered and visible (CSS display,
 * visibility and opacity, by checkVisibility), that lay out to a box of their own on the page
 * and are not clipped away by an ancestor (overflow, `clip`, `clip-path`: the visually-hidden
 * pattern), outside aria-hidden subtrees and outside the options of a closed select. Script,
 * style and SVG text are not the page's words.
 */
export function visibleTexts(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const texts: string[] = [];
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    const range = document.createRange();
    const width = document.documentElement.scrollWidth;
    const height = document.documentElement.scrollHeight;
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const parent = node.parentElement;
      if (!parent || !/\S/.test(node.nodeValue ?? '')) continue;
      if (parent.closest('script, style, noscript, template, select, textarea, svg, [aria-hidden="true"]'))
        continue;
      if (!parent.checkVisibility({ opacityProperty: true, visibilityProperty: true })) continue;
      range.selectNodeContents(node);
      const r = range.getBoundingClientRect();
      const x = r.left + scrollX;
      const y = r.top + scrollY;
      if (r.width < 1 || r.height < 1 || x + r.width <= 0 || y + r.height <= 0 || x >= width || y >= height)
        continue;
      let [left, top, right, bottom] = [r.left, r.top, r.right, r.bottom];
      let clipped = false;
      for (let el: Element | null = parent; el && !clipped; el = el.parentElement) {
        // The root's and the body's overflow scroll the viewport instead (CSS Overflow 3, §3.3).
        if (el === document.documentElement || el === document.body) break;
        const style = getComputedStyle(el);
        if (style.clip !== 'auto' || style.clipPath !== 'none') clipped = true;
        if (style.overflowX === 'visible' && style.overflowY === 'visible') continue;
        const b = el.getBoundingClientRect();
        if (style.overflowX !== 'visible') [left, right] = [Math.max(left, b.left), Math.min(right, b.right)];
        if (style.overflowY !== 'visible') [top, bottom] = [Math.max(top, b.top), Math.min(bottom, b.bottom)];
        clipped ||= right - left < 1 || bottom - top < 1;
      }
      if (!clipped) texts.push(node.nodeValue!);
    }
    return texts;
  });
}

/** For each region: how many elements its selector names, and the element's box in page pixels. */
export function liveBoxes(page: Page, regions: readonly Region[]) {
  return page.evaluate(
    (selectors) =>
      selectors.map((selector) => {
        const found = document.querySelectorAll(selector);
        const r = found[0]?.getBoundingClientRect();
        return {
          count: found.length,
          box: r ? { x: r.left + scrollX, y: r.top + scrollY, width: r.width, height: r.height } : null,
        };
      }),
    regions.map((r) => r.selector),
  );
}
