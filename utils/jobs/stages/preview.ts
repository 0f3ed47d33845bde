import { sendMessage } from '../../messaging';
import { defineStage } from '../stage';

/**
 * Preview: the earlier critique's CSS patch put on the real page (one stylesheet keyed by data
 * attributes, utils/preview/), so the stages after it measure and capture the next state with
 * the page's own images, fonts and text. The panel's toggle or the next critique takes it off.
 */
export const previewStage = defineStage({
  name: 'preview',
  optional: false,
  needs: [],
  skip: (io) => (io.job.preview ? null : 'the page is checked as it is'),
  async run(_, io) {
    const earlier = await io.earlier();
    const plan = earlier?.draft.plan;
    if (!earlier || !plan) throw new Error('The critique to preview has no plan.');
    io.progress(`applying the plan’s ${plan.cssPatch.length} CSS changes to the page`);
    const result = await sendMessage(
      'applyPreview',
      { patch: plan.cssPatch, regions: earlier.draft.regions.map(({ id, selector }) => ({ id, selector })) },
      io.job.tabId,
    );
    const gone =
      result.missing.length > 0 ? `; ${result.missing.length} regions are no longer on the page` : '';
    return { notes: [`Preview: ${result.applied} elements restyled by the plan${gone}.`] };
  },
});
