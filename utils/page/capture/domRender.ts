import html2canvas from 'html2canvas';
import type { DomRender } from '@/utils/core/schemas/capture';
import type { Box } from '@/utils/core/schemas/region';
import { findPrivateElements } from '@/utils/page/regions/privacy';
import { resolveSelector } from '@/utils/page/regions/selector';
import { isOwn } from '@/utils/page/overlay/ownUi';

/**
 * Rasterizes the page (or one element) from the DOM with html2canvas. It needs no visible
 * tab, so it works in background tabs and on mockups. html2canvas 1.4.1 throws on colors
 * it cannot parse (oklch(), color-mix()) and on tainted canvases; the caller falls back.
 */
export async function renderDom(
  selector: string | null,
  privateSelectors: readonly string[],
): Promise<DomRender> {
  const started = performance.now();
  const target = selector ? resolveSelector(selector) : document.documentElement;
  if (!target || !(target instanceof HTMLElement))
    return { ok: false, reason: `No element matches ${selector}.` };
  const rect = target.getBoundingClientRect();
  const area: Box =
    target === document.documentElement
      ? { x: 0, y: 0, width: target.scrollWidth, height: target.scrollHeight }
      : { x: rect.left + scrollX, y: rect.top + scrollY, width: rect.width, height: rect.height };
  // Throws (an invalid private selector, say) rather than falling back: no masks, no image.
  const privateElements = findPrivateElements(document, privateSelectors);
  try {
    const scale = devicePixelRatio;
    const canvas = await html2canvas(target, {
      logging: false,
      useCORS: true,
      scale,
      ignoreElements: isOwn,
    });
    const ctx = canvas.getContext('2d');
    if (!ctx) return { ok: false, reason: 'no 2D canvas context' };
    ctx.fillStyle = '#000';
    for (const el of privateElements) {
      const r = el.getBoundingClientRect();
      const x = r.left + scrollX - area.x - 2;
      const y = r.top + scrollY - area.y - 2;
      ctx.fillRect(x * scale, y * scale, (r.width + 4) * scale, (r.height + 4) * scale);
    }
    const dataUrl = canvas.toDataURL('image/png'); // throws SecurityError on a tainted canvas
    return {
      ok: true,
      dataUrl,
      width: canvas.width,
      height: canvas.height,
      area,
      masked: privateElements.length,
      ms: performance.now() - started,
    };
  } catch (error) {
    return { ok: false, reason: (error as Error).message || String(error) };
  }
}
