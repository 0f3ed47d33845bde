import { browser } from '#imports';
import { sendMessage } from '../messaging';
import type { TabStatus } from '../schemas';
import { critiquable } from './critiquable';

export async function getTabStatus(tabId: number): Promise<TabStatus> {
  const tab = await browser.tabs.get(tabId).catch(() => {
    throw new Error(`Tab ${tabId} is closed or does not exist.`);
  });
  const url = tab.url ?? tab.pendingUrl ?? '';
  const verdict = critiquable(url);
  return {
    tabId,
    title: tab.title ?? '',
    url,
    critiquable: verdict.ok,
    reason: verdict.ok ? null : verdict.reason,
  };
}

/**
 * Why a job's page is no longer there to work on, as one sentence for the user, or null when it
 * still is. Gone means the tab closed, or its document was replaced (a link followed, a reload)
 * and Restage's content script went with it; an SPA's route change keeps the document, so the
 * job carries on there. Asked only once a stage has failed, so a live page costs one ping.
 */
export async function pageLeft(tabId: number, url: string): Promise<string | null> {
  const tab = await browser.tabs.get(tabId).catch(() => null);
  if (!tab)
    return 'The tab was closed during the critique; what was found before is kept, and reopening the page lets you critique it again.';
  const here = await sendMessage('ping', undefined, tabId).then(
    () => true,
    () => false,
  );
  if (here) return null;
  const now = tab.url || tab.pendingUrl || '';
  const went = now === url ? 'reloaded' : `went to ${now}`;
  return `The page ${went} during the critique; what was found before is kept, and a new critique covers the page the tab shows now.`;
}
