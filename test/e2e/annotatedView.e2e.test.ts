/**
 * The calmer annotated view in a narrow side panel (360 px): only the regions with findings
 * numbered, the rest faint, "Show all regions" numbering every one; the screenshot and the
 * before/after comparison open full size on a click or a key, and Escape closes them.
 */
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { annotationLayout } from '@/utils/background/render/annotate';
import { flaggedRegionIds, markTones } from '@/utils/core/render/marks';
import { BADGE_COLORS, clipBox } from '@/utils/core/render/badges';
import { CritiqueRecord } from '@/utils/core/schemas/record';
import { DEFAULT_SETTINGS, type Settings } from '@/utils/core/schemas/settings';
import { startFakeOpenAI } from '@/test/fake-openai/server';
import { artifactPath, critiqueInPanel, type ExtensionGlobal, ROOT, withExtension } from '@/test/e2e/harness';

const env = withExtension({ '/fixtures': join(ROOT, 'test/fixtures/pages') });
const WIDTH = 360;

/** The job's saved record, from the background. */
const record = async (jobId: string) =>
  CritiqueRecord.parse(await env.harness.askBackground('getRecord', { jobId }));

const counts = (panel: Page) =>
  panel.getByTestId('annotated-shot').evaluate((figure) => ({
    numbered: figure.querySelectorAll('.shot__box').length,
    badges: figure.querySelectorAll('.shot__box .shot__badge').length,
    faint: figure.querySelectorAll('.shot__faint').length,
    containers: figure.querySelectorAll('.shot__box--container').length,
  }));

describe('the annotated view in a 360 px panel', () => {
  it('numbers only the regions with findings, shows all on request, and opens full size', async () => {
    const { tabId } = await env.harness.openTab(`${env.server.origin}/fixtures/cards-in-li.html`);
    const panel = await env.harness.openPanel(tabId);
    await panel.setViewportSize({ width: WIDTH, height: 720 });
    const jobId = await critiqueInPanel(panel, undefined, ['done']);
    await panel.getByTestId('annotated-shot').locator('img').waitFor();
    const { draft } = await record(jobId);
    const inShot = draft.regions.filter((r) => clipBox(r.box, draft.shot!.area));
    const flagged = flaggedRegionIds(draft.findings);
    const expected = inShot.filter((r) => flagged.has(r.id)).length;

    // By default: the regions with findings numbered, every other one faint.
    const calm = await counts(panel);
    expect(calm.numbered).toBe(expected);
    expect(calm.badges).toBe(expected);
    expect(calm.faint).toBe(inShot.length - expected);
    expect(calm.faint).toBeGreaterThan(0);
    // Readable at 360 px: nothing wider than the panel.
    expect(await panel.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(WIDTH);
    await panel.getByTestId('annotated-shot').scrollIntoViewIfNeeded();
    await panel.screenshot({ path: artifactPath('annotated-view-360.png') });

    // The toggle numbers every region; containers are drawn lighter.
    await panel.getByRole('checkbox', { name: 'Show all regions' }).check();
    const all = await counts(panel);
    expect(all).toMatchObject({ numbered: inShot.length, badges: inShot.length, faint: 0 });
    const parents = new Set(inShot.flatMap((r) => (r.parentId ? [r.parentId] : [])));
    expect(all.containers).toBe(inShot.filter((r) => parents.has(r.id)).length);
    await panel.screenshot({ path: artifactPath('annotated-view-360-all.png') });
    await panel.getByRole('checkbox', { name: 'Show all regions' }).uncheck();

    // A click on the picture opens it at the page's own size; Escape closes it.
    const open = panel.getByRole('button', { name: 'Open the screenshot full size' });
    await open.click();
    const full = panel.getByTestId('annotated-shot-full');
    await full.waitFor();
    expect(await panel.getByRole('dialog', { name: 'Screenshot, full size' }).isVisible()).toBe(true);
    const fullWidth = await full.evaluate((f) => f.getBoundingClientRect().width);
    expect(Math.round(fullWidth)).toBe(Math.round(draft.shot!.area.width));
    expect((await counts(panel)).numbered).toBe(expected);
    await panel.screenshot({ path: artifactPath('annotated-view-360-full.png') });
    await panel.keyboard.press('Escape');
    await full.waitFor({ state: 'detached' });
    // Focus goes back to the picture, and the keyboard opens it again.
    expect(await open.evaluate((el) => el === document.activeElement)).toBe(true);
    await panel.keyboard.press('Enter');
    await full.waitFor();
    await panel.getByRole('button', { name: 'Close' }).click();
    await full.waitFor({ state: 'detached' });

    // The before/after comparison opens full size too.
    await panel.getByRole('tab', { name: 'Alternative' }).click();
    await panel.getByRole('button', { name: 'Preview on page' }).click();
    const compare = panel.getByTestId('compare');
    await compare.waitFor({ timeout: 30_000 });
    expect(await panel.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(WIDTH);
    // Numbered as on the screenshot: the regions with findings only.
    expect(await compare.locator('.compare__picture > .compare__badge').count()).toBe(expected);
    await panel.screenshot({ path: artifactPath('compare-360.png'), fullPage: true });
    await panel.getByRole('button', { name: 'Open the comparison full size' }).click();
    const compareFull = panel.getByTestId('compare-full');
    await compareFull.waitFor();
    expect(await compareFull.locator('img').count()).toBe(2);
    await panel.keyboard.press('Escape');
    await compareFull.waitFor({ state: 'detached' });
    await panel.getByRole('button', { name: 'Preview on page' }).click();
  });

  it('annotated.png is drawn again to number the regions a model’s findings add', async () => {
    const fake = await startFakeOpenAI();
    const page = await env.harness.extensionPage();
    const settings: Settings = {
      ...DEFAULT_SETTINGS,
      provider: 'compatible',
      baseUrl: fake.baseUrl,
      apiKey: 'sk-annotated',
      imageGeneration: false,
    };
    try {
      await page.evaluate(
        (s) => (globalThis as unknown as ExtensionGlobal).chrome.storage.session.set({ settings: s }),
        settings,
      );
      const { tabId } = await env.harness.openTab(`${env.server.origin}/fixtures/cards-in-li.html`);
      const { record: raw, artifacts } = await env.harness.runJob({ tabId, mode: 'viewport' });
      const { draft } = CritiqueRecord.parse(raw);
      expect(draft.engine).toMatch(/^model:/);
      const measured = flaggedRegionIds(draft.findings.filter((f) => f.basis === 'measured'));
      const added = [...flaggedRegionIds(draft.findings)].filter((id) => !measured.has(id));
      // The fake model flags the first content regions; on this page the measures do not.
      expect(added.length).toBeGreaterThan(0);
      expect(draft.annotated!.version).toBe(1);
      // Each added region's badge is in the picture, in the badge colour, where the layout puts it.
      const png = artifacts.annotated!;
      const size = { width: png.readUInt32BE(16), height: png.readUInt32BE(20) };
      const layout = annotationLayout(
        draft.shot!,
        draft.regions,
        size,
        markTones(draft.regions, draft.findings, false),
      );
      const points = layout.marks
        .filter((m) => added.includes(m.region.id))
        .map((m) => ({
          x: Math.round(m.badge!.rect.x + 2 * layout.scale),
          y: Math.round(m.badge!.rect.y + 2 * layout.scale),
        }));
      expect(points.length).toBe(added.length);
      const colours = await page.evaluate(
        async ({ base64, points }) => {
          const bytes = Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
          const bitmap = await createImageBitmap(new Blob([bytes], { type: 'image/png' }));
          const canvas = new OffscreenCanvas(bitmap.width, bitmap.height);
          const ctx = canvas.getContext('2d')!;
          ctx.drawImage(bitmap, 0, 0);
          return points.map(({ x, y }) => [...ctx.getImageData(x, y, 1, 1).data.slice(0, 3)]);
        },
        { base64: png.toString('base64'), points },
      );
      const mark = [1, 3, 5].map((i) => parseInt(BADGE_COLORS.mark.slice(i, i + 2), 16));
      for (const colour of colours) expect(colour).toEqual(mark);
    } finally {
      await page.evaluate(() =>
        (globalThis as unknown as ExtensionGlobal).chrome.storage.session.remove('settings'),
      );
      await fake.close();
    }
  });
});
