/**
 * Hostile pages, second set: a page in a `transform: scale` wrapper and pages with CSS `zoom`;
 * right-to-left and CJK text (vertical writing too); screens at device pixel ratios 2 and
 * 0.75; a page 30,000 px tall captured whole; and a page that replaces `Array.prototype.map`,
 * `JSON.stringify`, `getBoundingClientRect` and `getComputedStyle` with broken versions.
 *
 * On each, the critique ends done (or with one plain sentence), the page stays healthy
 * (pageHealth.ts: no errors added, nothing moved with the labels hidden, its own script still
 * counts clicks, history intact), and every box sits on its element three times over: the
 * region's box against the element's, the numbered box drawn on the page against the element,
 * and the box drawn on the panel's screenshot against the element's colour in the pixels (the
 * browser's capture, and html2canvas's DOM render on the scaled and zoomed pages).
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { maxStitchHeight } from '@/utils/background/capture/image';
import { contentRegions, regionContent } from '@/utils/core/plan/validate';
import { CritiqueRecord } from '@/utils/core/schemas/record';
import { type Region } from '@/utils/core/schemas/region';
import { countWords, distinctWords } from '@/utils/core/text/words';
import { tallPage } from '@/test/fixtures/tall';
import {
  artifactPath,
  type ExtensionGlobal,
  ROOT,
  startCritique,
  jobEnded,
  withExtension,
} from '@/test/e2e/harness';
import { differences, pageState } from '@/test/e2e/pageState';
import {
  addedErrors,
  baselineErrors,
  clickProbe,
  critiqueWithHealth,
  expectEnded,
  expectHealthy,
  expectHistoryIntact,
  historyRecords,
  labelsOnPage,
  notPlainSentence,
  recordErrors,
  setLabelsHidden,
} from '@/test/e2e/pageHealth';
import { iou, liveBoxes, visibleTexts } from '@/test/e2e/pageWords';

const HOSTILE = join(ROOT, 'test/fixtures/pages/hostile');
const generated = mkdtempSync(join(tmpdir(), 'restage-hostile-b-'));
/** 40 screens of 750 px under a sticky header: about 30,000 px. */
writeFileSync(join(generated, 'tall-30000.html'), tallPage(40, 750));
const MOUNTS = { '/hostile': HOSTILE, '/generated': generated };

type Evaluator = Pick<Page, 'evaluate'>;

/**
 * A fresh isolated world in the page's main frame (CDP Page.createIsolatedWorld): measuring
 * from there, the test reads the real builtins even on a page that replaced its own. Accepts
 * what page.evaluate does here: a string, or a function (no named inner functions) and its
 * argument.
 */
async function isolatedWorld(env: Env, page: Page): Promise<Evaluator> {
  const cdp = await env.harness.context.newCDPSession(page);
  const { frameTree } = await cdp.send('Page.getFrameTree');
  const { executionContextId } = await cdp.send('Page.createIsolatedWorld', {
    frameId: frameTree.frame.id,
    worldName: 'hostile-pages-test',
  });
  const evaluate = async (fn: string | ((arg: never) => unknown), arg?: unknown) => {
    const expression = typeof fn === 'string' ? fn : `(${fn.toString()})(${JSON.stringify(arg)})`;
    const { result, exceptionDetails } = await cdp.send('Runtime.evaluate', {
      expression,
      contextId: executionContextId,
      returnByValue: true,
      awaitPromise: true,
    });
    if (exceptionDetails) throw new Error(exceptionDetails.exception?.description ?? exceptionDetails.text);
    return result.value as unknown;
  };
  return { evaluate } as unknown as Evaluator;
}

type Env = ReturnType<typeof withExtension>;
const url = (env: Env, path: string) => `${env.server.origin}${path}`;

/** Every region's selector names one element, and its box is that element's (IoU ≥ 0.95). */
async function expectRegionsOnElements(view: Evaluator, regions: readonly Region[]) {
  const live = await liveBoxes(view as Page, regions);
  const off = regions.flatMap((region, i) => {
    const { count, box } = live[i]!;
    if (count !== 1 || !box) return [`${region.id} ${region.selector}: ${count} elements`];
    const overlap = iou(box, region.box);
    return overlap >= 0.95 ? [] : [`${region.id} "${region.text.slice(0, 30)}": IoU ${overlap.toFixed(2)}`];
  });
  expect(off, 'regions whose box is not their element’s').toEqual([]);
}

/**
 * The numbered boxes Restage draws on the page: one per region, each on its element (IoU ≥
 * 0.95, both measured in the viewport now), and each badge inside the page's width.
 */
async function expectLabelsOnElements(view: Evaluator, regions: readonly Region[]) {
  const drawn = (await view.evaluate(
    (selectors: Record<string, string>) => {
      const root = document.querySelector('restage-overlay')?.shadowRoot;
      const width = document.documentElement.scrollWidth;
      return [...(root?.querySelectorAll<HTMLElement>('.box') ?? [])].map((box) => {
        const el = document.querySelector(selectors[box.dataset.region!]!);
        const b = box.getBoundingClientRect();
        const e = el?.getBoundingClientRect();
        const badge = box.querySelector('.badge')!.getBoundingClientRect();
        return {
          id: box.dataset.region!,
          box: { x: b.x, y: b.y, width: b.width, height: b.height },
          element: e ? { x: e.x, y: e.y, width: e.width, height: e.height } : null,
          badgeInside: badge.left + scrollX >= -0.5 && badge.right + scrollX <= width + 0.5,
        };
      });
    },
    Object.fromEntries(regions.map((r) => [r.id, r.selector])),
  )) as {
    id: string;
    box: Region['box'];
    element: Region['box'] | null;
    badgeInside: boolean;
  }[];
  expect(drawn.map((d) => d.id).sort()).toEqual(regions.map((r) => r.id).sort());
  const off = drawn.flatMap((d) =>
    !d.element || iou(d.box, d.element) < 0.95 ? [`${d.id}: ${JSON.stringify(d)}`] : [],
  );
  expect(off, 'boxes drawn off their element on the page').toEqual([]);
  expect(
    drawn.filter((d) => !d.badgeInside).map((d) => d.id),
    'badges outside the page',
  ).toEqual([]);
}

/** The fixtures' coloured tiles among the regions, each with its background as [r, g, b]. */
async function tiles(view: Evaluator, regions: readonly Region[]) {
  const colours = (await view.evaluate(
    (selectors: string[]) =>
      selectors.map((s) => {
        const el = document.querySelector(s);
        if (!el?.classList.contains('tile')) return null;
        return (getComputedStyle(el).backgroundColor.match(/\d+/g) ?? []).slice(0, 3).map(Number);
      }),
    regions.map((r) => r.selector),
  )) as (number[] | null)[];
  return regions.flatMap((region, i) => (colours[i] ? [{ region, colour: colours[i] }] : []));
}

/**
 * The boxes the panel draws on its screenshot sit on the real elements: for each tile in the
 * picture, the pixels just inside the four corners of its drawn box are the tile's colour.
 * Returns how many tiles were checked.
 */
async function expectShotBoxesOnTiles(panel: Page, view: Evaluator, record: CritiqueRecord) {
  const shot = record.draft.shot!;
  const inShot = (await tiles(view, record.draft.regions)).filter(
    ({ region: { box } }) => box.y >= shot.area.y && box.y + box.height <= shot.area.y + shot.area.height,
  );
  await panel.getByTestId('annotated-shot').locator('img').waitFor();
  const samples = (await panel.evaluate(
    async (ids: string[]) => {
      const figure = document.querySelector('[data-testid=annotated-shot]')!;
      const img = figure.querySelector('img')!;
      await img.decode();
      const i = img.getBoundingClientRect();
      const sx = img.naturalWidth / i.width;
      const sy = img.naturalHeight / i.height;
      const canvas = new OffscreenCanvas(1, 1);
      const c2d = canvas.getContext('2d', { willReadFrequently: true })!;
      return ids.map((id) => {
        const b = figure.querySelector(`[data-region="${id}"]`)!.getBoundingClientRect();
        // Natural pixels of the drawn box, then 4 CSS px (at least 3 image px) inside each corner.
        const [left, top, right, bottom] = [
          (b.left - i.left) * sx,
          (b.top - i.top) * sy,
          (b.right - i.left) * sx,
          (b.bottom - i.top) * sy,
        ];
        const inset = Math.max(3, 4 * sx);
        return [
          [left + inset, top + inset],
          [right - inset, top + inset],
          [left + inset, bottom - inset],
          [right - inset, bottom - inset],
        ].map(([x, y]) => {
          c2d.clearRect(0, 0, 1, 1);
          c2d.drawImage(img, Math.floor(x!), Math.floor(y!), 1, 1, 0, 0, 1, 1);
          return [...c2d.getImageData(0, 0, 1, 1).data.slice(0, 3)];
        });
      });
    },
    inShot.map((t) => t.region.id),
  )) as number[][][];
  const off = inShot.flatMap(({ region, colour }, i) =>
    samples[i]!.some((px) => px.some((v, k) => Math.abs(v - colour[k]!) > 8))
      ? [`${region.id} "${region.text.slice(0, 30)}": want ${colour}, corners ${JSON.stringify(samples[i])}`]
      : [],
  );
  expect(off, 'screenshot boxes not on their tile').toEqual([]);
  return inShot.length;
}

/** Shows the labels again (after the health check hid them). */
async function showLabels(panel: Page, page: Page, count: number) {
  await setLabelsHidden(panel, page, false);
  await expect.poll(() => labelsOnPage(page)).toBe(count);
  await page.waitForTimeout(100); // a frame for the badges' placement
}

/**
 * The regions hold the page's visible words (counted here from its text nodes, with the same
 * tokenizer), and the largest holds no more than half of them.
 */
async function expectWordsCovered(view: Evaluator, regions: readonly Region[]) {
  const texts = await visibleTexts(view as Page);
  const shown = distinctWords(texts);
  const held = distinctWords(contentRegions(regions).map(regionContent));
  const missing = [...shown].filter((w) => !held.has(w));
  expect(missing, 'visible words in no region').toEqual([]);
  const largest = Math.max(...contentRegions(regions).map((r) => countWords(regionContent(r))));
  expect(largest / countWords(texts.join(' '))).toBeLessThanOrEqual(0.5);
}

/** The one content region whose text is exactly `text`. */
function regionWithText(regions: readonly Region[], text: string): Region {
  const found = regions.filter((r) => r.text === text);
  expect(
    found.map((r) => r.id),
    `one region reading "${text}"`,
  ).toHaveLength(1);
  return found[0]!;
}

describe('transform: scale and CSS zoom', () => {
  const env = withExtension(MOUNTS);

  it.each([
    ['scaled-wrapper.html', 'viewport'],
    ['zoomed-body.html', 'full'],
  ] as const)(
    '%s (%s capture): boxes on the elements, on the page and on the screenshot',
    async (file, mode) => {
      const report = await critiqueWithHealth(env.harness, url(env, `/hostile/${file}`), { modes: [mode] });
      await expectHealthy(env.harness, report);
      const [record] = report.records as [CritiqueRecord];
      expect(record.job.state).toBe('done');
      const { regions } = record.draft;
      const view = await isolatedWorld(env, report.page);
      await expectRegionsOnElements(view, regions);
      expect((await tiles(view, regions)).length).toBe(4);
      expect(await expectShotBoxesOnTiles(report.panel, view, record)).toBeGreaterThanOrEqual(
        mode === 'full' ? 4 : 3,
      );
      // html2canvas draws the page again from its DOM, scale and zoom included: its boxes land too.
      const domId = await startCritique(report.panel, 'dom');
      await jobEnded(report.panel, domId, ['done']);
      const dom = CritiqueRecord.parse(await env.harness.askBackground('getRecord', { jobId: domId }));
      expect(dom.draft.shot!.mode).toBe('dom');
      expect(await expectShotBoxesOnTiles(report.panel, view, dom)).toBeGreaterThanOrEqual(3);
      await showLabels(report.panel, report.page, dom.draft.regions.length);
      await expectLabelsOnElements(view, dom.draft.regions);
      await report.page.screenshot({ path: artifactPath(`hostile-${file.replace('.html', '')}-page.png`) });
      await report.panel.screenshot({ path: artifactPath(`hostile-${file.replace('.html', '')}-panel.png`) });
      await report.panel.close();
      await report.page.close();
    },
    90_000,
  );
});

describe('right-to-left and CJK text', () => {
  const env = withExtension(MOUNTS);

  it('Arabic and Hebrew: regions found, words counted, labels on the elements', async () => {
    const report = await critiqueWithHealth(env.harness, url(env, '/hostile/rtl-arabic-hebrew.html'));
    await expectHealthy(env.harness, report);
    const [record] = report.records as [CritiqueRecord];
    const { regions, extraction } = record.draft;
    const view = await isolatedWorld(env, report.page);
    for (const text of [
      'ملاحظات الميدان',
      'تقرأ هذه الصفحة من اليمين إلى اليسار، والعناوين والأزرار في جهة البداية.',
      'הערות שדה',
      'גם הטקסט העברי נקרא מימין לשמאל, והתוויות צריכות לשבת על האלמנטים עצמם.',
      'إصدار 2026 من Restage متاح الآن للتجربة.',
    ]) {
      // Words are the runs between spaces here: Arabic and Hebrew put spaces between words.
      expect(countWords(regionContent(regionWithText(regions, text)))).toBe(text.split(' ').length);
    }
    expect(extraction!.coverage.share).toBe(1);
    await expectWordsCovered(view, regions);
    await expectRegionsOnElements(view, regions);
    expect(await expectShotBoxesOnTiles(report.panel, view, record)).toBe(4);
    await showLabels(report.panel, report.page, regions.length);
    await expectLabelsOnElements(view, regions);
    await report.page.screenshot({ path: artifactPath('hostile-rtl-page.png') });
    await report.panel.screenshot({ path: artifactPath('hostile-rtl-panel.png') });
    await report.panel.close();
    await report.page.close();
  }, 90_000);

  it('Chinese and Japanese, vertical writing too: regions found, words counted, labels on the elements', async () => {
    const report = await critiqueWithHealth(env.harness, url(env, '/hostile/cjk-chinese-japanese.html'));
    await expectHealthy(env.harness, report);
    const [record] = report.records as [CritiqueRecord];
    const { regions, extraction } = record.draft;
    const view = await isolatedWorld(env, report.page);
    for (const text of [
      '设计评审笔记',
      '这个页面的文字没有空格，每个区域的编号都应该落在对应的元素上。',
      '日本語のセクション',
      'このページには漢字とひらがなとカタカナが混ざっています。ラベルは要素の上に置かれるべきです。',
      '縦書きの見出し',
      '縦書きの段落は右から左へ行が進みます。',
    ]) {
      // Cut into words by the dictionary word breaker: at most four characters a word on average.
      const letters = text.replace(/[，。]/g, '');
      expect(countWords(regionContent(regionWithText(regions, text)))).toBeGreaterThanOrEqual(
        [...letters].length / 4,
      );
    }
    // Counted in the page too: some 150 characters are dozens of distinct words, not a dozen runs.
    expect(extraction!.coverage.pageWords).toBeGreaterThanOrEqual(30);
    // The vertical heading is laid out top to bottom: taller than it is wide.
    const vertical = regionWithText(regions, '縦書きの見出し');
    expect(vertical.box.height).toBeGreaterThan(vertical.box.width * 2);
    expect(extraction!.coverage.share).toBe(1);
    await expectWordsCovered(view, regions);
    await expectRegionsOnElements(view, regions);
    expect(await expectShotBoxesOnTiles(report.panel, view, record)).toBe(3);
    await showLabels(report.panel, report.page, regions.length);
    await expectLabelsOnElements(view, regions);
    await report.page.screenshot({ path: artifactPath('hostile-cjk-page.png') });
    await report.panel.screenshot({ path: artifactPath('hostile-cjk-panel.png') });
    await report.panel.close();
    await report.page.close();
  }, 90_000);
});

describe.each([2, 0.75])('a screen at device pixel ratio %s', (dpr) => {
  // The screen and the page both at the ratio: the flag sets the screen, and the viewport
  // Playwright emulates carries it to the page's devicePixelRatio.
  const env = withExtension(MOUNTS, { args: [`--force-device-scale-factor=${dpr}`], deviceScaleFactor: dpr });

  it('viewport and full page: image at the ratio, boxes on the elements', async () => {
    const report = await critiqueWithHealth(env.harness, url(env, '/hostile/tiles.html'), {
      modes: ['viewport', 'full'],
    });
    await expectHealthy(env.harness, report);
    const { page } = report;
    expect(await page.evaluate(() => devicePixelRatio)).toBe(dpr);
    const height = await page.evaluate(() => document.documentElement.scrollHeight);
    const [viewport, full] = report.records as [CritiqueRecord, CritiqueRecord];
    for (const record of report.records) expect(record.job.state).toBe('done');
    const shots = [viewport.draft.shot!, full.draft.shot!];
    expect(shots.map((s) => [s.width, s.height, s.dpr])).toEqual([
      [Math.round(1280 * dpr), Math.round(800 * dpr), dpr],
      [Math.round(1280 * dpr), Math.round(height * dpr), dpr],
    ]);
    const view = await isolatedWorld(env, page);
    await expectRegionsOnElements(view, full.draft.regions);
    // The panel shows the last critique, the full page: every tile's box on its colour.
    expect(await expectShotBoxesOnTiles(report.panel, view, full)).toBe(4);
    await showLabels(report.panel, page, full.draft.regions.length);
    await expectLabelsOnElements(view, full.draft.regions);
    await report.panel.screenshot({ path: artifactPath(`hostile-dpr-${dpr}-panel.png`) });
    await report.panel.close();
    await page.close();
  }, 120_000);
});

describe('a page 30,000 px tall at device pixel ratio 2', () => {
  const env = withExtension(MOUNTS, { args: ['--force-device-scale-factor=2'], deviceScaleFactor: 2 });

  it('is captured down to the canvas limit, which one plain sentence names', async () => {
    const report = await critiqueWithHealth(env.harness, url(env, '/generated/tall-30000.html'), {
      modes: ['full'],
      probe: false,
      jobTimeout: 90_000,
    });
    await expectHealthy(env.harness, report);
    const [record] = report.records as [CritiqueRecord];
    const height = await report.page.evaluate(() => document.documentElement.scrollHeight);
    const limit = maxStitchHeight(1280, 2);
    expect(limit).toBeLessThan(height);
    const shot = record.draft.shot!;
    expect([record.job.state, shot.area.height, shot.height]).toEqual(['done', limit, limit * 2]);
    expect(shot.notes).toEqual([
      `Truncated at ${limit} px: the page is ${height} px tall, beyond the canvas limit.`,
    ]);
    expect(notPlainSentence(shot.notes[0])).toBeNull();
    await report.panel.close();
    await report.page.close();
  }, 120_000);
});

describe('a page 30,000 px tall, full page', () => {
  const env = withExtension(MOUNTS);

  it('completes, or ends with one plain sentence about the height cap', async () => {
    const report = await critiqueWithHealth(env.harness, url(env, '/generated/tall-30000.html'), {
      modes: ['full'],
      probe: false,
      jobTimeout: 90_000,
    });
    await expectHealthy(env.harness, report);
    const [record] = report.records as [CritiqueRecord];
    expect(record.job.state).toBe('done');
    const height = await report.page.evaluate(() => document.documentElement.scrollHeight);
    expect(height).toBeGreaterThanOrEqual(30_000);
    const shot = record.draft.shot!;
    const capped = shot.notes.filter((n) => n.startsWith('Truncated at'));
    if (shot.area.height < height) expect(capped).toHaveLength(1);
    else expect([shot.area.height, capped]).toEqual([height, []]);
    const view = await isolatedWorld(env, report.page);
    await expectRegionsOnElements(view, record.draft.regions);
    console.log(
      `30,000 px page: ${height} px, image ${shot.width}×${shot.height}, capture ${shot.ms.toFixed(0)} ms, ` +
        `job ${record.job.ms?.toFixed(0)} ms, notes: ${JSON.stringify(shot.notes)}`,
    );
    await report.panel.close();
    await report.page.close();
  }, 180_000);
});

describe('a page that overrides builtins', () => {
  const env = withExtension(MOUNTS);
  const brokenCalls = async (page: Page) =>
    Number(await page.locator('html').getAttribute('data-broken-calls'));

  it('the content script’s isolated world never calls them; a MAIN-world script would', async () => {
    const address = url(env, '/hostile/overridden-builtins.html');
    // Measured from an isolated world of the test's own: the page's main world answers wrongly.
    const baseline = await baselineErrors(env.harness, address, async (page) => {
      await clickProbe(page);
      await clickProbe(page);
    });
    const historyBefore = (await historyRecords(env.harness)).map((r) => r.id);
    const { page, tabId } = await env.harness.openTab(address);
    const log = recordErrors(page);
    const view = await isolatedWorld(env, page);
    const before = await pageState(view as Page);
    const callsBefore = await brokenCalls(page);
    expect(await clickProbe(page)).toBe(1);

    const panel = await env.harness.openPanel(tabId);
    const ids: string[] = [];
    for (const mode of ['viewport', 'full', 'dom'] as const) {
      const id = await startCritique(panel, mode);
      await jobEnded(panel, id);
      ids.push(id);
    }
    const saved = await historyRecords(env.harness);
    const records = ids.map((id) => saved.find((r) => r.id === id)!);
    expect(records.map((r) => [r.mode, r.job.state, r.job.error])).toEqual([
      ['viewport', 'done', null],
      ['full', 'done', null],
      ['dom', 'done', null],
    ]);
    records.forEach(expectEnded);
    // html2canvas rendered the page itself: no fallback to the viewport.
    expect(records.map((r) => r.draft.shot?.mode)).toEqual(['viewport', 'full', 'dom']);
    // Not one call reached the page's replacements: extraction, capture, the mockup's freeze,
    // html2canvas and the overlay all ran in the content script's world.
    expect(await brokenCalls(page)).toBe(callsBefore);
    const last = records.at(-1)!;
    await expectRegionsOnElements(view, last.draft.regions);
    // The panel shows the last critique (html2canvas): every tile's box on its colour.
    expect(await expectShotBoxesOnTiles(panel, view, last)).toBe(3);
    await expectLabelsOnElements(view, last.draft.regions);

    await setLabelsHidden(panel, page);
    expect(differences(before, await pageState(view as Page)), 'the page with the labels hidden').toEqual([]);
    expect(await clickProbe(page)).toBe(2);
    await page.waitForTimeout(300);
    log.stop();
    expect(addedErrors(baseline, log.errors)).toEqual([]);
    await expectHistoryIntact(env.harness, historyBefore, ids, panel);

    // The same read from the page's own world gets the broken answer, and is counted: the
    // replacements are live, so a MAIN-world script of ours would have been fooled.
    const callsNow = await brokenCalls(page);
    const mainWorld = (await env.harness.worker.evaluate(
      (tabId) =>
        (globalThis as unknown as ExtensionGlobal).chrome.scripting
          .executeScript({
            target: { tabId },
            world: 'MAIN',
            func: () => {
              const r = document.querySelector('h1')!.getBoundingClientRect();
              return [r.x, r.y, r.width, r.height];
            },
          })
          .then((results) => results[0]!.result),
      tabId,
    )) as number[];
    expect(mainWorld).toEqual([13, 17, 7, 5]);
    expect(await brokenCalls(page)).toBe(callsNow + 1);
    await panel.close();
    await page.close();
  }, 180_000);
});
