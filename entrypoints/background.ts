import { critiqueTab } from '@/utils/jobs/critique';
import { onMessage } from '@/utils/messaging';
import { probeTab } from '@/utils/tabs/inject';
import { getTabStatus } from '@/utils/tabs/status';

export default defineBackground(() => {
  // Chrome opens the side panel from the toolbar button; Firefox uses its sidebar button.
  browser.sidePanel?.setPanelBehavior({ openPanelOnActionClick: true }).catch(console.error);

  onMessage('getTabStatus', ({ tabId }) => getTabStatus(tabId));
  onMessage('probeTab', ({ tabId }) => probeTab(tabId));
  onMessage('critiqueTab', ({ tabId, mode, request }) => critiqueTab(tabId, mode, request));
});
