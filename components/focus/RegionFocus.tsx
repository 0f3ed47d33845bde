import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { onMessage, sendMessage } from '@/utils/messaging/protocol';

interface RegionFocus {
  /** The region under the pointer, in the panel or on the page. */
  hovered: string | null;
  /** The regions of the finding card under the pointer or holding focus; empty when none. */
  lit: readonly string[];
  /** Every region shown highlighted: the hovered one and the lit ones. */
  active: ReadonlySet<string>;
  /** The region last clicked: the page scrolled to it. */
  selected: string | null;
  hover(id: string | null): void;
  /** Lights a finding's regions, here and on the page; [] puts them out. */
  light(ids: readonly string[]): void;
  select(id: string): void;
}

const Context = createContext<RegionFocus | null>(null);

/**
 * Which region is hovered or selected, and which finding's regions are lit, shared by every
 * view that shows regions (screenshot, findings, region list) and mirrored on the page's
 * overlay. Hovers from the page count only when they come from this panel's tab: the protocol
 * lets through hovers from Restage's content script in any tab's top frame, and each panel
 * follows one tab.
 */
export function RegionFocusProvider({ tabId, children }: { tabId: number; children: ReactNode }) {
  const [hovered, setHovered] = useState<string | null>(null);
  const [lit, setLit] = useState<readonly string[]>([]);
  const [selected, setSelected] = useState<string | null>(null);

  useEffect(
    () =>
      onMessage('regionHovered', ({ id }, sender) => {
        if (sender.tab?.id === tabId) setHovered(id);
      }),
    [tabId],
  );

  // The page shows what the panel shows: one message per change, with every lit id.
  const active = useMemo(() => new Set([...lit, ...(hovered ? [hovered] : [])]), [hovered, lit]);
  useEffect(() => {
    void sendMessage('highlightRegion', { ids: [...active] }, tabId).catch(() => undefined);
  }, [active, tabId]);

  const hover = useCallback((id: string | null) => setHovered(id), []);
  const light = useCallback(
    (ids: readonly string[]) =>
      setLit((was) => (was.length === ids.length && was.every((id, i) => id === ids[i]) ? was : ids)),
    [],
  );
  const select = useCallback(
    (id: string) => {
      setSelected(id);
      void sendMessage('scrollToRegion', { id }, tabId).catch(() => undefined);
    },
    [tabId],
  );
  const value = useMemo(
    () => ({ hovered, lit, active, selected, hover, light, select }),
    [hovered, lit, active, selected, hover, light, select],
  );
  return <Context.Provider value={value}>{children}</Context.Provider>;
}

export function useRegionFocus(): RegionFocus {
  const focus = useContext(Context);
  if (!focus) throw new Error('useRegionFocus needs a RegionFocusProvider above it.');
  return focus;
}
