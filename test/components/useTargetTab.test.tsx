// @vitest-environment happy-dom
import { act, cleanup, renderHook, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { useTargetTab } from '@/entrypoints/sidepanel/useTargetTab';
import { onMessage } from '@/utils/messaging/protocol';
import { deliverFrom, SENDERS } from '@/test/fixtures/senders';

afterEach(() => {
  cleanup();
  vi.restoreAllMocks();
});

describe('useTargetTab', () => {
  it('follows tab switches in its own window and ignores those in other windows', async () => {
    deliverFrom(SENDERS.panel);
    vi.spyOn(fakeBrowser.windows, 'getCurrent').mockResolvedValue({ id: 1 } as never);
    vi.spyOn(fakeBrowser.tabs, 'query').mockResolvedValue([{ id: 10 }] as never);
    const stop = onMessage('getTabStatus', ({ tabId }) => ({
      tabId,
      title: `Tab ${tabId}`,
      url: `chrome://tab-${tabId}/`,
      critiquable: false,
      reason: 'A browser page.',
    }));
    const { result } = renderHook(() => useTargetTab());
    await waitFor(() => expect(result.current).toMatchObject({ state: 'ready', status: { tabId: 10 } }));

    await act(() => fakeBrowser.tabs.onActivated.trigger({ tabId: 20, windowId: 2 }));
    await act(() => new Promise((done) => setTimeout(done, 20)));
    expect(result.current).toMatchObject({ status: { tabId: 10 } });

    await act(() => fakeBrowser.tabs.onActivated.trigger({ tabId: 30, windowId: 1 }));
    await waitFor(() => expect(result.current).toMatchObject({ status: { tabId: 30, title: 'Tab 30' } }));
    stop();
  });
});
