/**
 * Full-page capture of pages whose height changes while they are scrolled: an endless feed
 * that appends cards near its end, and an article whose offer folds away on scroll.
 */
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { toCritique } from '@/utils/core/jobs/record';
import { CritiqueRecord } from '@/utils/core/schemas/record';
import { type Box } from '@/utils/core/schemas/region';
import { critiqueInPanel, withExtension } from '@/test/e2e/harness';

const FIXTURES = join(import.meta.dirname, '../fixtures/pages');
const px = (value: number) => `${value.toLocaleString('en-US')} px`;
const grew = (start: number, end: number) =>
  `The page grew from ${px(start)} to ${px(end)} while it was scrolled for the capture; ` +
  `the capture stops at ${px(start)}, its height when the capture began.`;
const shrank = (start: number, end: number) =>
  `The page shrank from ${px(start)} to ${px(end)} while it was scrolled for the capture; ` +
  `the capture ends at ${px(end)}, where the page now ends.`;

type WithShot = { shot: ImageData };

const pageHeight = (page: Page) => page.evaluate(() => document.documentElement.scrollHeight);

/** Waits for the panel to show an image `height` device px tall, and keeps its pixels as `shot`. */
async function decodeShot(panel: Page, height: number): Promise<void> {
  const img = panel.locator('[data-testid=annotated-shot] img');
  await expect
    .poll(() => img.evaluate((el: HTMLImageElement) => el.complete && el.naturalHeight))
    .toBe(height);
  await img.evaluate(async (el: HTMLImageElement) => {
    await el.decode();
    const canvas = new OffscreenCanvas(el.naturalWidth, el.naturalHeight);
    const c2d = canvas.getContext('2d')!;
    c2d.drawImage(el, 0, 0);
    (globalThis as unknown as WithShot).shot = c2d.getImageData(0, 0, canvas.width, canvas.height);
  });
}

/** The RGBA of the middle pixel of each of the image's last `rows` rows. */
function lastRows(panel: Page, rows: number): Promise<number[][]> {
  return panel.evaluate((count) => {
    const { shot } = globalThis as unknown as WithShot;
    const out: number[][] = [];
    for (let y = shot.height - count; y < shot.height; y++) {
      const i = (y * shot.width + Math.floor(shot.width / 2)) * 4;
      out.push([shot.data[i]!, shot.data[i + 1]!, shot.data[i + 2]!, shot.data[i + 3]!]);
    }
    return out;
  }, rows);
}

/** How many pixels inside each box (page CSS px) are not black, at `dpr` image px per CSS px. */
function unmasked(panel: Page, boxes: Box[], dpr: number): Promise<number[]> {
  return panel.evaluate(
    ({ boxes, dpr }) => {
      const { shot } = globalThis as unknown as WithShot;
      return boxes.map((b) => {
        let lit = 0;
        for (let y = Math.ceil(b.y * dpr); y < Math.floor((b.y + b.height) * dpr); y++)
          for (let x = Math.ceil(b.x * dpr); x < Math.floor((b.x + b.width) * dpr); x++) {
            const i = (y * shot.width + x) * 4;
            if (shot.data[i]! + shot.data[i + 1]! + shot.data[i + 2]! !== 0) lit++;
          }
        return lit;
      });
    },
    { boxes, dpr },
  );
}

describe.each([1, 2])('full-page capture at %i× while the page changes height', (dpr) => {
  const env = withExtension(
    { '/fixtures': FIXTURES },
    dpr === 1 ? {} : { args: [`--force-device-scale-factor=${dpr}`] },
  );
  const record = async (jobId: string) =>
    CritiqueRecord.parse(await env.harness.askBackground('getRecord', { jobId }));

  it('an endless feed stops at its start height with a note on how far it grew, again on a second critique', async () => {
    const { page, tabId } = await env.harness.openTab(`${env.server.origin}/fixtures/infinite-scroll.html`);
    await page.evaluate(() => scrollTo(0, 123));
    const panel = await env.harness.openPanel(tabId);
    for (let round = 1; round <= 2; round++) {
      const start = await pageHeight(page);
      const jobId = await critiqueInPanel(panel, 'full', ['done']);
      const end = await pageHeight(page);
      expect(end, `round ${round}`).toBeGreaterThan(start);
      expect(await panel.getByTestId('capture-note').allTextContents()).toContain(grew(start, end));
      const saved = await record(jobId);
      expect(toCritique(saved).notes).toContain(grew(start, end));
      expect(saved.draft.shot?.height).toBe(start * dpr);
      expect(saved.draft.shot?.area.height).toBe(start);
      expect(await panel.getByTestId('label-summary').textContent()).toContain(
        `full capture ${1280 * dpr}×${start * dpr} px`,
      );
      await decodeShot(panel, start * dpr);
      expect(await page.evaluate(() => scrollY)).toBe(123);
    }
    await panel.close();
  }, 90_000);

  it('an endless feed has its private fields masked in every frame', async () => {
    // Tabs are found by URL: this one must not be mistaken for the feed the test above grew.
    const { page, tabId } = await env.harness.openTab(
      `${env.server.origin}/fixtures/infinite-scroll.html?masks`,
    );
    const start = await pageHeight(page);
    const panel = await env.harness.openPanel(tabId);
    await critiqueInPanel(panel, 'full', ['done']);
    const boxes = await page.evaluate(
      (bottom) =>
        [...document.querySelectorAll('[data-restage-private]')]
          .map((el) => {
            const r = el.getBoundingClientRect();
            return { x: r.left + scrollX, y: r.top + scrollY, width: r.width, height: r.height };
          })
          .filter((b) => b.y + b.height <= bottom),
      start,
    );
    const viewport = await page.evaluate(() => innerHeight);
    // Each frame the capture took (the last one scrolled only as far as the start height
    // allows) holds private fields of its own, so every frame's masks are looked at.
    const frames = Array.from({ length: Math.ceil(start / viewport) }, (_, i) =>
      Math.min(i * viewport, start - viewport),
    );
    const inFrame = frames.map((top) => boxes.filter((b) => b.y >= top && b.y + b.height <= top + viewport));
    expect(inFrame.map((found) => found.length > 0)).toEqual(frames.map(() => true));
    await decodeShot(panel, start * dpr);
    expect(await unmasked(panel, boxes, dpr)).toEqual(boxes.map(() => 0));
    await panel.close();
  }, 90_000);

  it('a page that folds a section away is cut at its new end, with no blank band, and a note', async () => {
    const { page, tabId } = await env.harness.openTab(
      `${env.server.origin}/fixtures/collapsing-section.html`,
    );
    await page.evaluate(() => scrollTo(0, 123));
    const start = await pageHeight(page);
    const panel = await env.harness.openPanel(tabId);
    const jobId = await critiqueInPanel(panel, 'full', ['done']);
    const end = await pageHeight(page);
    expect(end).toBeLessThan(start);
    expect(await panel.getByTestId('capture-note').allTextContents()).toContain(shrank(start, end));
    expect(toCritique(await record(jobId)).notes).toContain(shrank(start, end));
    await decodeShot(panel, end * dpr);
    // The last rows are the page's footer (#123456), opaque: nothing blank below the page's end.
    expect(await lastRows(panel, 20 * dpr)).toEqual(
      Array.from({ length: 20 * dpr }, () => [18, 52, 86, 255]),
    );
    expect(await page.evaluate(() => scrollY)).toBe(123);
    await panel.close();
  }, 90_000);

  it('a page that keeps its height is captured whole, with no note on its height', async () => {
    const { page, tabId } = await env.harness.openTab(`${env.server.origin}/fixtures/sticky-header.html`);
    const height = await pageHeight(page);
    const panel = await env.harness.openPanel(tabId);
    const jobId = await critiqueInPanel(panel, 'full', ['done']);
    expect(await pageHeight(page)).toBe(height);
    expect(toCritique(await record(jobId)).notes.join('\n')).not.toMatch(/The page (grew|shrank)/);
    expect((await panel.getByTestId('capture-note').allTextContents()).join('\n')).not.toMatch(
      /The page (grew|shrank)/,
    );
    await decodeShot(panel, height * dpr);
    await panel.close();
  }, 90_000);
});
