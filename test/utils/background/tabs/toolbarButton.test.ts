import { describe, expect, it, vi } from 'vitest';
import { openPanelFromToolbar } from '@/utils/background/tabs/toolbarButton';

describe('the toolbar button', () => {
  it('Chrome: lets the browser open the side panel on a click', () => {
    const setPanelBehavior = vi.fn(async () => undefined);
    const addListener = vi.fn();
    openPanelFromToolbar({ sidePanel: { setPanelBehavior }, browserAction: { onClicked: { addListener } } });
    expect(setPanelBehavior).toHaveBeenCalledWith({ openPanelOnActionClick: true });
    expect(addListener).not.toHaveBeenCalled();
  });

  it('Firefox: toggles the sidebar in the click’s own handler, before anything is awaited', () => {
    let click = (): void => undefined;
    const toggle = vi.fn(async () => undefined);
    openPanelFromToolbar({
      browserAction: { onClicked: { addListener: (listener) => void (click = listener) } },
      sidebarAction: { toggle },
    });
    expect(toggle).not.toHaveBeenCalled();
    click();
    // Synchronously: Firefox refuses toggle() once the user action's handler has returned.
    expect(toggle).toHaveBeenCalledTimes(1);
  });
});
