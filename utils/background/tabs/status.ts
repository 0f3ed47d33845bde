import { browser } from '#imports';
import type { TabStatus } from '@/utils/core/schemas/capture';
import { critiquable } from '@/utils/background/tabs/critiquable';

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

/** The id of the document the tab shows now (Chrome 106+), or null when it cannot be read. */
const documentOf = (tabId: number): Promise<string | null> =>
  browser.scripting.executeScript({ target: { tabId }, func: () => 0 }).then(
    ([shown]) => (shown as { documentId?: string } | undefined)?.documentId ?? null,
    () => null,
  );

/**
 * Pins a job to the document its tab shows now, and returns the check that says, later, why
 * that page is gone (one sentence for the user) or null while it is there. Gone means the tab
 * closed, or its document was replaced: a link followed or a reload. The panel follows its tab
 * and puts Restage into the new document, so a stage could then capture or freeze that page
 * under the old page's regions: the document's id tells them apart. An SPA's route change keeps
 * the document, and the job carries on.
 */
export async function pinPage(tabId: number, url: string): Promise<() => Promise<string | null>> {
  const pinned = await documentOf(tabId);
  return async () => {
    const tab = await browser.tabs.get(tabId).catch(() => null);
    if (!tab)
      return 'The tab was closed during the critique; what was found before is kept, and reopening the page lets you critique it again.';
    if (pinned === null || (await documentOf(tabId)) === pinned) return null;
    // Mid-navigation, the tab's url is still the old page's; pendingUrl is where it is going.
    const now = tab.pendingUrl || tab.url || '';
    const went = now === url ? 'reloaded' : `went to ${now}`;
    return `The page ${went} during the critique; what was found before is kept, and a new critique covers the page the tab shows now.`;
  };
}
