import { readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { Extraction } from '@/utils/core/schemas/capture';
import { type Box } from '@/utils/core/schemas/region';
import { CORPUS, HAS_CORPUS, withExtension } from '@/test/e2e/harness';

const env = withExtension({ '/corpus': `${CORPUS}/pages` });

function iou(a: Box, b: Box): number {
  const x = Math.max(0, Math.min(a.x + a.width, b.x + b.width) - Math.max(a.x, b.x));
  const y = Math.max(0, Math.min(a.y + a.height, b.y + b.height) - Math.max(a.y, b.y));
  const inter = x * y;
  const union = a.width * a.height + b.width * b.height - inter;
  return union === 0 ? 1 : inter / union;
}

const pages = (HAS_CORPUS ? readdirSync(`${CORPUS}/pages`) : []).filter((f) => f.endsWith('.html'));

describe.skipIf(!HAS_CORPUS)('regions on the 30 corpus pages', () => {
  it('finds all 30 pages', () => expect(pages).toHaveLength(30));

  it.each(pages)('%s: anchored, matching, visible, and the overlay shifts nothing', async (file) => {
    const { page, tabId } = await env.harness.openTab(`${env.server.origin}/corpus/${file}`);
    const extraction = Extraction.parse(
      await env.harness.ask(tabId, 'extractRegions', { privateSelectors: [] }),
    );
    const { regions } = extraction;
    expect(regions.length).toBeGreaterThan(0);
    expect(regions.map((r) => r.id)).toEqual(regions.map((_, i) => `r${i + 1}`));

    const live = await page.evaluate(
      (sels) =>
        sels.map((sel) => {
          const found = document.querySelectorAll(sel);
          const el = found[0];
          const r = el?.getBoundingClientRect();
          const hiddenByAria = el?.closest('[aria-hidden="true"]') !== null;
          return {
            count: found.length,
            box: r && { x: r.left + scrollX, y: r.top + scrollY, width: r.width, height: r.height },
            visible:
              !!el &&
              el.checkVisibility({ opacityProperty: true, visibilityProperty: true }) &&
              !hiddenByAria,
          };
        }),
      regions.map((r) => r.selector),
    );
    regions.forEach((region, i) => {
      const found = live[i]!;
      expect(found.count, `${region.id} ${region.selector}`).toBe(1);
      expect(iou(found.box!, region.box), `${region.id} box`).toBeGreaterThanOrEqual(0.95);
      if (region.text) expect(found.visible, `${region.id} "${region.text}" is visible`).toBe(true);
    });

    const boxes = () =>
      page.evaluate(() =>
        [...document.querySelectorAll('body *')]
          .filter((el) => el.localName !== 'restage-overlay')
          .map((el) => {
            const r = el.getBoundingClientRect();
            return `${r.x},${r.y},${r.width},${r.height}`;
          }),
      );
    const before = await boxes();
    await env.harness.ask(tabId, 'showOverlay', { regions });
    expect(await page.locator('restage-overlay').count()).toBe(1);
    expect(await boxes()).toEqual(before);
    await env.harness.ask(tabId, 'hideOverlay');
    expect(await page.locator('restage-overlay').count()).toBe(0);
    await page.close();
  });
});
