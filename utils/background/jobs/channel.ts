/**
 * The progress channel: each open panel holds a long-lived `runtime.connect` port and says
 * which tab it watches; job events for that tab go to it. A port's disconnect means its panel
 * closed (or moved to another tab): once no panel watches a tab, `onUnwatched` runs so the
 * page can be put back (overlay removed, a pending pick aborted) while the job itself goes on.
 * Only the panel and options page may hold a port: events carry a page's text, so a port from
 * anywhere else (a content script in another tab) is disconnected before it can watch a tab.
 */
import { browser, type Browser } from 'wxt/browser';
import { PANEL_PORT } from '@/utils/core/constants';
import { PanelMessage, type JobEvent } from '@/utils/core/schemas/record';
import { accepts, FROM, ownIdentity } from '@/utils/messaging/senders';

export interface Channel {
  emit(event: JobEvent): void;
  isWatched(tabId: number): boolean;
}

export function openChannel(onUnwatched: (tabId: number) => void): Channel {
  const watching = new Map<Browser.runtime.Port, number | null>();
  const isWatched = (tabId: number) => [...watching.values()].includes(tabId);
  const release = (tabId: number | null | undefined) => {
    if (tabId !== null && tabId !== undefined && !isWatched(tabId)) onUnwatched(tabId);
  };

  browser.runtime.onConnect.addListener((port) => {
    if (port.name !== PANEL_PORT) return;
    if (!port.sender || !accepts(FROM.ui, port.sender, ownIdentity())) return port.disconnect();
    watching.set(port, null);
    port.onMessage.addListener((message: unknown) => {
      const parsed = PanelMessage.safeParse(message);
      if (!parsed.success) return;
      const before = watching.get(port);
      watching.set(port, parsed.data.tabId);
      if (before !== parsed.data.tabId) release(before);
    });
    port.onDisconnect.addListener(() => {
      const tabId = watching.get(port);
      watching.delete(port);
      release(tabId);
    });
  });

  return {
    emit(event) {
      for (const [port, tabId] of watching) {
        if (tabId !== event.tabId) continue;
        try {
          port.postMessage(event);
        } catch {
          // The panel went away between its last message and this one; its disconnect cleans up.
        }
      }
    },
    isWatched,
  };
}
