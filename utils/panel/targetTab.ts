import { browser } from '#imports';

/**
 * The tab the panel critiques: `?tabId=N` when given (tests and the CLI open the panel page
 * as a tab of its own), otherwise the active tab of the panel's window.
 */
export async function resolveTargetTab(search: string): Promise<{ tabId: number; pinned: boolean } | null> {
  const fromQuery = new URLSearchParams(search).get('tabId');
  if (fromQuery !== null) {
    const tabId = Number(fromQuery);
    return Number.isInteger(tabId) && tabId >= 0 ? { tabId, pinned: true } : null;
  }
  const [tab] = await browser.tabs.query({ active: true, currentWindow: true });
  return tab?.id === undefined ? null : { tabId: tab.id, pinned: false };
}
