import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkImageText } from '@/utils/core/ocr/check';
import { OCR_IDLE_CLOSE_MS } from '@/utils/core/ocr/assets';
import { Extraction } from '@/utils/core/schemas/capture';
import { ImageText } from '@/utils/core/schemas/ocr';
import { type Region } from '@/utils/core/schemas/region';
import { type ExtensionGlobal, withExtension } from '@/test/e2e/harness';
import { requestTrap } from '@/test/e2e/requestTrap';

const CHROMIUM_SERVICES =
  /^(CONNECT |[A-Z]+ http:\/\/)[a-z0-9.-]+\.(google\.com|googleapis\.com|gstatic\.com)[:/]/;
const trap = await requestTrap();
const env = withExtension(
  { '/fixtures': join(import.meta.dirname, '../fixtures/pages') },
  { args: [trap.flag] },
);
afterAll(() => trap.close());

async function readText(image: string): Promise<ImageText> {
  return ImageText.parse(await env.harness.askBackground('readImageText', { image }));
}

/** The page's pixels, standing in for a generated mockup of it. */
async function shoot(page: Page, type: 'png' | 'jpeg' = 'png'): Promise<string> {
  const bytes = await page.screenshot({ type, ...(type === 'jpeg' ? { quality: 85 } : {}) });
  return `data:image/${type};base64,${bytes.toString('base64')}`;
}

/** Re-encodes an image in the page, e.g. as WebP, or paints a blank one when `src` is null. */
async function encodeInPage(page: Page, src: string | null, type: string): Promise<string> {
  return page.evaluate(
    async ({ src, type }) => {
      const canvas = new OffscreenCanvas(1280, 800);
      const ctx = canvas.getContext('2d')!;
      ctx.fillStyle = '#fff';
      ctx.fillRect(0, 0, canvas.width, canvas.height);
      if (src) {
        const img = new Image();
        img.src = src;
        await img.decode();
        ctx.drawImage(img, 0, 0);
      }
      const blob = await canvas.convertToBlob({ type, quality: 0.9 });
      return new Promise<string>((done) => {
        const reader = new FileReader();
        reader.onload = () => done(reader.result as string);
        reader.readAsDataURL(blob);
      });
    },
    { src, type },
  );
}

async function offscreenDocuments(): Promise<string[]> {
  const documents = await env.harness.worker.evaluate(() =>
    (globalThis as unknown as ExtensionGlobal).chrome.runtime.getContexts({
      contextTypes: ['OFFSCREEN_DOCUMENT' as never],
    }),
  );
  return documents.map((d) => d.documentUrl ?? '');
}

describe('OCR of generated images, bundled with the extension and offline', () => {
  let page: Page;
  let regions: Region[];
  let original: string;

  beforeAll(async () => {
    const tab = await env.harness.openTab(`${env.server.origin}/fixtures/mockup-text.html`);
    page = tab.page;
    ({ regions } = Extraction.parse(
      await env.harness.ask(tab.tabId, 'extractRegions', { privateSelectors: [] }),
    ));
    // A generated image never sees private text: its region is masked, and so is the image.
    await page.evaluate(() => (document.querySelector<HTMLElement>('.account')!.style.visibility = 'hidden'));
    original = await shoot(page);
  });

  it('reads a rendered page in the offscreen document and finds every region’s words', async () => {
    const first = await readText(original);
    expect(first.documentStartMs).not.toBeNull();
    expect(first.workerStartMs).not.toBeNull();
    const check = checkImageText(regions, first.words);
    console.log(
      `OCR fixture: ${check.foundWords}/${check.expectedWords} words found, ${first.words.length} read; ` +
        `first run: document ${first.documentStartMs!.toFixed(0)} ms, engine ${first.workerStartMs!.toFixed(0)} ms, ` +
        `read ${first.recognizeMs.toFixed(0)} ms`,
    );
    expect(regions.some((r) => r.flags.private)).toBe(true);
    expect(check.expectedWords).toBe(31);
    expect(check).toMatchObject({ missing: [], invented: [], lostRegionIds: [], pass: true });
  });

  it('keeps the engine warm: the next image starts nothing', async () => {
    const again = await readText(original);
    expect(again.documentStartMs).toBeNull();
    expect(again.workerStartMs).toBeNull();
    expect(checkImageText(regions, again.words).pass).toBe(true);
  });

  it('reads JPEG and WebP images too', async () => {
    for (const image of [await shoot(page, 'jpeg'), await encodeInPage(page, original, 'image/webp')]) {
      expect(image).toMatch(/^data:image\/(jpeg|webp);/);
      const check = checkImageText(regions, (await readText(image)).words);
      expect(check, image.slice(0, 16)).toMatchObject({ missing: [], invented: [], pass: true });
    }
  });

  it('names the dropped, misspelled and invented words of a changed image, and the regions that lost text', async () => {
    await page.evaluate(() => {
      document.querySelector('#lede')!.textContent = 'Ship reviews faster with shared comments.';
      document.querySelector('.cta')!.textContent = 'Start fre trial';
      document.querySelector('nav')!.insertAdjacentHTML('beforeend', '<a href="#blog">Blog</a>');
    });
    const check = checkImageText(regions, (await readText(await shoot(page))).words);
    const lede = regions.find((r) => r.text.startsWith('Ship reviews'))!;
    const cta = regions.find((r) => r.text === 'Start free trial')!;
    expect(check.missing.toSorted()).toEqual(['and', 'clear', 'free', 'owners']);
    expect(check.invented.toSorted()).toEqual(['Blog', 'fre']);
    expect(check.lostRegionIds).toEqual([lede.id, cta.id]);
    expect(check.pass).toBe(false);
  });

  it('fails a blank image: no readable text is never a pass', async () => {
    const blank = await readText(await encodeInPage(page, null, 'image/png'));
    const check = checkImageText(regions, blank.words);
    expect(check.pass).toBe(false);
    expect(check.foundWords).toBe(0);
    expect(check.reason).toMatch(/no readable text/);
  });

  it(
    'closes the document after a minute without images, and opens it again for the next',
    async () => {
      await expect
        .poll(offscreenDocuments, { timeout: OCR_IDLE_CLOSE_MS + 30_000, interval: 2_000 })
        .toEqual([]);
      const reopened = await readText(original);
      expect(reopened.documentStartMs).not.toBeNull();
      expect(reopened.workerStartMs).not.toBeNull();
      expect(checkImageText(regions, reopened.words).pass).toBe(true);
    },
    OCR_IDLE_CLOSE_MS + 60_000,
  );

  it('ran in the extension’s offscreen document, and nothing went to the network', async () => {
    expect(await offscreenDocuments()).toEqual([
      `chrome-extension://${env.harness.extensionId}/offscreen.html`,
    ]);
    // Chromium's own services (component updates, sign-in) still knock despite the flags;
    // everything else, tesseract.js's CDN included, would be ours.
    const ours = () => trap.requests.filter((r) => !CHROMIUM_SERVICES.test(r));
    expect(ours()).toEqual([]);
    // The trap does catch what tesseract.js would fetch without bundled files: its CDN.
    await page.evaluate(() => fetch('https://cdn.jsdelivr.net/npm/tesseract.js-core').catch(() => null));
    expect(ours()).toEqual(['CONNECT cdn.jsdelivr.net:443']);
  });
});
