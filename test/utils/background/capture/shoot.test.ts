import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';

const sent: string[] = [];
vi.mock('@/utils/messaging/protocol', () => ({
  sendMessage: vi.fn(async (type: string) => {
    sent.push(type);
    if (type === 'beginFrames') return { height: 4000, viewportWidth: 1280, viewportHeight: 800, dpr: 1 };
    if (type === 'beforeCapture' || type === 'frame')
      throw new Error('Could not establish connection. Receiving end does not exist.');
    return undefined;
  }),
}));

const { captureFullPage, captureViewport } = await import('@/utils/background/capture/shoot');

const ctx = () => ({
  tabId: 7,
  privateSelectors: [],
  signal: new AbortController().signal,
  progress: () => undefined,
});

beforeEach(() => {
  sent.length = 0;
  vi.spyOn(fakeBrowser.tabs, 'get').mockResolvedValue({
    id: 7,
    active: true,
    windowId: 1,
  } as never);
  vi.spyOn(fakeBrowser.tabs, 'captureVisibleTab').mockResolvedValue('data:image/png;base64,AA==' as never);
});
afterEach(() => vi.restoreAllMocks());

describe('private fields the page cannot locate', () => {
  it.each([
    ['viewport', captureViewport],
    ['full page', captureFullPage],
  ])('%s: no image is taken, and the error says why', async (_, shoot) => {
    await expect(shoot(ctx())).rejects.toThrow(
      /^Restage could not locate this page's private fields, so no screenshot was taken \(Could not establish connection/,
    );
    expect(fakeBrowser.tabs.captureVisibleTab).not.toHaveBeenCalled();
  });

  it('full page: the page is still put back', async () => {
    await expect(captureFullPage(ctx())).rejects.toThrow(/no screenshot was taken/);
    expect(sent).toEqual(['beginFrames', 'frame', 'endFrames']);
  });
});
