/**
 * The planner's screenshot resize in real Chromium, in a worker (no DOM, as in the MV3
 * service worker): a 2560×1600 PNG goes through prepareScreenshot and comes back as a PNG of
 * the budget size.
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { encodePng } from '@/test/fake-openai/png';
import { ROOT, withExtension } from '@/test/e2e/harness';
import { prepareInChromium } from '@/test/e2e/prepareInChromium';

const env = withExtension({ '/': join(ROOT, 'test/fixtures/pages') });

describe('screenshot resize in a Chromium worker', () => {
  it('downscales to the token budget with OffscreenCanvas and returns a JPEG of that size', async () => {
    const page = await env.harness.context.newPage();
    await page.goto(`${env.server.origin}/oklch.html`); // any page: the worker needs an http origin
    const dataUrl = `data:image/png;base64,${encodePng(2560, 1600).toString('base64')}`;
    const prepared = await prepareInChromium(page, { dataUrl, width: 2560, height: 1600 });
    expect(prepared).toMatchObject({
      width: 1248,
      height: 780,
      tokens: 1580,
      scaled: true,
      context: 'worker without DOM',
    });
    const jpeg = Buffer.from(prepared.dataUrl.slice('data:image/jpeg;base64,'.length), 'base64');
    expect(prepared.dataUrl.startsWith('data:image/jpeg;base64,')).toBe(true);
    const decoded = await page.evaluate(async (src) => {
      const img = new Image();
      img.src = src;
      await img.decode();
      return { width: img.naturalWidth, height: img.naturalHeight };
    }, prepared.dataUrl);
    expect(decoded).toEqual({ width: 1248, height: 780 });
    expect(prepared.bytes).toBe(jpeg.length);
  });
});
