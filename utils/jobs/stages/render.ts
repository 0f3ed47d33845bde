import { cropImages, isPicture } from '../../render/crops';
import { renderMockup } from '../../render/mockup';
import { contentRegions } from '../../plan/validate';
import { defineStage } from '../stage';

/**
 * Render: the HTML mockup of the plan shown (the model's when it passed, else the offline
 * one), with the page's images cut from the capture when there is one.
 */
export const renderStage = defineStage({
  name: 'render',
  optional: true,
  needs: ['regions', 'plan', 'extraction'],
  uses: ['shot'],
  async run({ regions, plan, extraction, shot }, io) {
    const png = shot ? await io.load(shot.image) : null;
    io.signal.throwIfAborted();
    const images = png && shot ? await cropImages(png, shot, regions) : new Map<string, string>();
    const html = renderMockup({
      title: io.job.title,
      url: io.job.url,
      viewportWidth: extraction.viewport.width,
      regions,
      blueprint: plan.blueprint,
      cssPatch: plan.cssPatch,
      images,
    });
    const pictures = contentRegions(regions).filter(isPicture);
    const placeholders = pictures.filter((r) => !images.has(r.id)).length;
    const notes =
      placeholders > 0
        ? [
            `${placeholders} of ${pictures.length} images lie outside the screenshot; the mockup keeps their place and alt text.`,
          ]
        : [];
    return { mockup: await io.store('mockup', new Blob([html], { type: 'text/html' })), notes };
  },
});
