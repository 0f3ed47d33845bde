import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { Extraction, type CaptureMode } from '@/utils/core/schemas/capture';
import { DEFAULT_SETTINGS } from '@/utils/core/schemas/settings';
import { syntheticPage } from '@/test/fixtures/synthetic';
import {
  artifactPath,
  type ExtensionGlobal,
  jobEnded,
  startCritique,
  withExtension,
} from '@/test/e2e/harness';

const generated = mkdtempSync(join(tmpdir(), 'restage-pages-'));
writeFileSync(join(generated, 'big.html'), syntheticPage(20_000));
const env = withExtension({
  '/fixtures': join(import.meta.dirname, '../fixtures/pages'),
  '/generated': generated,
});

async function label(
  tabId: number,
  mode: CaptureMode,
  pick?: (page: Page) => Promise<void>,
  page?: Page,
): Promise<Page> {
  const panel = await env.harness.openPanel(tabId);
  const job = await startCritique(panel, mode);
  if (pick && page) {
    await expect.poll(() => page.locator('restage-overlay').count()).toBe(1);
    await page.waitForTimeout(200); // the picker's listeners are in place once the message lands
    await pick(page);
  }
  await jobEnded(panel, job);
  return panel;
}

type WithShot = { shot: ImageData };

/** Decodes the panel's screenshot back into RGBA pixels, kept in the panel page as `shot`. */
async function decodeShot(panel: Page): Promise<void> {
  // The screenshot is read from IndexedDB after the job is done: wait for it to be shown.
  await panel.locator('[data-testid=annotated-shot] img').waitFor();
  await panel.evaluate(async () => {
    const img = document.querySelector<HTMLImageElement>('[data-testid=annotated-shot] img')!;
    await img.decode();
    const canvas = new OffscreenCanvas(img.naturalWidth, img.naturalHeight);
    const ctx = canvas.getContext('2d')!;
    ctx.drawImage(img, 0, 0);
    (globalThis as unknown as WithShot).shot = ctx.getImageData(0, 0, canvas.width, canvas.height);
  });
}

describe('regions in shadow roots and frames', () => {
  it('reaches into an open shadow root with a selector that resolves', async () => {
    const { page, tabId } = await env.harness.openTab(`${env.server.origin}/fixtures/shadow-dom.html`);
    const { regions } = Extraction.parse(
      await env.harness.ask(tabId, 'extractRegions', { privateSelectors: [] }),
    );
    const button = regions.find((r) => r.text === 'Choose Pro');
    expect(button?.selector).toContain(' >>> ');
    expect(regions.map((r) => r.text)).toEqual(
      expect.arrayContaining(['Plans', 'Pro plan', 'Everything in Basic, plus reviews.']),
    );
    const live = await page.evaluate(() => {
      const el = document.querySelector('#pro')!.shadowRoot!.querySelector('button')!.getBoundingClientRect();
      return { x: el.left + scrollX, y: el.top + scrollY };
    });
    expect(button!.box.x).toBeCloseTo(live.x, 0);
    expect(button!.box.y).toBeCloseTo(live.y, 0);
  });

  it('reaches into a same-origin iframe, in top-page coordinates', async () => {
    const { page, tabId } = await env.harness.openTab(`${env.server.origin}/fixtures/iframe.html`);
    await page.frameLocator('iframe').locator('#pay').waitFor();
    const { regions } = Extraction.parse(
      await env.harness.ask(tabId, 'extractRegions', { privateSelectors: [] }),
    );
    const pay = regions.find((r) => r.text === 'Pay now');
    expect(pay?.selector).toMatch(/iframe.* >>> #pay$/);
    const live = await page.evaluate(() => {
      const frame = document.querySelector('iframe')!;
      const f = frame.getBoundingClientRect();
      const b = frame.contentDocument!.querySelector('#pay')!.getBoundingClientRect();
      return { x: f.left + frame.clientLeft + b.left, y: f.top + frame.clientTop + b.top };
    });
    expect(pay!.box.x).toBeCloseTo(live.x, 0);
    expect(pay!.box.y).toBeCloseTo(live.y, 0);
  });
});

describe('capture modes', () => {
  it('full page: stitches every viewport, shows the sticky header once, and restores scroll', async () => {
    const { page, tabId } = await env.harness.openTab(`${env.server.origin}/fixtures/sticky-header.html`);
    await page.evaluate(() => scrollTo(0, 123));
    const panel = await label(tabId, 'full');
    const height = await page.evaluate(() => document.documentElement.scrollHeight);
    expect(await panel.getByTestId('label-summary').textContent()).toMatch(
      new RegExp(`full capture 1280×${height} px`),
    );
    await decodeShot(panel);
    const magentaRows = await panel.evaluate(() => {
      const { shot } = globalThis as unknown as WithShot;
      let rows = 0;
      for (let y = 0; y < shot.height; y++) {
        const i = (y * shot.width + shot.width / 2) * 4;
        if (shot.data[i]! > 240 && shot.data[i + 1]! < 20 && shot.data[i + 2]! > 240) rows++;
      }
      return rows;
    });
    expect(magentaRows).toBe(60);
    expect(await page.evaluate(() => scrollY)).toBe(123);
    expect(await page.evaluate(() => document.querySelectorAll('[data-restage-hide]').length)).toBe(0);
    expect(await page.evaluate(() => document.querySelectorAll('style').length)).toBe(1);
    await panel.screenshot({ path: artifactPath('capture-full.png') });
  });

  it('DOM render: html2canvas failing on oklch() falls back to the viewport with a note', async () => {
    const { tabId } = await env.harness.openTab(`${env.server.origin}/fixtures/oklch.html`);
    const panel = await label(tabId, 'dom');
    const note = await panel.getByTestId('capture-note').textContent();
    expect(note).toMatch(
      /html2canvas could not render this page \(.*oklch.*\); this is the viewport capture instead\./,
    );
    expect(await panel.getByTestId('label-summary').textContent()).toMatch(/viewport capture/);
  });

  it('DOM render works on a page html2canvas can parse', async () => {
    const { tabId } = await env.harness.openTab(`${env.server.origin}/fixtures/shadow-dom.html`);
    const panel = await label(tabId, 'dom');
    expect(await panel.getByTestId('label-summary').textContent()).toMatch(/dom capture/);
    expect(await panel.getByTestId('capture-note').count()).toBe(0);
  });
});

describe('picked element', () => {
  it('crops the capture to the clicked element, and Esc cancels without losing the critique', async () => {
    const { page, tabId } = await env.harness.openTab(`${env.server.origin}/fixtures/password.html`);
    const box = await page.locator('h1').boundingBox();
    const panel = await label(tabId, 'element', (p) => p.locator('h1').click(), page);
    expect(await panel.getByTestId('label-summary').textContent()).toMatch(
      new RegExp(`element capture ${Math.round(box!.width)}×${Math.round(box!.height)} px`),
    );
    const cancelled = await label(tabId, 'element', (p) => p.keyboard.press('Escape'), page);
    expect(await cancelled.getByTestId('capture-note').allTextContents()).toContain(
      'Capture failed: Picking was cancelled.',
    );
    expect(await cancelled.getByTestId('finding-list').count()).toBe(1);
  });
});

describe('privacy masks', () => {
  it('paints over password fields, private elements and user selectors, and masks their text', async () => {
    await env.harness.worker.evaluate(
      (settings) => (globalThis as unknown as ExtensionGlobal).chrome.storage.local.set({ settings }),
      { ...DEFAULT_SETTINGS, privateSelectors: ['.secret-note'] },
    );
    const { page, tabId } = await env.harness.openTab(`${env.server.origin}/fixtures/password.html`);
    const panel = await label(tabId, 'viewport');
    const rects = await page.evaluate(() =>
      ['#password', '#account', '.secret-note'].map((sel) => {
        const r = document.querySelector(sel)!.getBoundingClientRect();
        return {
          x: Math.ceil(r.left),
          y: Math.ceil(r.top),
          width: Math.floor(r.width),
          height: Math.floor(r.height),
        };
      }),
    );
    await decodeShot(panel);
    const result = await panel.evaluate((boxes) => {
      const { shot } = globalThis as unknown as WithShot;
      return boxes.map((r) => {
        let notBlack = 0;
        for (let y = r.y; y < r.y + r.height; y++)
          for (let x = r.x; x < r.x + r.width; x++) {
            const i = (y * shot.width + x) * 4;
            if (shot.data[i]! + shot.data[i + 1]! + shot.data[i + 2]! !== 0) notBlack++;
          }
        return { pixels: r.width * r.height, notBlack };
      });
    }, rects);
    for (const r of result) {
      expect(r.pixels).toBeGreaterThan(100);
      expect(r.notBlack).toBe(0);
    }
    expect(await panel.getByTestId('label-summary').textContent()).toMatch(/3 private areas masked/);
    const listed = await panel.getByTestId('region-list').textContent();
    expect(listed).not.toMatch(/hunter2|4242|launch date/);
    expect(listed).toContain('•••');
    await env.harness.worker.evaluate(() =>
      (globalThis as unknown as ExtensionGlobal).chrome.storage.local.clear(),
    );
  });
});

describe('scale', () => {
  it('caps a 20,000-element page at 200 regions and says how many were left out', async () => {
    const { tabId } = await env.harness.openTab(`${env.server.origin}/generated/big.html`);
    const extraction = Extraction.parse(
      await env.harness.ask(tabId, 'extractRegions', { privateSelectors: [] }),
    );
    expect(extraction.elementCount).toBeGreaterThan(19_000);
    expect(extraction.regions).toHaveLength(200);
    expect(extraction.omitted).toBeGreaterThan(1000);
  });
});
