import { frame, beginFrames, endFrames } from '@/utils/capture/frames';
import { renderDom } from '@/utils/capture/domRender';
import { maskRects } from '@/utils/capture/masks';
import { pickElement } from '@/utils/capture/picker';
import { onMessage, sendMessage } from '@/utils/messaging';
import { createOverlay } from '@/utils/overlay/overlay';
import { extractRegions } from '@/utils/regions/extract';
import { resolveSelector } from '@/utils/regions/selector';

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

    onMessage('ping', () => ({
      url: location.href,
      title: document.title,
      elementCount: document.getElementsByTagName('*').length,
    }));
    onMessage('extractRegions', ({ privateSelectors }) => extractRegions(privateSelectors));
    onMessage('maskRects', ({ privateSelectors }) => maskRects(privateSelectors));
    onMessage('beginFrames', () => beginFrames());
    onMessage('frame', ({ y, hideFixed, privateSelectors }) => frame(y, hideFixed, privateSelectors));
    onMessage('endFrames', () => endFrames());
    onMessage('renderDom', ({ selector, privateSelectors }) => renderDom(selector, privateSelectors));
    onMessage('pickElement', () => pickElement(overlay.outline));
    onMessage('scrollToBox', ({ box }) => {
      scrollTo({ left: 0, top: Math.max(0, box.y - 16), behavior: 'instant' });
      return { scrollX, scrollY };
    });
    onMessage('showOverlay', ({ regions }) => overlay.draw(regions));
    onMessage('setOverlayVisible', ({ visible }) => overlay.setVisible(visible));
    onMessage('hideOverlay', () => overlay.remove());
    onMessage('highlightRegion', ({ id }) => overlay.highlight(id));
    onMessage('scrollToRegion', ({ id }) => {
      overlay.highlight(id);
      const region = overlay.regionById(id);
      const el = region && resolveSelector(region.selector);
      if (!el) throw new Error(`Region ${id} is no longer on the page.`);
      el.scrollIntoView({ block: 'center', behavior: 'instant' });
    });
  },
});
