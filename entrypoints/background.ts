import { browser, defineBackground } from '#imports';
import { startJobService } from '@/utils/background/jobs/service';
import { onMessage } from '@/utils/messaging/protocol';
import { testConnection } from '@/utils/background/model/connection';
import { readImageText } from '@/utils/background/ocr/offscreen';
import { onCommand, setLabelsHidden } from '@/utils/extension/labels';
import { restrictLocalStorage } from '@/utils/extension/settings/accessLevel';
import { moveKeyOut, saveSettings } from '@/utils/background/settings/save';
import { startHistoryService } from '@/utils/background/history/service';
import { probeTab } from '@/utils/background/tabs/inject';
import { getTabStatus } from '@/utils/background/tabs/status';
import { ownIdentity } from '@/utils/messaging/senders';
import { openPanelFromToolbar } from '@/utils/background/tabs/toolbarButton';

export default defineBackground(() => {
  openPanelFromToolbar();

  // At every start: `local` closed to content scripts (saving settings and injecting the
  // content script also wait for this), then a key an earlier version kept there moved out.
  restrictLocalStorage()
    .then(moveKeyOut)
    .catch((error: unknown) => console.error('Restage: could not move the saved key', error));

  onMessage('getTabStatus', ({ tabId }) => getTabStatus(tabId));
  onMessage('probeTab', ({ tabId }) => probeTab(tabId));
  startJobService();
  startHistoryService();
  onMessage('saveSettings', (input) => saveSettings(input));
  onMessage('testConnection', (settings) =>
    testConnection(settings, { extensionOrigin: ownIdentity().origin }),
  );
  onMessage('readImageText', ({ image }) => readImageText(image));
  onMessage('setLabelsHidden', ({ tabId, hidden }) => setLabelsHidden(tabId, hidden));
  browser.commands?.onCommand.addListener((command, tab) => void onCommand(command, tab));
});
