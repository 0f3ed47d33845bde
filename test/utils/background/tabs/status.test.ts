import { afterEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { pinPage } from '@/utils/background/tabs/status';

afterEach(() => {
  vi.restoreAllMocks();
  fakeBrowser.reset();
});

/** The tab's document ids, in the order executeScript reports them. */
function documents(...ids: (string | Error)[]) {
  const spy = vi.spyOn(fakeBrowser.scripting, 'executeScript');
  for (const id of ids)
    spy.mockImplementationOnce((async () => {
      if (id instanceof Error) throw id;
      return [{ frameId: 0, documentId: id, result: 0 }];
    }) as never);
}

describe('pinning a job to its page', () => {
  it('finds the page there while its document is the one pinned, whatever its address says now', async () => {
    const tab = await fakeBrowser.tabs.create({ url: 'https://shop.example/' });
    documents('doc-1', 'doc-1');
    const left = await pinPage(tab.id!, 'https://shop.example/');
    // An SPA's route change keeps the document.
    await fakeBrowser.tabs.update(tab.id!, { url: 'https://shop.example/route-two' });
    expect(await left()).toBeNull();
  });

  it('says where the page went when another document replaced it, and when it reloaded', async () => {
    const tab = await fakeBrowser.tabs.create({ url: 'https://shop.example/' });
    documents('doc-1', 'doc-2', 'doc-1', new Error('Frame with ID 0 is showing error page'));
    const went = await pinPage(tab.id!, 'https://shop.example/');
    await fakeBrowser.tabs.update(tab.id!, { url: 'https://shop.example/cart' });
    expect(await went()).toBe(
      'The page went to https://shop.example/cart during the critique; what was found before is kept, and a new critique covers the page the tab shows now.',
    );
    const reloaded = await pinPage(tab.id!, 'https://shop.example/cart');
    expect(await reloaded()).toMatch(/^The page reloaded during the critique; /);
  });

  it('says the tab was closed', async () => {
    const tab = await fakeBrowser.tabs.create({ url: 'https://shop.example/' });
    documents('doc-1');
    const left = await pinPage(tab.id!, 'https://shop.example/');
    vi.spyOn(fakeBrowser.tabs, 'get').mockRejectedValue(new Error(`No tab with id: ${tab.id}.`));
    expect(await left()).toBe(
      'The tab was closed during the critique; what was found before is kept, and reopening the page lets you critique it again.',
    );
  });
});
