/**
 * The mockup keeps the page's structure, on the 30 corpus pages and the messy fixtures: each
 * page is critiqued in the real extension (viewport capture, one browser, one page at a time),
 * and the structure figures the render stage measured (utils/render/structure.ts) are printed
 * as a table and held to the content check's bounds. Every image in the saved mockup is pixels:
 * an `<img>` with a data URL that decodes, or a placeholder counted in the stage's notes.
 */
import { readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { contentCheckPassed } from '@/utils/plan/validate';
import { HEIGHT_RATIO_MAX, PAIRS_KEPT_MIN, structureKept } from '@/utils/render/structure';
import { CritiqueRecord, type MockupStructure } from '@/utils/schemas';
import { artifactPath, CORPUS, HAS_CORPUS, ROOT, withExtension } from './harness';

const FIXTURES = join(ROOT, 'test/fixtures/pages');
const CORPUS_PAGES = join(CORPUS, 'pages');
const env = withExtension({ '/fixtures': FIXTURES, ...(HAS_CORPUS ? { '/corpus': CORPUS_PAGES } : {}) });

const MESSY = [
  'table-layout-2000s.html',
  'font-center-soup.html',
  'cards-in-li.html',
  'long-article-2000-word-paragraphs.html',
  'form-with-fieldsets.html',
  'sticky-header.html',
  'mockup-content.html',
];
const CORPUS_FILES = HAS_CORPUS
  ? readdirSync(CORPUS_PAGES)
      .filter((f) => f.endsWith('.html'))
      .sort()
  : [];

interface Row {
  page: string;
  structure: MockupStructure;
  images: number;
  placeholders: number;
  ms: number;
}
const rows: Row[] = [];

/** Every `<img>` of the saved mockup, opened on its own at the page's width. */
async function readImages(html: string, width: number) {
  const viewer = await env.harness.context.newPage();
  try {
    await viewer.setViewportSize({ width, height: 800 });
    await viewer.setContent(html, { waitUntil: 'load' });
    await viewer.waitForFunction(() => [...document.images].every((img) => img.complete), null, { timeout: 15_000 });
    return await viewer.evaluate(() =>
      [...document.images].map((img) => ({
        data: img.src.startsWith('data:image/'),
        decoded: img.naturalWidth > 0,
        placeholder: img.src.startsWith('data:image/svg+xml;base64,') && atob(img.src.split(',')[1] ?? '').includes('restage-unread'),
      })),
    );
  } finally {
    await viewer.close();
  }
}

async function check(url: string, name: string) {
  const started = Date.now();
  const { page, tabId } = await env.harness.openTab(url);
  try {
    const { record, artifacts } = await env.harness.runJob({ tabId, mode: 'viewport' });
    const { draft } = CritiqueRecord.parse(record);
    const check = draft.plan?.contentCheck;
    const structure = check?.structure;
    expect(structure, `${name}: structure measured (notes: ${draft.notes.join(' | ')})`).toBeTruthy();
    const html = artifacts.mockup!.toString('utf8');
    const images = await readImages(html, draft.extraction!.viewport.width);
    // Every image is pixels: a data URL that decodes; unread ones are counted placeholders.
    for (const [i, image] of images.entries()) {
      expect(image.data, `${name} image ${i} embedded`).toBe(true);
      expect(image.decoded, `${name} image ${i} decoded`).toBe(true);
    }
    const placeholders = images.filter((i) => i.placeholder).length;
    if (placeholders > 0) expect(draft.notes.join(' ')).toMatch(/images in the mockup could not be read/);
    rows.push({ page: name, structure: structure!, images: images.length, placeholders, ms: Date.now() - started });
    return { structure: structure!, passed: contentCheckPassed(check!) };
  } finally {
    await page.close();
  }
}

/** Pages whose figures fall outside the bounds, each with the reason it is allowed to. */
const EXCEPTIONS: Record<string, string> = {};

function holdToBounds(name: string, s: MockupStructure) {
  if (name in EXCEPTIONS) return;
  const share = s.pairs === 0 ? 1 : s.pairsKept / s.pairs;
  expect(share, `${name}: side-by-side pairs kept`).toBeGreaterThanOrEqual(PAIRS_KEPT_MIN);
  expect(s.heightRatio, `${name}: height ratio`).toBeLessThanOrEqual(HEIGHT_RATIO_MAX);
  expect(s.heightRatio, `${name}: height ratio`).toBeGreaterThanOrEqual(1 / HEIGHT_RATIO_MAX);
  expect(s.outOfOrder, `${name}: pairs out of reading order`).toBe(0);
  expect(structureKept(s)).toBe(true);
}

describe('the mockup keeps the page’s structure', () => {
  afterAll(() => {
    const lines = [
      '| page | side-by-side pairs kept | height ratio | order kept | images (placeholders) | ms |',
      '|---|---|---|---|---|---|',
      ...rows.map(
        (r) =>
          `| ${r.page} | ${r.structure.pairsKept}/${r.structure.pairs} | ${r.structure.heightRatio.toFixed(2)} | ${r.structure.orderKept ? 'yes' : `no (${r.structure.outOfOrder})`} | ${r.images} (${r.placeholders}) | ${r.ms} |`,
      ),
    ];
    console.log(lines.join('\n'));
    writeFileSync(artifactPath('mockup-structure.md'), `${lines.join('\n')}\n`);
  });

  it.each(MESSY)('messy fixture %s', async (file) => {
    const { structure, passed } = await check(`${env.server.origin}/fixtures/${file}`, file);
    holdToBounds(file, structure);
    expect(passed, `${file}: content check passed`).toBe(true);
  });

  describe.skipIf(!HAS_CORPUS)('corpus', () => {
    it.each(CORPUS_FILES)('corpus page %s', async (file) => {
      const { structure } = await check(`${env.server.origin}/corpus/${file}`, file);
      holdToBounds(file, structure);
    });
  });
});
