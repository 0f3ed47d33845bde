// @vitest-environment happy-dom
import { act, cleanup, renderHook } from '@testing-library/react';
import type { ReactNode } from 'react';
import { afterEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import type { Browser } from 'wxt/browser';
import { RegionFocusProvider, useRegionFocus } from '@/components/focus/RegionFocus';
import { SENDERS } from '@/test/fixtures/senders';

afterEach(cleanup);

/** A hover from `sender`, as @webext-core/messaging sends it. */
const hoverFrom = (sender: Browser.runtime.MessageSender, id: string) =>
  act(() =>
    fakeBrowser.runtime.onMessage.trigger(
      { id: Date.now(), type: 'regionHovered', data: { id }, timestamp: Date.now() },
      sender,
      () => undefined,
    ),
  );
/** Restage's content script in the top frame of tab `tabId`. */
const page = (tabId: number) => ({ ...SENDERS.content, tab: { id: tabId } as Browser.tabs.Tab });

describe('region focus', () => {
  it('takes hovers from its own tab’s page only', async () => {
    const wrapper = ({ children }: { children: ReactNode }) => (
      <RegionFocusProvider tabId={4}>{children}</RegionFocusProvider>
    );
    const { result } = renderHook(() => useRegionFocus(), { wrapper });
    await hoverFrom(page(9), 'r2');
    expect(result.current.hovered).toBeNull();
    await hoverFrom(page(4), 'r3');
    expect(result.current.hovered).toBe('r3');
  });

  it('takes no hover that only claims its tab: from a sub-frame or from an extension page there', async () => {
    const wrapper = ({ children }: { children: ReactNode }) => (
      <RegionFocusProvider tabId={4}>{children}</RegionFocusProvider>
    );
    const { result } = renderHook(() => useRegionFocus(), { wrapper });
    await hoverFrom({ ...SENDERS.contentInSubframe, tab: { id: 4 } as Browser.tabs.Tab }, 'r2');
    await hoverFrom({ ...SENDERS.options, tab: { id: 4 } as Browser.tabs.Tab, frameId: 0 }, 'r5');
    expect(result.current.hovered).toBeNull();
    await hoverFrom(page(4), 'r3');
    expect(result.current.hovered).toBe('r3');
  });
});
