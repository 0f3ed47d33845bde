import { browser } from '#imports';

/**
 * tabs.captureVisibleTab allows 2 calls per second
 * (https://developer.chrome.com/docs/extensions/reference/api/tabs#property-MAX_CAPTURE_VISIBLE_TAB_CALLS_PER_SECOND):
 * keep a little over 500 ms between calls, and retry when the quota error comes anyway. The
 * browser counts a call when it arrives, a few ms after it leaves here: at exactly 500 ms, 3 of
 * 4 full-page captures of a 10-screen page hit the quota error (each one costs another 500 ms
 * wait); at 510 ms none of 4 did, at 505 ms none of 8.
 */
export const CAPTURE_GAP_MS = 510;
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
