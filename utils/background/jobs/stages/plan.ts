import { offlinePlan } from '@/utils/core/plan/choose';
import { lockedNote, withoutLocked } from '@/utils/core/plan/constraints';
import { keptNow } from '@/utils/extension/settings/locks';
import { defineStage } from '@/utils/background/jobs/stage';

/**
 * Plan: the offline restage, a same-content blueprint and the CSS patch that applies it, checked
 * to predict no lower a score than the page has (utils/core/plan/choose.ts), with nothing on the
 * regions the user keeps as they are (utils/core/plan/constraints.ts).
 */
export const planStage = defineStage({
  name: 'plan',
  optional: false,
  needs: ['regions', 'findings', 'extraction'],
  // The page's score counts the findings the user ignored; the plan is checked against it.
  uses: ['score'],
  async run({ regions, findings, extraction, score }, io) {
    // With a model configured, the model-plan stage reads the request and says what became of it.
    if (io.job.request && !io.model)
      io.note(`Request noted: “${io.job.request}”. The offline engine does not read requests; a model does.`);
    const {
      blueprint,
      cssPatch: planned,
      contentCheck,
    } = offlinePlan(regions, findings, extraction.viewport, score?.value);
    const { doNotTouch, locked } = await keptNow(io.job.url, regions);
    const { patch, rejected } = withoutLocked(planned, locked);
    const note = lockedNote(rejected, locked, planned);
    return {
      plan: { blueprint, cssPatch: patch, contentCheck },
      doNotTouch,
      notes: note ? [note] : [],
    };
  },
});
