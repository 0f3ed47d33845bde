/**
 * The colors a text really shows on screen: WCAG 1.4.3 compares rendered colors
 * (https://www.w3.org/TR/WCAG21/#dfn-contrast-ratio), so where Restage and axe-core disagree
 * on a solid background the pixels settle it. Only the pixels under the element's text are
 * read (each text node's line boxes), not the rest of its box: the commonest of them is the
 * background, and a color is shown if some pixel has it (a glyph's stem, away from
 * anti-aliased edges).
 */
import type { Page } from 'playwright-core';
import type { Rgba } from '@/utils/core/measure/color';

export interface Rendered {
  background: Rgba;
  /** Whether some pixel under the text has this color (each channel within `tolerance`). */
  shows(color: Rgba, tolerance?: number): boolean;
}

export async function renderedColors(page: Page, selector: string): Promise<Rendered> {
  const rects = await page.evaluate((s) => {
    const el = document.querySelector(s);
    if (!el) return [];
    const boxes: { x: number; y: number; width: number; height: number }[] = [];
    const walker = document.createTreeWalker(el, NodeFilter.SHOW_TEXT);
    const range = document.createRange();
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      if (!/\S/.test(node.nodeValue ?? '')) continue;
      range.selectNodeContents(node);
      for (const r of range.getClientRects())
        if (r.width >= 1 && r.height >= 1)
          boxes.push({ x: r.left + scrollX, y: r.top + scrollY, width: r.width, height: r.height });
    }
    // A field's text has no text node: its content box stands in.
    if (boxes.length === 0) {
      const r = el.getBoundingClientRect();
      boxes.push({ x: r.left + scrollX, y: r.top + scrollY, width: r.width, height: r.height });
    }
    return boxes;
  }, selector);
  const counts = new Map<string, number>();
  const reader = await page.context().newPage();
  try {
    for (const rect of rects.slice(0, 40)) {
      const clip = {
        x: Math.max(0, Math.floor(rect.x)),
        y: Math.max(0, Math.floor(rect.y)),
        width: Math.max(1, Math.floor(rect.width)),
        height: Math.max(1, Math.floor(rect.height)),
      };
      const png = await page.screenshot({ clip, fullPage: true });
      const entries = await reader.evaluate(async (data) => {
        const image = new Image();
        image.src = `data:image/png;base64,${data}`;
        await image.decode();
        const canvas = new OffscreenCanvas(image.width, image.height);
        const context = canvas.getContext('2d')!;
        context.drawImage(image, 0, 0);
        const pixels = context.getImageData(0, 0, image.width, image.height).data;
        const found: Record<string, number> = {};
        for (let i = 0; i < pixels.length; i += 4) {
          const key = `${pixels[i]},${pixels[i + 1]},${pixels[i + 2]}`;
          found[key] = (found[key] ?? 0) + 1;
        }
        return Object.entries(found);
      }, png.toString('base64'));
      for (const [key, n] of entries) counts.set(key, (counts.get(key) ?? 0) + n);
    }
  } finally {
    await reader.close();
  }
  const rgba = (key: string): Rgba => {
    const [r = 0, g = 0, b = 0] = key.split(',').map(Number);
    return { r, g, b, a: 1 };
  };
  const [backgroundKey] = [...counts].reduce(
    (best, entry) => (entry[1] > best[1] ? entry : best),
    ['0,0,0', -1],
  );
  const colors = [...counts.keys()].map(rgba);
  return {
    background: rgba(backgroundKey),
    shows: (color, tolerance = 2) =>
      colors.some(
        (c) =>
          Math.abs(c.r - color.r) <= tolerance &&
          Math.abs(c.g - color.g) <= tolerance &&
          Math.abs(c.b - color.b) <= tolerance,
      ),
  };
}
