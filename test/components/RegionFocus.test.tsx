// @vitest-environment happy-dom
import { act, cleanup, renderHook } from '@testing-library/react';
import type { ReactNode } from 'react';
import { afterEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { RegionFocusProvider, useRegionFocus } from '@/components/focus/RegionFocus';

afterEach(cleanup);

/** A hover from the overlay of `tabId`, as @webext-core/messaging sends it. */
const hoverFrom = (tabId: number, id: string) =>
  act(() =>
    fakeBrowser.runtime.onMessage.trigger(
      { id: Date.now(), type: 'regionHovered', data: { id }, timestamp: Date.now() },
      { tab: { id: tabId } } as never,
      () => undefined,
    ),
  );

describe('region focus', () => {
  it('takes hovers from its own tab’s page only', async () => {
    const wrapper = ({ children }: { children: ReactNode }) => (
      <RegionFocusProvider tabId={4}>{children}</RegionFocusProvider>
    );
    const { result } = renderHook(() => useRegionFocus(), { wrapper });
    await hoverFrom(9, 'r2');
    expect(result.current.hovered).toBeNull();
    await hoverFrom(4, 'r3');
    expect(result.current.hovered).toBe('r3');
  });
});
