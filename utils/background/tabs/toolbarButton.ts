/**
 * The toolbar button opens the panel. Chrome does it itself once told to (the side panel's
 * `openPanelOnActionClick`). Firefox has no side panel: the panel is its sidebar, and its toolbar
 * button (Manifest V2's `browser_action`, with no popup) does nothing unless the add-on listens,
 * so there a click toggles the sidebar. `sidebarAction.toggle()` is called in the click's own
 * handler, before any await: Firefox allows it only while handling a user action
 * (https://developer.mozilla.org/docs/Mozilla/Add-ons/WebExtensions/API/sidebarAction/toggle).
 */
import { browser } from 'wxt/browser';

/** The parts of the browser's API used here; Chrome's typings have no `sidebarAction`. */
export interface ToolbarApi {
  sidePanel?: { setPanelBehavior(behavior: { openPanelOnActionClick: boolean }): Promise<void> };
  browserAction?: { onClicked: { addListener(listener: () => void): void } };
  sidebarAction?: { toggle(): Promise<void> };
}

export function openPanelFromToolbar(api: ToolbarApi = browser as unknown as ToolbarApi): void {
  if (api.sidePanel) {
    api.sidePanel.setPanelBehavior({ openPanelOnActionClick: true }).catch(console.error);
    return;
  }
  const { sidebarAction } = api;
  if (sidebarAction)
    api.browserAction?.onClicked.addListener(() => void sidebarAction.toggle().catch(console.error));
}
