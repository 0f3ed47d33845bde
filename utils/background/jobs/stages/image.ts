import { GENERATED_LABEL } from '@/utils/core/constants';
import { renderNextState } from '@/utils/background/model/renderImage';
import { recordSpend, spentToday } from '@/utils/background/model/spend';
import { dataUrlToBlob } from '@/utils/core/dataUrl';
import type { FaultKind } from '@/utils/background/model/faults';
import type { ImageRun } from '@/utils/core/schemas/record';
import { defineStage } from '@/utils/background/jobs/stage';

/**
 * Faults of the endpoint itself rather than of one model: the image call goes to the same
 * host with the same key (utils/background/model/client.ts), so after the planner met one of these it
 * would only fail again, and say the same sentence twice.
 */
const ENDPOINT_FAULTS: ReadonlySet<string> = new Set<FaultKind>(['bad-key', 'forbidden', 'quota', 'network']);

/**
 * Image: an image model draws the next state from the masked screenshot (no boxes) and a
 * prompt built from the validated plan, listing every visible text to keep. Partial images
 * stream into the panel as they arrive. The picture is a plan to check, not a fact, and is
 * labelled so wherever it is shown.
 */
export const imageStage = defineStage({
  name: 'image',
  optional: true,
  needs: ['regions', 'plan', 'shot'],
  uses: ['planner', 'findings', 'doNotTouch'],
  skip: (io, { planner }) =>
    !io.model
      ? 'offline: no model is configured'
      : !io.model.settings.imageGeneration
        ? 'image generation is off in settings'
        : planner?.fault && ENDPOINT_FAULTS.has(planner.fault)
          ? `the endpoint already refused the planner (${planner.fault}); not asked again`
          : null,
  async run({ regions, plan, shot, planner, findings, doNotTouch }, io) {
    const { settings, client } = io.model!;
    const png = await io.load(shot.image);
    if (!png) throw new Error('the screenshot is not available');
    const outcome = await renderNextState(
      {
        plan: { ...plan, findings, doNotTouch },
        regions,
        screenshot: { image: png, width: shot.width, height: shot.height },
      },
      {
        client: client('image'),
        settings,
        spend: { thisCritiqueUsd: planner?.costUsd ?? 0, todayUsd: await spentToday() },
        signal: io.signal,
        onProgress: io.progress,
        onPartial: ({ b64 }) =>
          void io
            .store('image', dataUrlToBlob(`data:image/png;base64,${b64}`))
            .then((image) => io.stream({ image })),
      },
    );
    io.signal.throwIfAborted();
    if (outcome.status === 'cancelled') throw new DOMException('Cancelled', 'AbortError');
    if (outcome.costUsd > 0) await recordSpend(outcome.costUsd);
    const imageRun: ImageRun = {
      status: outcome.status,
      note: outcome.status === 'done' ? null : outcome.note,
      model: settings.imageModel,
      size: outcome.size,
      estimateUsd: outcome.estimateUsd,
      usage: outcome.usage,
      costUsd: outcome.costUsd,
      requestBytes: outcome.requestBytes,
      partials: outcome.partials,
    };
    if (outcome.status !== 'done') return { imageRun, image: null, notes: [outcome.note] };
    const image = await io.store('image', dataUrlToBlob(`data:image/png;base64,${outcome.image.b64}`));
    return { imageRun, image, notes: [`The image of the next state is ${GENERATED_LABEL}.`] };
  },
});
