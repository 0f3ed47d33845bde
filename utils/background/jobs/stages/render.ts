import { sendMessage } from '@/utils/messaging/protocol';
import { contentRegions } from '@/utils/core/plan/validate';
import { cropImages, isPicture } from '@/utils/background/render/crops';
import { inlineResources } from '@/utils/core/render/frozenResources';
import { measureMockup } from '@/utils/background/render/measureMockup';
import { renderMockup } from '@/utils/core/render/mockup';
import { measureStructure } from '@/utils/core/render/structure';
import type { MockupStructure } from '@/utils/core/schemas/plan';
import type { Draft } from '@/utils/core/schemas/record';
import { defineStage, type StageIO } from '@/utils/background/jobs/stage';

/**
 * Render: the HTML mockup of the plan shown (the model's when it passed, else the offline
 * one). The page itself, frozen without being touched (utils/page/freeze.ts), with the plan's
 * CSS patch as a stylesheet and every image fetched as bytes (utils/core/render/frozenResources.ts),
 * then laid out at the page's viewport size to measure how much of its structure it keeps
 * (utils/core/render/structure.ts); the figures join the plan's content check. A page that cannot be
 * frozen any more (the tab navigated) gets the blueprint drawn as one column instead, with
 * images cut from the capture, and no structure figures: its content check cannot pass.
 */
export const renderStage = defineStage({
  name: 'render',
  optional: true,
  needs: ['regions', 'plan', 'extraction'],
  uses: ['shot'],
  async run(input, io) {
    const { plan } = input;
    let frozen: Awaited<ReturnType<typeof freeze>> | null = null;
    let reason: string | null = null;
    // Another page in the tab would be frozen under this page's regions. A page that left is
    // said once, by the job: the column needs no sentence of its own then.
    try {
      if (!(await io.pageLeft())) frozen = await freeze(input, io);
    } catch (error) {
      io.signal.throwIfAborted();
      reason = (await io.pageLeft()) ? null : (error as Error).message;
    }
    if (!frozen) return linear(input, io, reason);
    const { html, notes, structure } = frozen;
    const mockup = await io.store('mockup', new Blob([html], { type: 'text/html' }));
    return { mockup, plan: { ...plan, contentCheck: { ...plan.contentCheck, structure } }, notes };
  },
});

type Input = Pick<Draft, 'shot'> & {
  regions: Draft['regions'];
  plan: NonNullable<Draft['plan']>;
  extraction: NonNullable<Draft['extraction']>;
};

async function freeze(
  { regions, plan }: Input,
  io: StageIO,
): Promise<{ html: string; notes: string[]; structure: MockupStructure | null }> {
  io.progress('freezing the page with the plan’s changes');
  const frozen = await sendMessage(
    'freezePage',
    {
      regions: regions.map(({ id, selector }) => ({ id, selector })),
      patch: plan.cssPatch,
      privateSelectors: io.settings.privateSelectors,
    },
    io.job.tabId,
  );
  io.signal.throwIfAborted();
  io.progress(`embedding ${frozen.images.length} images and ${frozen.stylesheets.length} stylesheets`);
  const inlined = await inlineResources(frozen, io.signal);
  const notes: string[] = [];
  if (inlined.unread.length > 0)
    notes.push(
      `${inlined.unread.length} of ${inlined.images} images and fonts in the mockup could not be read (refused, unreachable, too large or too slow); an image among them keeps its place as a grey box of its size.`,
    );
  if (inlined.stylesheetsFailed > 0)
    notes.push(
      `${inlined.stylesheetsFailed} of ${inlined.stylesheets} of the page’s stylesheets could not be read for the mockup.`,
    );
  const lost = frozen.unmarked.filter((id) => contentRegions(regions).some((r) => r.id === id));
  if (lost.length > 0)
    notes.push(
      `${lost.length} regions are not in the mockup (${lost.slice(0, 5).join(', ')}${lost.length > 5 ? ', …' : ''}): the snapshot cannot read closed shadow roots or frames.`,
    );
  let structure: MockupStructure | null = null;
  try {
    io.progress('measuring the mockup’s layout');
    const layout = await measureMockup(inlined.html, frozen.viewport);
    structure = measureStructure({
      regions,
      patch: plan.cssPatch,
      pageHeight: frozen.documentHeight,
      mockup: layout,
    });
  } catch (error) {
    io.signal.throwIfAborted();
    notes.push(`The mockup’s layout could not be measured: ${(error as Error).message}`);
  }
  return { html: inlined.html, notes, structure };
}

/** The blueprint as one column: what the mockup was before pages were frozen. */
async function linear({ regions, plan, extraction, shot }: Input, io: StageIO, reason: string | null) {
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
    reason === null
      ? []
      : [
          `The page could not be frozen for the mockup (${reason}); it shows the plan as one column, without the page’s layout.`,
        ];
  if (placeholders > 0)
    notes.push(
      `${placeholders} of ${pictures.length} images lie outside the screenshot; the mockup keeps their place and alt text.`,
    );
  const mockup = await io.store('mockup', new Blob([html], { type: 'text/html' }));
  return { mockup, plan: { ...plan, contentCheck: { ...plan.contentCheck, structure: null } }, notes };
}
