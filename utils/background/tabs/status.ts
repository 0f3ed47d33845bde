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
