import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { onMessage, sendMessage } from '@/utils/messaging';

interface RegionFocus {
  /** The region under the pointer, in the panel or on the page. */
  hovered: string | null;
  /** The region last clicked: the page scrolled to it. */
  selected: string | null;
  hover(id: string | null): void;
  select(id: string): void;
}

const Context = createContext<RegionFocus | null>(null);

/**
 * Which region is hovered or selected, shared by every view that shows regions (screenshot,
 * findings, region list) and mirrored on the page's overlay. Hovers from the page count only
 * when they come from this panel's tab: the protocol lets through hovers from Restage's content
 * script in any tab's top frame, and each panel follows one tab.
 */
export function RegionFocusProvider({ tabId, children }: { tabId: number; children: ReactNode }) {
  const [hovered, setHovered] = useState<string | null>(null);
  const [selected, setSelected] = useState<string | null>(null);

  useEffect(
    () =>
      onMessage('regionHovered', ({ id }, sender) => {
        if (sender.tab?.id === tabId) setHovered(id);
      }),
    [tabId],
  );

  const hover = useCallback(
    (id: string | null) => {
      setHovered(id);
      void sendMessage('highlightRegion', { id }, tabId).catch(() => undefined);
    },
    [tabId],
  );
  const select = useCallback(
    (id: string) => {
      setSelected(id);
      void sendMessage('scrollToRegion', { id }, tabId).catch(() => undefined);
    },
    [tabId],
  );
  const value = useMemo(() => ({ hovered, selected, hover, select }), [hovered, selected, hover, select]);
  return <Context.Provider value={value}>{children}</Context.Provider>;
}

export function useRegionFocus(): RegionFocus {
  const focus = useContext(Context);
  if (!focus) throw new Error('useRegionFocus needs a RegionFocusProvider above it.');
  return focus;
}
