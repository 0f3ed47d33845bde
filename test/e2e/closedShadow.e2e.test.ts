/**
 * Private content inside closed shadow roots, in real Chromium: a card number, a one-time code,
 * a `data-restage-private` element and a user selector's match, in closed roots (one nested in
 * another, one on a plain div, one in a layout table, one inside an `li` below the fold). The
 * page script cannot see into them, but the browser paints them; the content script opens them
 * with `chrome.dom.openOrClosedShadowRoot`. The values are painted in magenta, which nothing
 * else on the page uses: a magenta pixel anywhere Restage keeps or sends is a leak.
 */
import { writeFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFakeOpenAI, type FakeOpenAI } from '@/test/fake-openai/server';
import { artifactPath, type ExtensionGlobal, withExtension } from '@/test/e2e/harness';
import { Extraction, MaskRects } from '@/utils/core/schemas/capture';
import { CritiqueRecord } from '@/utils/core/schemas/record';
import { DEFAULT_SETTINGS, type Settings } from '@/utils/core/schemas/settings';

const env = withExtension({ '/fixtures': `${import.meta.dirname}/../fixtures/pages` });
const URL_PATH = '/fixtures/closed-shadow-private.html';
const CANARIES = /4111|918273|QZXPRIV771|NOTE5150|VAULT8842|9931/;
const SELECTORS = ['.secret-note'];
let fake: FakeOpenAI;
beforeAll(async () => {
  fake = await startFakeOpenAI();
});
afterAll(() => fake?.close());

async function useModel() {
  const settings: Settings = {
    ...DEFAULT_SETTINGS,
    provider: 'compatible',
    baseUrl: fake.baseUrl,
    apiKey: 'sk-e2e-closed-shadow-0042',
    imageGeneration: true,
    capPerCritiqueUsd: 5,
    capPerDayUsd: 100,
    privateSelectors: SELECTORS,
  };
  await (
    await env.harness.extensionPage()
  ).evaluate(
    (s) => (globalThis as unknown as ExtensionGlobal).chrome.storage.local.set({ settings: s }),
    settings,
  );
}

/** Magenta pixels (the private values' ink, allowing for JPEG noise) in an encoded image. */
async function magentaPixels(bytes: Buffer, mime: string): Promise<{ width: number; magenta: number }> {
  const page = await env.harness.extensionPage();
  return page.evaluate(
    async ({ base64, mime }) => {
      const blob = await (await fetch(`data:${mime};base64,${base64}`)).blob();
      const bitmap = await createImageBitmap(blob);
      const canvas = new OffscreenCanvas(bitmap.width, bitmap.height);
      const c2d = canvas.getContext('2d')!;
      c2d.drawImage(bitmap, 0, 0);
      const { data } = c2d.getImageData(0, 0, bitmap.width, bitmap.height);
      let magenta = 0;
      for (let i = 0; i < data.length; i += 4) {
        const [r, g, b] = [data[i]!, data[i + 1]!, data[i + 2]!];
        if (r > 170 && g < 80 && b > 60 && b < 190 && r - b > 60) magenta++;
      }
      return { width: bitmap.width, magenta };
    },
    { base64: bytes.toString('base64'), mime },
  );
}

const mimeOf = (bytes: Buffer): string | null =>
  bytes.subarray(0, 4).toString('hex') === '89504e47'
    ? 'image/png'
    : bytes.subarray(0, 2).toString('hex') === 'ffd8'
      ? 'image/jpeg'
      : null;

async function openFixture(): Promise<{ page: Page; tabId: number }> {
  return env.harness.openTab(`${env.server.origin}${URL_PATH}`);
}

describe('private content in closed shadow roots', () => {
  it('the page paints it (the detector sees it), and the page script cannot reach it', async () => {
    const { page } = await openFixture();
    const own = await page.screenshot({ fullPage: true });
    expect((await magentaPixels(own, 'image/png')).magenta).toBeGreaterThan(300);
    expect(await page.evaluate(() => document.querySelector('pay-form')!.shadowRoot)).toBeNull();
    await page.close();
  });

  it('is walked: regions come from inside closed roots, private values are masked and every private element gets a mask', async () => {
    const { page, tabId } = await openFixture();
    const { regions, coverage } = Extraction.parse(
      await env.harness.ask(tabId, 'extractRegions', { privateSelectors: SELECTORS }),
    );
    const texts = regions.map((r) => r.text);
    expect(texts).toEqual(
      expect.arrayContaining(['Pay with card', 'Card details are sent securely to your bank.', 'Saved card']),
    );
    expect(JSON.stringify(regions)).not.toMatch(CANARIES);
    // Regions inside closed roots resolve by their selectors, as the overlay needs.
    const inside = regions.find((r) => r.text === 'Pay with card')!;
    expect(inside.selector).toContain(' >>> ');
    expect(coverage.share).toBeGreaterThanOrEqual(0.9);

    const masks = MaskRects.parse(
      await env.harness.ask(tabId, 'beforeCapture', { privateSelectors: SELECTORS }),
    );
    await env.harness.ask(tabId, 'afterCapture');
    const boxes = await page.evaluate(() =>
      (window as unknown as { privateBoxes(): DOMRect[] }).privateBoxes(),
    );
    expect(boxes).toHaveLength(5);
    expect(masks.unopened).toBe(0);
    // Each private element lies inside one mask (masks are in viewport pixels, at scroll 0 here).
    for (const box of boxes) {
      const covered = masks.rects.some(
        (m) =>
          m.x <= box.x &&
          m.y <= box.y &&
          m.x + m.width >= box.x + box.width &&
          m.y + m.height >= box.y + box.height,
      );
      expect(covered, JSON.stringify(box)).toBe(true);
    }
    await page.close();
  });

  it.each(['viewport', 'full', 'dom'] as const)(
    '%s: no private value in any pixel, artifact or model request',
    async (mode) => {
      await useModel();
      fake.setMode('normal');
      fake.requests.length = 0;
      const { page, tabId } = await openFixture();
      const { record, artifacts } = await env.harness.runJob({ tabId, mode });
      const { draft, job } = CritiqueRecord.parse(record);
      expect(job.state).toBe('done');
      expect(JSON.stringify(record)).not.toMatch(CANARIES);
      expect(draft.shot!.masked).toBeGreaterThanOrEqual(mode === 'viewport' ? 3 : 5);

      writeFileSync(artifactPath(`closed-shadow-${mode}-annotated.png`), artifacts.annotated!);
      const images = Object.entries(artifacts).filter(([, bytes]) => mimeOf(bytes) !== null);
      expect(images.map(([kind]) => kind)).toEqual(expect.arrayContaining(['shot', 'annotated']));
      for (const [kind, bytes] of images)
        expect((await magentaPixels(bytes, mimeOf(bytes)!)).magenta, kind).toBe(0);
      for (const [kind, bytes] of Object.entries(artifacts))
        if (!mimeOf(bytes)) expect(bytes.toString('utf8'), kind).not.toMatch(CANARIES);

      // Every request the model server received: no value as text, none in the pictures sent.
      expect(fake.requests.length).toBeGreaterThanOrEqual(2);
      const sent = fake.requests.map((r) => JSON.stringify(r.body)).join('\n');
      expect(sent).not.toMatch(CANARIES);
      const edits = fake.requests.flatMap((r) => (r.form ? [r.form] : []));
      expect(edits.map((f) => f.prompt).join('\n')).not.toMatch(CANARIES);
      const pictures = [
        ...[...sent.matchAll(/data:(image\/(?:png|jpeg));base64,([A-Za-z0-9+/=]+)/g)].map(
          ([, mime, base64]) => ({
            mime: mime!,
            base64: base64!,
          }),
        ),
        ...edits.flatMap((f) => f.images.map((i) => ({ mime: i.type, base64: i.base64 }))),
      ];
      // The planner's labelled screenshot and the image model's input.
      expect(pictures.length).toBeGreaterThanOrEqual(2);
      for (const { mime, base64 } of pictures)
        expect((await magentaPixels(Buffer.from(base64, 'base64'), mime)).magenta).toBe(0);
      // The page is as it was: the script still cannot see into its roots, and nothing is left behind.
      expect(await page.evaluate(() => document.querySelectorAll('[data-restage-hide]').length)).toBe(0);
      await page.close();
    },
  );
});
