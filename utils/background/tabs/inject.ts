import { browser } from '#imports';
import { sendMessage } from '@/utils/messaging/protocol';
import type { PageProbe } from '@/utils/core/schemas/capture';
import { restrictLocalStorage } from '@/utils/extension/settings/accessLevel';
import { getTabStatus } from '@/utils/background/tabs/status';

/** WXT builds `entrypoints/page.content/` to this file (registration: 'runtime'). */
const CONTENT_SCRIPT = '/content-scripts/page.js';

/**
 * Pings the tab's content script, injecting it first when it is not there yet. Injection
 * happens only on demand, so pages the user never critiques are never touched.
 */
export async function probeTab(tabId: number): Promise<PageProbe> {
  const status = await getTabStatus(tabId);
  if (!status.critiquable) throw new Error(status.reason ?? 'This page cannot be critiqued.');
  try {
    return await sendMessage('ping', undefined, tabId);
  } catch {
    // No listener yet: a fresh page, or one that navigated since the last injection.
  }
  // No content script may exist before `storage.local` is closed to content scripts.
  await restrictLocalStorage();
  try {
    await browser.scripting.executeScript({ target: { tabId }, files: [CONTENT_SCRIPT] });
  } catch (error) {
    throw new Error(`Restage could not reach this page: ${(error as Error).message}`, { cause: error });
  }
  return sendMessage('ping', undefined, tabId);
}
