import { onMessage } from '@/utils/messaging';

export default defineContentScript({
  // Injected on demand by the background with scripting.executeScript, never on every page.
  registration: 'runtime',
  matches: ['<all_urls>'],
  main() {
    // A second injection into the same page (two panels, a retry) must not register twice.
    const loaded = Symbol.for('restage.content-script');
    const scope = globalThis as { [loaded]?: true };
    if (scope[loaded]) return;
    scope[loaded] = true;

    onMessage('ping', () => ({
      url: location.href,
      title: document.title,
      elementCount: document.getElementsByTagName('*').length,
    }));
  },
});
