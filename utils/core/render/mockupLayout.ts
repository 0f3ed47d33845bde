/**
 * The mockup laid out, to measure its structure (./structure.ts): in a page the extension owns
 * (Chromium's offscreen document, Firefox's background page), inside an iframe sandboxed
 * without scripts and sized to the page's viewport, so its media queries and `vh` units
 * resolve as the page's did. Reads each marked region's box, across open shadow roots.
 */
import type { MockupLayout } from '@/utils/core/schemas/capture';
import { UNREAD_MARK } from '@/utils/core/render/frozenResources';

/** How long images and fonts get to decode before the boxes are read anyway. */
const SETTLE_MS = 5_000;

export async function layOutMockup(
  html: string,
  viewport: { width: number; height: number },
  doc: Document = document,
): Promise<MockupLayout> {
  const started = performance.now();
  const frame = doc.createElement('iframe');
  // allow-same-origin without allow-scripts: we may read its layout, nothing in it may run.
  frame.setAttribute('sandbox', 'allow-same-origin');
  frame.style.cssText = `position:absolute;left:-20000px;top:0;border:0;width:${viewport.width}px;height:${viewport.height}px`;
  const loaded = new Promise<void>((resolve) =>
    frame.addEventListener('load', () => resolve(), { once: true }),
  );
  frame.srcdoc = html;
  doc.body.append(frame);
  try {
    await loaded;
    const inner = frame.contentDocument;
    if (!inner) throw new Error('The mockup could not be laid out.');
    const images = [...inner.images];
    // Load events, not decode(): a page nobody renders (the offscreen document) may never
    // reach the frame decode() waits for.
    const settle = Promise.all([
      ...images.map(
        (img) =>
          img.complete ||
          new Promise((resolve) => {
            img.addEventListener('load', resolve, { once: true });
            img.addEventListener('error', resolve, { once: true });
          }),
      ),
      inner.fonts.status === 'loaded' ? null : inner.fonts.ready,
    ]);
    await Promise.race([settle, new Promise((resolve) => setTimeout(resolve, SETTLE_MS))]);
    const boxes: MockupLayout['boxes'] = {};
    const scan = (root: Document | ShadowRoot) => {
      for (const el of root.querySelectorAll('[data-region]')) {
        const id = el.getAttribute('data-region') ?? '';
        const r = el.getBoundingClientRect();
        boxes[id] = { x: r.left, y: r.top, width: r.width, height: r.height };
      }
      for (const el of root.querySelectorAll('*')) if (el.shadowRoot) scan(el.shadowRoot);
    };
    scan(inner);
    const placeholder = (img: HTMLImageElement) => atob(img.src.split(',')[1] ?? '').includes(UNREAD_MARK);
    return {
      boxes,
      height: Math.max(inner.documentElement.scrollHeight, inner.body?.scrollHeight ?? 0),
      images: images.length,
      decoded: images.filter((img) => img.complete && img.naturalWidth > 0).length,
      placeholders: images.filter(
        (img) => img.src.startsWith('data:image/svg+xml;base64,') && placeholder(img),
      ).length,
      ms: performance.now() - started,
    };
  } finally {
    frame.remove();
  }
}
