import { browser } from '#imports';
import { useEffect, useState } from 'react';
import { sendMessage } from '@/utils/messaging/protocol';
import { resolveTargetTab } from '@/utils/panel/targetTab';
import type { PageProbe, TabStatus } from '@/utils/core/schemas/capture';

export type TargetTab =
  | { state: 'loading' }
  | { state: 'error'; message: string }
  | { state: 'ready'; status: TabStatus; probe: PageProbe | null; probeError: string | null };

async function readTab(tabId: number, show: (target: TargetTab) => void): Promise<void> {
  let status: TabStatus;
  try {
    status = await sendMessage('getTabStatus', { tabId });
  } catch (error) {
    return show({ state: 'error', message: (error as Error).message });
  }
  show({ state: 'ready', status, probe: null, probeError: null });
  if (!status.critiquable) return;
  try {
    show({ state: 'ready', status, probe: await sendMessage('probeTab', { tabId }), probeError: null });
  } catch (error) {
    show({ state: 'ready', status, probe: null, probeError: (error as Error).message });
  }
}

/** Follows the tab the panel critiques and keeps its status and page probe current. */
export function useTargetTab(): TargetTab {
  const [target, setTarget] = useState<TargetTab>({ state: 'loading' });
  const [tabId, setTabId] = useState<number | null>(null);

  useEffect(() => {
    let pinned = false;
    // A side panel belongs to one window: it follows tab switches there, not in other windows.
    let windowId: number | undefined;
    void browser.windows.getCurrent().then(
      (w) => (windowId = w.id),
      () => undefined,
    );
    void resolveTargetTab(location.search).then((found) => {
      if (!found) return setTarget({ state: 'error', message: 'No tab to critique.' });
      pinned = found.pinned;
      setTabId(found.tabId);
    });
    const onActivated = (info: { tabId: number; windowId: number }) => {
      if (!pinned && info.windowId === windowId) setTabId(info.tabId);
    };
    browser.tabs.onActivated.addListener(onActivated);
    return () => browser.tabs.onActivated.removeListener(onActivated);
  }, []);

  useEffect(() => {
    if (tabId === null) return;
    // Answers for a tab the panel has since left are dropped.
    let live = true;
    const show = (next: TargetTab) => live && setTarget(next);
    void readTab(tabId, show);
    const onUpdated = (id: number, change: { status?: string; title?: string }) => {
      if (id === tabId && (change.status === 'complete' || change.title)) void readTab(tabId, show);
    };
    browser.tabs.onUpdated.addListener(onUpdated);
    return () => {
      live = false;
      browser.tabs.onUpdated.removeListener(onUpdated);
    };
  }, [tabId]);

  return target;
}
