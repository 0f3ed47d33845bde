import { describe, expect, it } from 'vitest';
import { critiquable } from '@/utils/background/tabs/critiquable';

describe('critiquable', () => {
  it.each(['https://example.com/', 'http://127.0.0.1:8080/page.html'])('accepts web page %s', (url) => {
    expect(critiquable(url)).toEqual({ ok: true });
  });

  it.each([
    ['chrome://settings/', /browser page/],
    ['chrome-extension://abc/sidepanel.html', /browser page/],
    ['about:blank', /browser page/],
    ['view-source:https://example.com/', /browser page/],
    ['https://chromewebstore.google.com/detail/x', /extension store/],
    ['https://chrome.google.com/webstore/category/extensions', /extension store/],
    ['https://addons.mozilla.org/en-US/firefox/', /extension store/],
    ['file:///home/me/page.html', /local file/],
    ['data:text/html,hi', /data cannot be critiqued/],
    ['', /no page loaded/],
    ['not a url', /not a web page/],
  ])('refuses %s with a plain reason', (url, reason) => {
    const verdict = critiquable(url);
    expect(verdict.ok).toBe(false);
    expect(!verdict.ok && verdict.reason).toMatch(reason);
  });
});
