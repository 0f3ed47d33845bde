/**
 * The HTML mockup: how long the render stage takes to freeze a page of 200 regions, embed its
 * images and measure its layout, and how large the document is; and, per corpus page, how much
 * of the page's structure it keeps (utils/core/render/structure.ts), beside the one-column mockup
 * it replaced (utils/core/render/mockup.ts, drawn from the same record and laid out the same way).
 */
import type { Page } from 'playwright-core';
import { renderMockup } from '@/utils/core/render/mockup';
import { measureStructure } from '@/utils/core/render/structure';
import { type MockupStructure } from '@/utils/core/schemas/plan';
import { CritiqueRecord, type Draft } from '@/utils/core/schemas/record';
import { type Box } from '@/utils/core/schemas/region';
import type { Harness } from '@/scripts/lib/browser';
import { median } from '@/scripts/lib/stats';

export interface MockupBuild {
  regions: number;
  /** The render stage as the job runner timed it, and the freeze alone (in the page). */
  renderMs: number;
  freezeMs: number;
  kb: number;
}

export interface MockupRow {
  file: string;
  frozen: MockupStructure;
  linear: MockupStructure;
}

async function critique(harness: Harness, url: string) {
  const { page, tabId } = await harness.openTab(url);
  const { record, artifacts } = await harness.runJob({ tabId, mode: 'viewport' });
  const parsed = CritiqueRecord.parse(record);
  return { page, tabId, record: parsed, html: artifacts.mockup?.toString('utf8') ?? '' };
}

export async function mockupBuild(harness: Harness, url: string, reps: number): Promise<MockupBuild> {
  const renders: number[] = [];
  const freezes: number[] = [];
  let kb = 0;
  let regions = 0;
  for (let i = 0; i < reps + 1; i++) {
    const { page, tabId, record, html } = await critique(harness, url);
    const { draft } = record;
    const stage = record.job.stages.find((s) => s.name === 'render');
    const frozen = (await harness.ask(tabId, 'freezePage', {
      regions: draft.regions.map(({ id, selector }) => ({ id, selector })),
      patch: draft.plan!.cssPatch,
      privateSelectors: [],
    })) as { ms: number };
    await page.close();
    if (i === 0) continue; // warm-up
    renders.push(stage?.ms ?? NaN);
    freezes.push(frozen.ms);
    kb = new TextEncoder().encode(html).length / 1024;
    regions = draft.regions.length;
  }
  return { regions, renderMs: median(renders), freezeMs: median(freezes), kb };
}

/** The boxes of a mockup's marked regions, laid out at the page's viewport size. */
async function layOut(viewer: Page, html: string): Promise<{ boxes: Record<string, Box>; height: number }> {
  await viewer.setContent(html, { waitUntil: 'load' });
  return viewer.evaluate(() => {
    const boxes: Record<string, { x: number; y: number; width: number; height: number }> = {};
    for (const el of document.querySelectorAll('[data-region]')) {
      const r = el.getBoundingClientRect();
      boxes[el.getAttribute('data-region') ?? ''] = { x: r.left + scrollX, y: r.top + scrollY, width: r.width, height: r.height };
    }
    return { boxes, height: Math.max(document.documentElement.scrollHeight, document.body.scrollHeight) };
  });
}

export async function mockupStructures(harness: Harness, origin: string, files: readonly string[]): Promise<MockupRow[]> {
  const rows: MockupRow[] = [];
  const viewer = await harness.context.newPage();
  try {
    for (const file of files) {
      const { page, record } = await critique(harness, `${origin}/corpus/${file}`);
      await page.close();
      const draft: Draft = record.draft;
      const frozen = draft.plan?.contentCheck.structure;
      if (!draft.plan || !draft.extraction || !frozen) throw new Error(`${file}: no measured mockup (${draft.notes.join(' ')})`);
      await viewer.setViewportSize(draft.extraction.viewport);
      const linearHtml = renderMockup({
        title: record.title,
        url: record.url,
        viewportWidth: draft.extraction.viewport.width,
        regions: draft.regions,
        blueprint: draft.plan.blueprint,
        cssPatch: draft.plan.cssPatch,
      });
      const linear = measureStructure({
        regions: draft.regions,
        patch: draft.plan.cssPatch,
        pageHeight: draft.extraction.document.height,
        mockup: await layOut(viewer, linearHtml),
      });
      rows.push({ file, frozen, linear });
    }
  } finally {
    await viewer.close();
  }
  return rows;
}
