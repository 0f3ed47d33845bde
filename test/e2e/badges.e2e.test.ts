/**
 * Badges cover no text, measured in real Chromium. On the page: every badge the overlay draws
 * (read from its shadow root) against the text of every region that carries text, measured here
 * from the element's text nodes with a Range, not from the region boxes the placement used. In
 * `annotated.png`: the badge rects the annotate code drew (annotationLayout, from the record's
 * regions and shot) against the same text rects mapped into the picture's pixels, within each
 * region's box (the record is all the picture is drawn from).
 */
import { readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, describe, expect, it } from 'vitest';
import { annotationLayout } from '@/utils/background/render/annotate';
import { carriesText, clipBox, overlapArea, textBox } from '@/utils/core/render/badges';
import { markTones } from '@/utils/core/render/marks';
import { CritiqueRecord } from '@/utils/core/schemas/record';
import { type Box, type Region } from '@/utils/core/schemas/region';
import { artifactPath, CORPUS, DEMO_DIR, HAS_CORPUS, ROOT, withExtension } from '@/test/e2e/harness';

const FIXTURES = join(ROOT, 'test/fixtures/pages');
const CORPUS_PAGES = join(CORPUS, 'pages');
const env = withExtension({
  '/demo': DEMO_DIR,
  '/fixtures': FIXTURES,
  ...(HAS_CORPUS ? { '/corpus': CORPUS_PAGES } : {}),
});

const MESSY = [
  'table-layout-2000s.html',
  'font-center-soup.html',
  'cards-in-li.html',
  'long-article-2000-word-paragraphs.html',
  'form-with-fieldsets.html',
  'text-between-paragraphs-in-div.html',
  'text-in-td-beside-nested-table.html',
  'sticky-header.html',
];
const CORPUS_FILES = HAS_CORPUS
  ? readdirSync(CORPUS_PAGES)
      .filter((f) => f.endsWith('.html'))
      .sort()
      .slice(0, 10)
  : [];

const printed: string[] = [];
afterAll(() => console.log(`Badges per page:\n${printed.join('\n')}`));

/** The visible text of each text-carrying region, as viewport rects, from its text nodes. */
function textRects(page: Page, regions: readonly Region[]) {
  const selectors = regions.filter(carriesText).map((r) => ({ id: r.id, selector: r.selector }));
  return page.evaluate((list) => {
    const out: { id: string; rect: { x: number; y: number; width: number; height: number } }[] = [];
    const range = document.createRange();
    for (const { id, selector } of list) {
      const el = document.querySelector(selector);
      if (!el) continue;
      const walker = document.createTreeWalker(el, NodeFilter.SHOW_TEXT);
      for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        const parent = node.parentElement;
        if (!parent || !/\S/.test(node.nodeValue ?? '')) continue;
        if (parent.closest('script, style, noscript, template, [aria-hidden="true"]')) continue;
        if (!parent.checkVisibility({ opacityProperty: true, visibilityProperty: true })) continue;
        range.selectNodeContents(node);
        for (const r of range.getClientRects())
          if (r.width >= 1 && r.height >= 1)
            out.push({ id, rect: { x: r.left, y: r.top, width: r.width, height: r.height } });
      }
    }
    return { rects: out, scroll: { x: scrollX, y: scrollY } };
  }, selectors);
}

/** The overlay's badges and visible leaders, as viewport rects. */
function overlayBadges(page: Page) {
  return page.evaluate(() => {
    const root = document.querySelector('restage-overlay')!.shadowRoot!;
    const badges = [...root.querySelectorAll<HTMLElement>('.badge')].map((badge) => {
      const r = badge.getBoundingClientRect();
      return {
        label: badge.textContent ?? '',
        rect: { x: r.left, y: r.top, width: r.width, height: r.height },
      };
    });
    const leaders = root.querySelectorAll('.leader:not([hidden])').length;
    return { badges, leaders };
  });
}

function overlaps(badges: { label: string; rect: Box }[], texts: { id: string; rect: Box }[]) {
  let area = 0;
  const where: string[] = [];
  for (const badge of badges)
    for (const text of texts) {
      const a = overlapArea(badge.rect, text.rect);
      if (a > 0) {
        area += a;
        where.push(`badge ${badge.label} on ${text.id} (${a.toFixed(1)} px²)`);
      }
    }
  return { area, where };
}

async function checkPage(url: string, name: string, afterResize = false) {
  const { page, tabId } = await env.harness.openTab(url);
  // The job extracts the regions before its overlay is on the page; the overlay is shown again
  // afterwards, since the job's end closes the port that kept it.
  const { record, artifacts } = await env.harness.runJob({ tabId, mode: 'viewport' });
  const { draft } = CritiqueRecord.parse(record);
  const { regions, shot } = draft;
  expect(shot).not.toBeNull();
  await env.harness.ask(tabId, 'showOverlay', { regions });
  await page.evaluate(() => new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done))));

  // On the page.
  const { rects, scroll } = await textRects(page, regions);
  const { badges, leaders } = await overlayBadges(page);
  expect(badges.length).toBe(regions.length);
  const onPage = overlaps(badges, rects);

  // In annotated.png.
  const png = artifacts.annotated!;
  const size = { width: png.readUInt32BE(16), height: png.readUInt32BE(20) };
  // As annotated.png draws it (the regions with findings numbered), and with every region
  // numbered (the model's copy, and "Show all regions").
  const layout = annotationLayout(shot!, regions, size, markTones(regions, draft.findings, false));
  const everyRegion = annotationLayout(shot!, regions, size);
  const toImage = ({ x, y, width, height }: Box) => ({
    x: (x - shot!.area.x) * layout.scale,
    y: (y - shot!.area.y) * layout.scale,
    width: width * layout.scale,
    height: height * layout.scale,
  });
  const badgesOf = (marks: typeof layout.marks) =>
    marks.flatMap((m) => (m.badge ? [{ label: m.region.id.slice(1), rect: m.badge.rect }] : []));
  const drawn = badgesOf(layout.marks);
  const all = badgesOf(everyRegion.marks);
  expect(all).toHaveLength(everyRegion.marks.length);
  // The picture is drawn from the record alone, so it knows text only within its region's
  // box: text a region's element paints outside its own box is counted apart.
  const byId = new Map(regions.map((r) => [r.id, r]));
  const inBox = rects.flatMap(({ id, rect }) => {
    const page = { ...rect, x: rect.x + scroll.x, y: rect.y + scroll.y };
    const clipped = clipBox(page, textBox(byId.get(id)!));
    return clipped ? [{ id, rect: toImage(clipped) }] : [];
  });
  const inImage = overlaps(drawn, [...inBox, ...layout.texts.map((rect) => ({ id: 'region box', rect }))]);
  const allInImage = overlaps(all, [...inBox, ...layout.texts.map((rect) => ({ id: 'region box', rect }))]);
  const beyondBox = overlaps(
    drawn,
    rects.map(({ id, rect }) => ({
      id,
      rect: toImage({ ...rect, x: rect.x + scroll.x, y: rect.y + scroll.y }),
    })),
  );
  const imageLeaders = layout.marks.filter((m) => m.badge?.leader).length;
  const outside = [...drawn, ...all].filter(
    ({ rect }) =>
      rect.x < 0 || rect.y < 0 || rect.x + rect.width > size.width || rect.y + rect.height > size.height,
  );

  printed.push(
    `${name}: page ${badges.length} badges, ${leaders} leaders, ${onPage.area.toFixed(1)} px² on text; ` +
      `annotated.png ${drawn.length} badges, ${imageLeaders} leaders, ${inImage.area.toFixed(1)} px² on text ` +
      `(${beyondBox.area.toFixed(1)} px² counting text outside its region's box); ` +
      `all ${all.length} numbered: ${allInImage.area.toFixed(1)} px² on text`,
  );
  const stem = name.replace(/\.html$/, '');
  await page.screenshot({ path: artifactPath(`badges-${stem}-page.png`) });
  writeFileSync(artifactPath(`badges-${stem}-annotated.png`), png);
  expect(onPage.where, 'badges on text, on the page').toEqual([]);
  expect(inImage.where, 'badges on text, in annotated.png').toEqual([]);
  expect(allInImage.where, 'badges on text, every region numbered').toEqual([]);
  expect(outside).toEqual([]);
  if (afterResize) {
    // A narrower window reflows the page: the overlay measures again and places every badge anew.
    await page.setViewportSize({ width: 900, height: 800 });
    await page.waitForTimeout(300);
    const reflowed = await textRects(page, regions);
    const again = await overlayBadges(page);
    const onReflowed = overlaps(again.badges, reflowed.rects);
    printed.push(
      `${name} at 900 px: page ${again.badges.length} badges, ${again.leaders} leaders, ` +
        `${onReflowed.area.toFixed(1)} px² on text`,
    );
    expect(onReflowed.where, 'badges on text, after a resize').toEqual([]);
    await page.screenshot({ path: artifactPath(`badges-${stem}-900-page.png`) });
  }
  await page.close();
}

describe('badges cover no text', () => {
  it('on the demo page, and again after the window narrows', () =>
    checkPage(`${env.server.origin}/demo/demo.html`, 'demo.html', true));

  it.each(MESSY)('on messy markup: %s', (file) => checkPage(`${env.server.origin}/fixtures/${file}`, file));

  describe.skipIf(!HAS_CORPUS)('on the shared corpus', () => {
    it.each(CORPUS_FILES)('%s', (file) => checkPage(`${env.server.origin}/corpus/${file}`, file));
  });
});
