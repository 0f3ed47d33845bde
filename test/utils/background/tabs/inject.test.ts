import { afterEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { probeTab } from '@/utils/background/tabs/inject';

afterEach(() => {
  vi.restoreAllMocks();
});

describe('injecting the content script', () => {
  it('first closes local storage to content scripts, so no content script can read it', async () => {
    const tab = await fakeBrowser.tabs.create({ url: 'https://shop.example/' });
    const order: string[] = [];
    let injected = false;
    vi.spyOn(fakeBrowser.storage.local, 'setAccessLevel').mockImplementation(async ({ accessLevel }) => {
      // Held back a moment: the injection must wait for it, not merely be called after it.
      await new Promise((done) => setTimeout(done, 20));
      order.push(`access ${accessLevel}`);
    });
    vi.spyOn(fakeBrowser.scripting, 'executeScript').mockImplementation(async () => {
      order.push('inject');
      injected = true;
      return [];
    });
    // The content script answers ping only once it is there.
    const probe = { url: 'https://shop.example/', title: 'Shop', elementCount: 12 };
    const send = (_tab: number, _message: unknown, _options: unknown, reply: (r: unknown) => void) =>
      reply(injected ? { res: probe } : undefined);
    vi.spyOn(fakeBrowser.tabs, 'sendMessage').mockImplementation(send as never);

    await expect(probeTab(tab.id!)).resolves.toEqual(probe);
    expect(order).toEqual(['access TRUSTED_CONTEXTS', 'inject']);
  });
});
