import { sendMessage } from '@/utils/messaging/protocol';
import { labelsHidden } from '@/utils/extension/labels';
import { coverageNotes } from '@/utils/core/regions/coverage';
import { probeTab } from '@/utils/background/tabs/inject';
import { defineStage } from '@/utils/background/jobs/stage';

/**
 * Regions: inject the content script if needed, extract the page's regions, and draw their
 * numbered boxes on the page: the first thing the user sees.
 */
export const regionsStage = defineStage({
  name: 'regions',
  optional: false,
  needs: [],
  async run(_, io) {
    const { tabId } = io.job;
    await probeTab(tabId);
    io.signal.throwIfAborted();
    const { regions, ...extraction } = await sendMessage(
      'extractRegions',
      { privateSelectors: io.settings.privateSelectors },
      tabId,
    );
    io.signal.throwIfAborted();
    // A check keeps the critique's numbered boxes on the page: its numbers are the ones the
    // panel talks about (verify maps the new regions to them).
    if (io.job.kind === 'critique')
      await sendMessage('showOverlay', { regions, labels: !(await labelsHidden(tabId)) }, tabId);
    const notes = coverageNotes(extraction.coverage);
    if (extraction.omitted > 0 && !extraction.coverage.reasons.includes('region-cap'))
      notes.push(
        `${extraction.omitted} more content blocks were left out: a critique covers at most 200 regions.`,
      );
    return { extraction, regions, firstLabelsMs: performance.now() - io.job.startedAt, notes };
  },
});
