import { browser } from 'wxt/browser';

/**
 * MV3 stops a service worker after 30 s without extension events or API calls; since Chrome
 * 110 every extension API call resets that timer
 * (https://developer.chrome.com/docs/extensions/develop/concepts/service-workers/lifecycle#idle-shutdown).
 * While a job runs, a cheap call every 20 s keeps the worker up; it stops with the last job.
 */
const PING_MS = 20_000;
let timer: ReturnType<typeof setInterval> | undefined;

export function keepAlive(active: boolean): void {
  if (active && timer === undefined) {
    timer = setInterval(() => void browser.runtime.getPlatformInfo().catch(() => undefined), PING_MS);
  } else if (!active && timer !== undefined) {
    clearInterval(timer);
    timer = undefined;
  }
}
