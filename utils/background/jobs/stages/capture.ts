import { capture } from '@/utils/background/capture/shoot';
import { fitImageToTokens } from '@/utils/background/model/imageBudget';
import { annotate } from '@/utils/background/render/annotate';
import { markTones } from '@/utils/core/render/marks';
import { thumbnail } from '@/utils/background/render/thumb';
import { defineStage } from '@/utils/background/jobs/stage';

/**
 * Capture: the page's pixels in the chosen mode, masked for privacy, kept as a PNG Blob, and
 * the same picture with the boxes drawn in: `annotated.png` numbers the regions with measured
 * findings and draws the rest faint (utils/core/render/marks.ts); the model planner's copy numbers
 * every region; and a thumbnail of the annotated picture for lists. Optional: without pixels the findings and the plan still stand.
 */
export const captureStage = defineStage({
  name: 'capture',
  optional: true,
  needs: [],
  uses: ['regions', 'findings'],
  async run({ regions, findings }, io) {
    // The tab may show another page by now (or by the end): its pixels under this page's
    // boxes would be a picture of the wrong page. The job says why, once.
    const gone = async () => {
      const left = await io.pageLeft();
      if (left) throw new Error(left);
    };
    await gone();
    const { shot, png } = await capture(io.job.mode, {
      tabId: io.job.tabId,
      privateSelectors: io.settings.privateSelectors,
      signal: io.signal,
      progress: io.progress,
    });
    await gone();
    const image = await io.store('shot', png);
    // The planner's copy, within its image-token budget, drawn from the same pixels.
    const fit = io.model && io.job.kind === 'critique' ? fitImageToTokens(shot) : null;
    const tones = markTones(regions, findings, false);
    const labelled = await annotate(png, shot, regions, { tones, forModel: fit });
    const annotated = await io.store('annotated', labelled.png);
    const thumb = await io.store('thumb', await thumbnail(labelled.png));
    const forModel =
      fit && labelled.scaled
        ? { image: await io.store('labelled', labelled.scaled), width: fit.width, height: fit.height }
        : null;
    return { shot: { ...shot, image }, annotated, thumb, labelled: forModel, notes: shot.notes };
  },
});
