import { defineContentScript } from '#imports';
import { frame, beginFrames, endFrames } from '@/utils/page/capture/frames';
import { renderDom } from '@/utils/page/capture/domRender';
import { maskRects } from '@/utils/page/capture/masks';
import { pickElement } from '@/utils/page/capture/picker';
import { onMessage, sendMessage } from '@/utils/messaging/protocol';
import { createOverlay } from '@/utils/page/overlay/overlay';
import { createPreview } from '@/utils/page/preview/preview';
import { extractRegions } from '@/utils/page/regions/extract';
import { freezePage } from '@/utils/page/freeze';
import { resolveSelector } from '@/utils/page/regions/selector';
import { siblingOrder } from '@/utils/page/regions/siblingOrder';

export default defineContentScript({
  // Injected on demand by the background with scripting.executeScript, never on every page.
  registration: 'runtime',
  matches: ['<all_urls>'],
  async main(ctx) {
    // A second injection into the same page (two panels, a retry) must not register twice.
    const loaded = Symbol.for('restage.content-script');
    const scope = globalThis as { [loaded]?: true };
    if (scope[loaded]) return;
    scope[loaded] = true;

    // Nobody may be listening (the panel closed): hover hints are best-effort.
    const overlay = await createOverlay(ctx, (id) =>
      sendMessage('regionHovered', { id }).catch(() => undefined),
    );
    let picking: AbortController | null = null;
    const preview = createPreview();

    onMessage('ping', () => ({
      url: location.href,
      title: document.title,
      elementCount: document.getElementsByTagName('*').length,
    }));
    onMessage('extractRegions', ({ privateSelectors }) => extractRegions(privateSelectors));
    // Our boxes must never end up in the page's pixels: hidden once per capture, and the
    // capture waits for a frame painted without them (without it, 5 of 15 captures showed them).
    onMessage('beforeCapture', async ({ privateSelectors }) => {
      overlay.setVisible(false);
      await overlay.painted();
      return maskRects(privateSelectors);
    });
    onMessage('afterCapture', () => overlay.setVisible(true));
    onMessage('beginFrames', async () => {
      overlay.setVisible(false);
      await overlay.painted();
      return beginFrames();
    });
    onMessage('frame', ({ y, hideFixed, privateSelectors }) => frame(y, hideFixed, privateSelectors));
    onMessage('endFrames', () => {
      endFrames();
      overlay.setVisible(true);
    });
    onMessage('renderDom', ({ selector, privateSelectors }) => renderDom(selector, privateSelectors));
    onMessage('pickElement', async () => {
      picking?.abort();
      picking = new AbortController();
      return pickElement(overlay.outline, picking.signal);
    });
    onMessage('cancelPick', () => picking?.abort());
    onMessage('scrollToBox', ({ box }) => {
      scrollTo({ left: 0, top: Math.max(0, box.y - 16), behavior: 'instant' });
      return { scrollX, scrollY };
    });
    onMessage('showOverlay', ({ regions, labels }) => {
      overlay.setLabels(labels);
      overlay.draw(regions);
    });
    onMessage('setLabels', ({ shown }) => overlay.setLabels(shown));
    onMessage('hideOverlay', () => {
      picking?.abort();
      overlay.remove();
      // The panel closed: the page goes back to how it was, preview included.
      preview.revert();
    });
    onMessage('highlightRegion', ({ ids }) => overlay.highlight(ids));
    // The preview moves things: the numbered boxes follow their elements.
    onMessage('applyPreview', ({ patch, regions, kept }) => {
      const result = preview.apply(patch, regions, kept);
      overlay.remeasure();
      return result;
    });
    onMessage('revertPreview', () => {
      const restored = preview.revert();
      overlay.remeasure();
      return restored;
    });
    onMessage('freezePage', ({ regions, patch, privateSelectors }) =>
      freezePage(regions, patch, privateSelectors),
    );
    onMessage('siblingOrder', ({ a, b, regions }) => siblingOrder(a, b, regions));
    onMessage('scrollToRegion', ({ id }) => {
      overlay.highlight([id]);
      const region = overlay.regionById(id);
      const el = region && resolveSelector(region.selector);
      if (!el) throw new Error(`Region ${id} is no longer on the page.`);
      el.scrollIntoView({ block: 'center', behavior: 'instant' });
    });
  },
});
