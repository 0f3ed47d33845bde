import { browser } from '#imports';

/**
 * tabs.captureVisibleTab allows 2 calls per second
 * (https://developer.chrome.com/docs/extensions/reference/api/tabs#property-MAX_CAPTURE_VISIBLE_TAB_CALLS_PER_SECOND):
 * keep 500 ms between calls, and retry when the quota error comes anyway.
 */
export const CAPTURE_GAP_MS = 500;
let lastCapture = 0;

/** Resolves after `ms`, or rejects as soon as `signal` aborts. */
export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((done, fail) => {
    signal?.throwIfAborted();
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      done();
    }, ms);
    const onAbort = () => {
      clearTimeout(timer);
      fail(signal!.reason);
    };
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

export async function captureVisible(windowId: number, signal?: AbortSignal): Promise<string> {
  for (let attempt = 0; ; attempt++) {
    const wait = lastCapture + CAPTURE_GAP_MS - Date.now();
    if (wait > 0) await sleep(wait, signal);
    signal?.throwIfAborted();
    lastCapture = Date.now();
    try {
      return await browser.tabs.captureVisibleTab(windowId, { format: 'png' });
    } catch (error) {
      const message = (error as Error).message ?? '';
      if (attempt < 3 && /MAX_CAPTURE_VISIBLE_TAB_CALLS_PER_SECOND|quota/i.test(message)) continue;
      throw new Error(`The browser refused to capture this tab: ${message}`, { cause: error });
    }
  }
}
