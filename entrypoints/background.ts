import { browser, defineBackground } from '#imports';
import { startJobService } from '@/utils/jobs/service';
import { onMessage } from '@/utils/messaging';
import { testConnection } from '@/utils/model/connection';
import { readImageText } from '@/utils/ocr/offscreen';
import { onCommand, setLabelsHidden } from '@/utils/overlay/labels';
import { ownIdentity } from '@/utils/senders';
import { restrictLocalStorage } from '@/utils/settings/accessLevel';
import { moveKeyOut } from '@/utils/settings/storage';
import { probeTab } from '@/utils/tabs/inject';
import { getTabStatus } from '@/utils/tabs/status';
import { openPanelFromToolbar } from '@/utils/tabs/toolbarButton';

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
  onMessage('testConnection', (settings) =>
    testConnection(settings, { extensionOrigin: ownIdentity().origin }),
  );
  onMessage('readImageText', ({ image }) => readImageText(image));
  onMessage('setLabelsHidden', ({ tabId, hidden }) => setLabelsHidden(tabId, hidden));
  browser.commands?.onCommand.addListener((command, tab) => void onCommand(command, tab));
});
