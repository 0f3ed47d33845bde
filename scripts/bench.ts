/**
 * `npm run bench`: speed and memory of the real built extension in real Chromium. Prints a
 * Markdown table and writes it to bench/RESULTS.md (and the raw numbers to bench/results.json).
 * Medians of several runs; ratios compare figures measured in the same run.
 */
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { measure } from '@/utils/core/measure';
import { score } from '@/utils/core/measure/score';
import { checkImageText } from '@/utils/core/ocr/check';
import { toCssPatch } from '@/utils/core/plan/cssPatch';
import { restage } from '@/utils/core/plan/restage';
import { Extraction, MaskRects, PageProbe } from '@/utils/core/schemas/capture';
import { ImageText } from '@/utils/core/schemas/ocr';
import { CritiqueRecord } from '@/utils/core/schemas/record';
import { type Region } from '@/utils/core/schemas/region';
import { contentRegions, regionContent } from '@/utils/core/plan/validate';
import { distinctWords } from '@/utils/core/text/words';
import { visibleTexts } from '@/test/e2e/pageWords';
import { syntheticRegions } from '@/test/fixtures/regions';
import { syntheticPage } from '@/test/fixtures/synthetic';
import { tallPage } from '@/test/fixtures/tall';
import { critiqueOnce, pixelDifference, viewportVsFloor } from '@/scripts/bench/capture';
import { grammarThroughput, visibilityCost } from '@/scripts/bench/cssGuard';
import { exportBench } from '@/scripts/bench/export';
import { historyBench } from '@/scripts/bench/history';
import { mockupBuild, mockupStructures } from '@/scripts/bench/mockup';
import { modelPath } from '@/scripts/bench/model';
import { previewBench } from '@/scripts/bench/preview';
import { siteModeSection } from '@/scripts/bench/site';
import { tallPageBench } from '@/scripts/bench/tall';
import { bundleSection } from '@/scripts/bench/bundle';
import { textImagesBench } from '@/scripts/bench/textImages';
import {
  CORPUS,
  EXTENSION_DIR,
  DEMO_DIR,
  ROOT,
  ensureBuilt,
  launch,
  serve,
  type Harness,
} from '@/scripts/lib/browser';
import { browserRssMb, median } from '@/scripts/lib/stats';

const REPS = Number(process.env.BENCH_REPS ?? 7);
/** `BENCH_ONLY=regions,coverage` runs only those sections, e.g. while working on one of them. */
const ONLY = process.env.BENCH_ONLY?.split(',').map((s) => s.trim());
const runs = (section: string) => !ONLY || ONLY.includes(section);
/** Ten corpus pages spread over the sizes the corpus has (about 15 to 1,000 elements). */
const CORPUS_SAMPLE = readdirSync(`${CORPUS}/pages`)
  .filter((f) => f.endsWith('.html'))
  .sort()
  .filter((_, i) => i % 3 === 0);
const lines: string[] = [];
const raw: Record<string, unknown> = {};
const say = (line = '') => {
  lines.push(line);
  console.log(line);
};

async function regionExtraction(harness: Harness, origin: string) {
  say('## Region extraction vs. the floor');
  say();
  say(
    'Floor: a bare loop calling getBoundingClientRect and getComputedStyle on every element, in the same page.',
  );
  say(
    'Style is invalidated before every run, so both pay the same recalculation. Targets: ≤ 3× the floor at 1,000 elements, ≤ 2× at 10,000 and 50,000.',
  );
  say(
    'The floor runs in the page’s own world; the same loop in the content script’s isolated world (where extraction runs, and where each element it touches needs a wrapper of its own) is shown beside it for reference.',
  );
  say(
    'Beyond the floor’s reads, extraction builds up to 200 regions (a unique selector, the visible text and six style facts each), a fixed cost that weighs most on the smallest page.',
  );
  say();
  say(
    '| elements | floor ms (median) | extract ms (median) | ratio | isolated-world floor ms | ratio to it | regions | omitted | JS heap MB | browser RSS MB |',
  );
  say('|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|');
  for (const size of [1_000, 10_000, 50_000]) {
    const { page, tabId } = await harness.openTab(`${origin}/synthetic-${size}.html`);
    const floors: number[] = [];
    const extracts: number[] = [];
    const isolatedFloors: number[] = [];
    let last: Extraction | null = null;
    for (let i = 0; i < REPS + 1; i++) {
      await page.evaluate(() => document.body.classList.toggle('bench-invalidate'));
      const floor = await page.evaluate(() => {
        const t = performance.now();
        let sink = 0;
        for (const el of document.getElementsByTagName('*')) {
          sink += el.getBoundingClientRect().width;
          sink += getComputedStyle(el).display.length;
        }
        return performance.now() - t + sink * 0;
      });
      await page.evaluate(() => document.body.classList.toggle('bench-invalidate'));
      last = Extraction.parse(await harness.ask(tabId, 'extractRegions', { privateSelectors: [] }));
      if (i === 0) continue; // warm-up
      floors.push(floor);
      extracts.push(last.ms);
    }
    // Measured apart, after: the isolated world's own wrappers and garbage stay out of the runs above.
    for (let i = 0; i < REPS + 1; i++) {
      // The same loop in the extension's isolated world (a string: tsx would wrap a function).
      const isolated = (await harness.worker.evaluate(`chrome.scripting.executeScript({
          target: { tabId: ${tabId} },
          world: 'ISOLATED',
          func: function () {
            const t = performance.now();
            let sink = 0;
            for (const el of document.getElementsByTagName('*')) {
                sink += el.getBoundingClientRect().width;
                sink += getComputedStyle(el).display.length;
            }
            return performance.now() - t + sink * 0;
          },
        }).then((results) => results[0].result)`)) as number;
      if (i > 0) isolatedFloors.push(isolated);
    }
    const cdp = await harness.context.newCDPSession(page);
    await cdp.send('Performance.enable');
    const { metrics } = await cdp.send('Performance.getMetrics');
    const heap = (metrics.find((m) => m.name === 'JSHeapUsedSize')?.value ?? 0) / 2 ** 20;
    const f = median(floors);
    const e = median(extracts);
    const fi = median(isolatedFloors);
    raw[`regions-${size}`] = { floors, extracts, isolatedFloors, heapMb: heap };
    say(
      `| ${last!.elementCount.toLocaleString('en-US')} | ${f.toFixed(1)} | ${e.toFixed(1)} | ${(e / f).toFixed(2)}× | ${fi.toFixed(1)} | ${(e / fi).toFixed(2)}× | ${last!.regions.length} | ${last!.omitted} | ${heap.toFixed(1)} | ${browserRssMb().toFixed(0)} |`,
    );
    await page.close();
  }
  say();
}

async function corpusCoverage(harness: Harness, origin: string) {
  say('## Coverage per corpus page');
  say();
  say(
    'Share of each page’s distinct visible words that fall in some region, the largest region’s share of all its words, and why coverage is short (below 90 %).',
  );
  say();
  say(
    'Cross-check: the same share counted outside extraction, from the page’s visible text nodes and the regions’ own text (test/e2e/pageWords.ts).',
  );
  say();
  say(
    '| page | elements | regions | omitted | page words | coverage | cross-check | largest region | reasons |',
  );
  say('|---|---:|---:|---:|---:|---:|---:|---:|---|');
  const shares: number[] = [];
  for (const file of readdirSync(`${CORPUS}/pages`)
    .filter((f) => f.endsWith('.html'))
    .sort()) {
    const { page, tabId } = await harness.openTab(`${origin}/corpus/${file}`);
    const { regions, omitted, coverage, elementCount } = Extraction.parse(
      await harness.ask(tabId, 'extractRegions', { privateSelectors: [] }),
    );
    shares.push(coverage.share);
    const shown = distinctWords(await visibleTexts(page));
    const held = distinctWords(contentRegions(regions).map(regionContent));
    const cross = shown.size === 0 ? 1 : [...shown].filter((w) => held.has(w)).length / shown.size;
    raw[`coverage-${file}`] = coverage;
    const percent = (n: number) => `${(n * 100).toFixed(1)} %`;
    say(
      `| ${file} | ${elementCount} | ${regions.length} | ${omitted} | ${coverage.pageWords} | ${percent(coverage.share)} | ${percent(cross)} | ${percent(coverage.largestShare)} | ${coverage.reasons.join(', ')} |`,
    );
    await page.close();
  }
  const sorted = [...shares].sort((a, b) => a - b);
  say(
    `| **range** | | | | | **${(sorted[0]! * 100).toFixed(1)}–${(sorted.at(-1)! * 100).toFixed(1)} %** (median ${(median(shares) * 100).toFixed(1)} %) | | | |`,
  );
  say();
}

async function captureModes(harness: Harness, origin: string) {
  say('## Capture vs. its floor');
  say();
  say(
    'Viewport 1280×800 at device pixel ratio 1. Ours: the capture stage as the job runner timed it (overlay out of the picture, privacy masks, PNG). Floor: a bare `tabs.captureVisibleTab` on the same page, from an extension page. Both spaced 650 ms apart so neither waits for the 2-per-second quota. Target: ≤ 2×.',
  );
  say();
  say('| page | floor ms (median) | ours ms (median) | ratio | PNG KB |');
  say('|---|---:|---:|---:|---:|');
  for (const file of ['17636.html', '12980.html', '1492.html']) {
    const { page, tabId } = await harness.openTab(`${origin}/corpus/${file}`);
    const result = await viewportVsFloor(harness, tabId, REPS);
    raw[`capture-viewport-${file}`] = result;
    say(
      `| ${file} | ${result.floor.toFixed(0)} | ${result.ours.toFixed(0)} | ${result.ratio.toFixed(2)}× | ${Math.round(result.bytes / 1024)} |`,
    );
    await page.close();
  }
  say();
  say('### Full page and html2canvas');
  say();
  say(
    'Full page scrolls and stitches, at most 2 captures a second: its lower bound is (frames − 1) × 500 ms. DOM render is html2canvas, which needs no visible tab; fidelity is the mean absolute difference per channel (0–255) from the real stitched pixels.',
  );
  say();
  say('| page | viewports | full page ms | quota bound ms | html2canvas ms | html2canvas fidelity (MAD) |');
  say('|---|---:|---:|---:|---:|---:|');
  for (const file of ['tall-10.html', 'corpus/17636.html', 'corpus/12980.html']) {
    const { page, tabId } = await harness.openTab(`${origin}/${file}`);
    const full = await critiqueOnce(harness, tabId, 'full');
    const dom = await critiqueOnce(harness, tabId, 'dom');
    const fullShot = full.record.draft.shot!;
    const domShot = dom.record.draft.shot!;
    const frames = Math.ceil(fullShot.area.height / 800);
    const fidelity =
      domShot.mode === 'dom'
        ? (await pixelDifference(harness, full.artifacts.shot!, dom.artifacts.shot!)).toFixed(1)
        : `fell back: ${dom.record.draft.notes.join(' ')}`;
    raw[`capture-full-${file}`] = { full: fullShot, dom: domShot, fidelity };
    say(
      `| ${file} | ${frames} | ${fullShot.ms.toFixed(0)} | ${(frames - 1) * 500} | ${domShot.ms.toFixed(0)} | ${fidelity} |`,
    );
    await page.close();
  }
  say();
}

async function privacyMasks(harness: Harness, origin: string) {
  say('## Locating private fields');
  say();
  say(
    'Before every capture (and every full-page frame) the content script finds the private fields, in every shadow root, closed ones included: it asks `chrome.dom.openOrClosedShadowRoot` about every element that can host a root. Timed from here as the round trip of `beforeCapture` (which also waits one painted frame with the overlay hidden), beside the round trip of a bare `ping`; the difference is the cost of the masks.',
  );
  say();
  say('| page | elements | ping ms (median) | beforeCapture ms (median) | difference | masks |');
  say('|---|---:|---:|---:|---:|---:|');
  for (const file of [
    'synthetic-1000.html',
    'synthetic-10000.html',
    'synthetic-50000.html',
    'fixtures/closed-shadow-private.html',
  ]) {
    const { page, tabId } = await harness.openTab(`${origin}/${file}`);
    const pings: number[] = [];
    const masks: number[] = [];
    let found = 0;
    let elements = 0;
    for (let i = 0; i < REPS + 1; i++) {
      let t = performance.now();
      elements = PageProbe.parse(await harness.ask(tabId, 'ping')).elementCount;
      const ping = performance.now() - t;
      t = performance.now();
      found = MaskRects.parse(await harness.ask(tabId, 'beforeCapture', { privateSelectors: [] })).rects
        .length;
      const mask = performance.now() - t;
      await harness.ask(tabId, 'afterCapture');
      if (i === 0) continue;
      pings.push(ping);
      masks.push(mask);
    }
    const [p, m] = [median(pings), median(masks)];
    raw[`masks-${file}`] = { pings, masks, found };
    say(
      `| ${file} | ${elements.toLocaleString('en-US')} | ${p.toFixed(1)} | ${m.toFixed(1)} | ${(m - p).toFixed(1)} | ${found} |`,
    );
    await page.close();
  }
  say();
  say('### A page that keeps growing');
  say();
  say(
    'Full page of an endless feed (test/fixtures/pages/infinite-scroll.html), which appends cards as its end nears: the capture stops at the height the page had when it began, and says how far the page grew.',
  );
  say();
  say('| run | start height px | image height px | frames | full page ms | note |');
  say('|---|---:|---:|---:|---:|---|');
  const { page, tabId } = await harness.openTab(`${origin}/fixtures/infinite-scroll.html`);
  for (const run of [1, 2]) {
    const start = await page.evaluate(() => document.documentElement.scrollHeight);
    const { record } = await critiqueOnce(harness, tabId, 'full');
    const shot = record.draft.shot!;
    const note = shot.notes.find((n) => n.startsWith('The page grew')) ?? '(none)';
    raw[`growing-page-${run}`] = { start, shot };
    say(
      `| ${run} | ${start.toLocaleString('en-US')} | ${shot.area.height.toLocaleString('en-US')} | ${Math.ceil(shot.area.height / 800)} | ${shot.ms.toFixed(0)} | ${note} |`,
    );
  }
  await page.close();
  say();
}

async function firstLabels(harness: Harness, origin: string) {
  say('## First labels and the job runner inside the extension');
  say();
  say(
    'A viewport critique job from the panel’s request: inject if needed, extract regions, measure, capture, then the numbered boxes on the page. First labels: from the job’s start (before the extraction request) until the overlay has laid out its numbered boxes on the page, which the next frame paints. Target for first labels: < 200 ms on the corpus pages, < 100 ms on the synthetic page of 10,000 elements. Runner overhead is the job’s wall time minus the sum of its stages (saves to IndexedDB and events between stages); target ≤ 5 ms per job.',
  );
  say();
  say(
    '| page | elements | regions | first labels ms (median of 5) | regions in page ms | measure ms | runner overhead ms |',
  );
  say('|---|---:|---:|---:|---:|---:|---:|');
  const all: number[] = [];
  const overheads: number[] = [];
  const synthetic = 'synthetic-10000.html';
  for (const file of [...CORPUS_SAMPLE, synthetic]) {
    const { page, tabId } = await harness.openTab(`${origin}/${file === synthetic ? '' : 'corpus/'}${file}`);
    const times: number[] = [];
    const overhead: number[] = [];
    let last: CritiqueRecord | null = null;
    for (let i = 0; i < 6; i++) {
      const { record } = await critiqueOnce(harness, tabId, 'viewport');
      last = record;
      if (i === 0) continue;
      times.push(record.draft.firstLabelsMs ?? NaN);
      const stages = record.job.stages.reduce((sum, s) => sum + (s.ms ?? 0), 0);
      overhead.push(record.job.ms! - stages);
    }
    const elements = await page.evaluate(() => document.getElementsByTagName('*').length);
    const measureMs = last!.job.stages.find((s) => s.name === 'measure')!.ms!;
    const row = `| ${file} | ${elements} | ${last!.draft.regions.length} | ${median(times).toFixed(0)} | ${last!.draft.extraction!.ms.toFixed(1)} | ${measureMs.toFixed(1)} | ${median(overhead).toFixed(1)} |`;
    await page.close();
    if (file === synthetic) {
      raw['first-labels-10k'] = times;
      say(
        `| **median of pages** | | | **${median(all).toFixed(0)}** | | | **${median(overheads).toFixed(1)}** |`,
      );
      say(row);
      break;
    }
    all.push(median(times));
    overheads.push(median(overhead));
    say(row);
  }
  raw['first-labels'] = all;
  raw['runner-overhead'] = overheads;
  say();
}

async function modelOverhead(harness: Harness, origin: string) {
  say('## The model path (fake OpenAI-compatible server)');
  say();
  say(
    'A critique with a planner and an image model configured, against test/fake-openai on 127.0.0.1 through the real `openai` SDK in the worker. Extension overhead: the model-plan and image stages’ time minus the fake server’s own time for their requests (preparing the screenshot and the prompt, streaming, validation, storing the image). Target: ≤ 150 ms. The screenshot is sent downscaled to at most 1,600 image tokens (32 px patches × 1.62); the fake server counts tokens crudely, so its input count is only indicative.',
  );
  say();
  say(
    '| page | mode | overhead ms (median) | model stages ms | server ms | planner request KB | image sent | image tokens (est.) | input tokens (server) | image request KB | OCR ms |',
  );
  say('|---|---|---:|---:|---:|---:|---|---:|---:|---:|---:|');
  const rows = await modelPath(harness, origin, ['/demo/demo.html', '/corpus/17636.html'], Math.min(REPS, 5));
  raw.model = rows;
  for (const r of rows)
    say(
      `| ${r.page} | ${r.mode} | ${r.overheadMs.toFixed(0)} | ${r.modelStagesMs.toFixed(0)} | ${r.serverMs.toFixed(0)} | ${(r.plannerBytes / 1024).toFixed(0)} | ${r.sentImage} | ${r.imageTokensEstimated} | ${r.inputTokensReported} | ${(r.imageBytes / 1024).toFixed(0)} | ${r.ocrMs?.toFixed(0) ?? ''} |`,
    );
  say();
}

async function history(harness: Harness) {
  say('## History in IndexedDB');
  say();
  say(
    'Restage’s store module in an extension page, against the browser’s IndexedDB: 100 critiques written and read back, each a record with 150 regions plus a 180 KB screenshot and a 20 KB mockup as Blobs; listing reads every record in the profile (the other sections’ critiques too).',
  );
  say();
  const result = await historyBench(harness);
  raw.history = result.raw;
  say('| records listed | record KB | write ms (median) | read ms (median) | list all ms |');
  say('|---:|---:|---:|---:|---:|');
  say(
    `| ${result.listed} | ${Math.round(result.bytes / 1024)} | ${result.writeMs.toFixed(1)} | ${result.readMs.toFixed(1)} | ${result.listMs.toFixed(0)} |`,
  );
  say();
}

/** How far down to cut an image at or above `limit` px without cutting a line of text in two. */
function cleanCut(regions: readonly Region[], limit: number): number {
  const texts = regions.filter((r) => r.text);
  const bottoms = texts
    .map((r) => r.box.y + r.box.height)
    .filter((y) => y <= limit && !texts.some((r) => r.box.y < y && r.box.y + r.box.height > y));
  return Math.ceil(Math.max(0, ...bottoms)) + 4;
}

async function ocrPerImage(harness: Harness, origin: string) {
  say('## OCR of an image inside the extension');
  say();
  say(
    'Pages rendered to PNGs 1280 px wide, down to the last whole line of text above 800 px, stand in for generated mockups. Each is read in the offscreen document (bundled tesseract.js: the whole image, then its light-on-dark zones inverted), asked from an extension page through the background. Words: the words of regions inside the image that were found, and the words read that no such region has (text of a region the image cuts is invented here).',
  );
  say();
  const pages = [
    '/fixtures/mockup-text.html',
    '/corpus/17636.html',
    '/corpus/12980.html',
    '/corpus/1492.html',
  ];
  const rows: string[] = [];
  const warm: number[] = [];
  // Earlier sections' critiques read images of text and leave the engine running: start cold.
  await harness.worker.evaluate(
    'chrome.offscreen.hasDocument().then((open) => open && chrome.offscreen.closeDocument())',
  );
  for (const [index, path] of pages.entries()) {
    const { page, tabId } = await harness.openTab(`${origin}${path}`);
    const { regions } = Extraction.parse(
      await harness.ask(tabId, 'extractRegions', { privateSelectors: [] }),
    );
    // Private text is masked in anything that leaves the page; the stand-in image hides it too.
    await page.evaluate(
      (selectors) =>
        selectors.forEach((s) =>
          document.querySelector<HTMLElement>(s)?.style.setProperty('visibility', 'hidden'),
        ),
      regions.filter((r) => r.flags.private && !r.selector.includes('>>>')).map((r) => r.selector),
    );
    const height = cleanCut(regions, 800);
    const shot = await page.screenshot({ clip: { x: 0, y: 0, width: 1280, height } });
    const image = `data:image/png;base64,${shot.toString('base64')}`;
    const inView = regions.filter((r) => r.box.y + r.box.height <= height && r.box.x + r.box.width <= 1280);
    const reads: number[] = [];
    const trips: number[] = [];
    let last: ImageText | null = null;
    for (let i = 0; i < REPS + 1; i++) {
      const t = performance.now();
      last = ImageText.parse(await harness.askBackground('readImageText', { image }));
      const trip = performance.now() - t;
      if (index === 0 && i === 0) {
        raw['ocr-first'] = { ...last, words: last.words.length, trip };
        say(
          `First image, cold: offscreen document ${last.documentStartMs?.toFixed(0)} ms, engine start (worker, core, English model) ${last.workerStartMs?.toFixed(0)} ms, read ${last.recognizeMs.toFixed(0)} ms; ${trip.toFixed(0)} ms in all.`,
        );
        say();
      }
      if (i === 0) continue; // warm-up
      reads.push(last.recognizeMs);
      trips.push(trip);
    }
    const check = checkImageText(inView, last!.words);
    warm.push(median(reads));
    raw[`ocr-${path}`] = {
      height,
      reads,
      trips,
      expected: check.expectedWords,
      found: check.foundWords,
      missing: check.missing,
      invented: check.invented,
    };
    rows.push(
      `| ${path} | 1280×${height} | ${median(reads).toFixed(0)} | ${median(trips).toFixed(0)} | ${check.foundWords}/${check.expectedWords} | ${check.invented.length} |`,
    );
    await page.close();
  }
  say(`| page | image px | read ms (median of ${REPS}, warm) | round trip ms | words found | invented |`);
  say('|---|---:|---:|---:|---:|---:|');
  rows.forEach((row) => say(row));
  say(`| **median of images** | | **${median(warm).toFixed(0)}** | | | |`);
  say();
}

async function imagesOfText(harness: Harness, origin: string) {
  say('## Images of text: contrast from their pixels');
  say();
  say(
    `A viewport critique's \`text-images\` stage as the job runner times it: the image regions cut from the capture, a pixel pre-check on each, OCR (the offscreen document's bundled tesseract.js) on those the pre-check or their alt text picks, at most 6 a page, and the contrast of every word read measured from the pixels. The fixture has a pale and a dark banner (600×120), a photo its alt text sends to OCR, a gradient and a banner below the fold; the corpus pages are the sample above, whose images are all one photo; on a page without images the stage skips itself. Median of ${REPS} critiques after a first one, whose time (the first page's includes starting the OCR engine) is shown apart.`,
  );
  say();
  const pages = ['/fixtures/image-of-text.html', ...CORPUS_SAMPLE.map((f) => `/corpus/${f}`)];
  const rows = await textImagesBench(harness, origin, pages, REPS);
  raw.textImages = rows;
  say(
    '| page | images | read | 1.4.3 failures | 1.4.5 notes | stage ms (median) | ms per image read (median) | first run ms |',
  );
  say('|---|---:|---:|---:|---:|---:|---:|---:|');
  for (const r of rows)
    say(
      `| ${r.page} | ${r.images} | ${r.read} | ${r.failures} | ${r.notes} | ${r.stageMs?.toFixed(0) ?? 'skipped'} | ${r.perImageMs.length > 0 ? median(r.perImageMs).toFixed(0) : ''} | ${r.firstMs?.toFixed(0) ?? ''} |`,
    );
  const perImage = rows.flatMap((r) => r.perImageMs);
  const unread = rows.filter((r) => r.read === 0 && r.stageMs !== null).map((r) => r.stageMs!);
  say(
    `| **median** | | | | | ${unread.length > 0 ? `**${median(unread).toFixed(0)}** (pages with images, none read)` : ''} | **${perImage.length > 0 ? median(perImage).toFixed(0) : '–'}** | |`,
  );
  say();
}

async function livePreview(harness: Harness, origin: string) {
  say('## Live preview, re-measure and verify on the corpus');
  say();
  say(
    `All 30 corpus pages. Apply: the offline plan's CSS patch put on the page (the applyPreview round trip from an extension page, and in brackets the part spent in the page). Re-measure: extract the previewed page's regions, measure and score them. Verify: match regions and findings against the critique before and check the plan's intents (pure). Medians of ${REPS} runs after a warm-up; the preview is reverted after each run.`,
  );
  say();
  const files = readdirSync(`${CORPUS}/pages`)
    .filter((f) => f.endsWith('.html'))
    .sort();
  const rows = await previewBench(harness, origin, files, REPS);
  raw.preview = rows;
  say(
    '| page | regions | patched | apply ms (in page) | re-extract + measure ms | verify ms | score before | after | delta | resolved / still / new | intents met |',
  );
  say('|---|---:|---:|---:|---:|---:|---:|---:|---:|---|---:|');
  for (const r of rows) {
    const delta = r.after - r.before;
    say(
      `| ${r.file} | ${r.regions} | ${r.patched} | ${r.applyMs.toFixed(1)} (${r.applyInPageMs.toFixed(1)}) | ${r.remeasureMs.toFixed(1)} | ${r.verifyMs.toFixed(2)} | ${r.before} | ${r.after} | ${delta > 0 ? '+' : ''}${delta} | ${r.resolved} / ${r.still} / ${r.new} | ${r.intentsMet}/${r.intents}${r.unmet.length > 0 ? ` (not ${r.unmet.join(', ')})` : ''} |`,
    );
  }
  const deltas = rows.map((r) => r.after - r.before);
  say(
    `| **median** | | | **${median(rows.map((r) => r.applyMs)).toFixed(1)}** (${median(rows.map((r) => r.applyInPageMs)).toFixed(1)}) | **${median(rows.map((r) => r.remeasureMs)).toFixed(1)}** | **${median(rows.map((r) => r.verifyMs)).toFixed(2)}** | ${median(rows.map((r) => r.before))} | ${median(rows.map((r) => r.after))} | **${median(deltas)}** | | |`,
  );
  say();
  say(
    `Score before → after: up on ${deltas.filter((d) => d > 0).length} of ${rows.length} pages, equal on ${deltas.filter((d) => d === 0).length}, down on ${deltas.filter((d) => d < 0).length}; median delta ${median(deltas)}.`,
  );
  say();
}

async function visibilityCheck(harness: Harness, origin: string) {
  say('## Visibility check after a preview');
  say();
  say(
    `A synthetic page with 1,000 regions (cards and their parts), each patched with one declaration, so every region is checked before and after the sheet goes on. Selectors are ids, so the figures are the preview's and the check's, not the selector engine's. Apply: all the preview does in the page; check: the part spent on the visibility check (both passes, before and after the sheet; the style and layout the sheet itself causes are the preview's and not counted here). Medians of ${REPS} runs after a warm-up. Target: ≤ 20 ms at 1,000 regions.`,
  );
  say();
  const row = await visibilityCost(harness, `${origin}/synthetic-10000.html`, REPS);
  raw.visibility = row;
  say('| regions checked | apply ms (in page) | check ms | hidden |');
  say('|---:|---:|---:|---:|');
  say(
    `| ${row.regions.toLocaleString('en-US')} | ${row.applyMs.toFixed(1)} | ${row.checkMs.toFixed(1)} | ${row.hidden} |`,
  );
  say();
}

function cssGrammar() {
  say('## CSS grammar and sanitizePatch (pure functions, Node)');
  say();
  say(
    'The offline plan’s patch of a 1,000-region page: every declaration through the grammar alone, then the whole patch through sanitizePatch (grammar and floors). Medians of 21 runs after a warm-up.',
  );
  say();
  const row = grammarThroughput();
  raw.grammar = row;
  const rate = (ms: number) => (ms > 0 ? (row.declarations / ms).toFixed(0) : '∞');
  say('| regions | declarations | grammar ms | declarations / ms | sanitizePatch ms | declarations / ms |');
  say('|---:|---:|---:|---:|---:|---:|');
  say(
    `| ${row.regions.toLocaleString('en-US')} | ${row.declarations} | ${row.grammarMs.toFixed(2)} | ${rate(row.grammarMs)} | ${row.sanitizeMs.toFixed(2)} | ${rate(row.sanitizeMs)} |`,
  );
  say();
}

function measureAndRestage() {
  say('## Measure + restage (pure functions, Node)');
  say();
  say(
    'All measures, the score, the blueprint, the CSS patch and the same-content check. Target: ≤ 30 ms at 1,000 regions.',
  );
  say();
  say('| regions | findings | ms (median of 21) |');
  say('|---:|---:|---:|');
  for (const count of [200, 1_000]) {
    const regions = syntheticRegions(count);
    const viewport = { width: 1280, height: 800 };
    const times: number[] = [];
    let findings = 0;
    for (let i = 0; i < 22; i++) {
      const t = performance.now();
      const found = measure(regions, viewport);
      score(found);
      const { blueprint } = restage(regions, found, viewport);
      toCssPatch(blueprint, regions);
      if (i > 0) times.push(performance.now() - t);
      findings = found.length;
    }
    raw[`measure-${count}`] = times;
    say(`| ${count.toLocaleString('en-US')} | ${findings} | ${median(times).toFixed(1)} |`);
  }
  say();
}

function cliEndToEnd() {
  say('## Critique CLI end to end');
  say();
  say(
    '`npm run critique -- <corpus file>`, one process per run: build check, browser start, critique, artifacts written.',
  );
  say();
  say('| page | process s | browser start s | critique s |');
  say('|---|---:|---:|---:|');
  const processes: number[] = [];
  const starts: number[] = [];
  const critiques: number[] = [];
  for (const file of CORPUS_SAMPLE) {
    const out = mkdtempSync(join(tmpdir(), 'restage-bench-cli-'));
    const t = performance.now();
    const run = spawnSync('npx', ['tsx', 'scripts/critique.ts', `${CORPUS}/pages/${file}`, '--out', out], {
      cwd: ROOT,
      encoding: 'utf8',
    });
    const seconds = (performance.now() - t) / 1000;
    const match = /browser start ([\d.]+) s · critique ([\d.]+) s/.exec(run.stdout);
    if (run.status !== 0 || !match) throw new Error(`critique CLI failed on ${file}: ${run.stderr}`);
    processes.push(seconds);
    starts.push(Number(match[1]));
    critiques.push(Number(match[2]));
    say(`| ${file} | ${seconds.toFixed(2)} | ${match[1]} | ${match[2]} |`);
  }
  raw.cli = { processes, starts, critiques };
  say(
    `| **median** | **${median(processes).toFixed(2)}** | **${median(starts).toFixed(2)}** | **${median(critiques).toFixed(2)}** |`,
  );
  say();
}

async function mockup(harness: Harness, origin: string) {
  say('## HTML mockup: build time, size, and the structure it keeps');
  say();
  say(
    `Build: the render stage as the job runner times it (freeze the page in the content script, fetch and embed its images, lay it out in the offscreen document and measure it), on a synthetic page of 10,000 elements cut to 200 regions; the freeze alone in brackets. Medians of ${REPS} critiques after a warm-up.`,
  );
  say();
  const build = await mockupBuild(harness, `${origin}/synthetic-10000.html`, REPS);
  raw.mockupBuild = build;
  say('| regions | render stage ms (median) | freeze ms (median) | mockup KB |');
  say('|---:|---:|---:|---:|');
  say(
    `| ${build.regions} | ${build.renderMs.toFixed(0)} | ${build.freezeMs.toFixed(0)} | ${build.kb.toFixed(0)} |`,
  );
  say();
  say(
    'Structure, all 30 corpus pages (utils/core/render/structure.ts): side-by-side pairs of content regions on the page kept side by side in the mockup, the mockup’s height over the page’s at the same width, and pairs put out of reading order. Frozen: the mockup as shipped. One column: the mockup it replaced, drawn from the same plan and laid out at the same width. Bounds for the content check: pairs ≥ 95 %, height within 1.3×, order kept.',
  );
  say();
  const files = readdirSync(`${CORPUS}/pages`)
    .filter((f) => f.endsWith('.html'))
    .sort();
  const rows = await mockupStructures(harness, origin, files);
  raw.mockupStructure = rows;
  say(
    '| page | frozen: pairs kept | frozen: height ratio | frozen: out of order | one column: pairs kept | one column: height ratio |',
  );
  say('|---|---:|---:|---:|---:|---:|');
  const share = (s: { pairs: number; pairsKept: number }) => (s.pairs === 0 ? 1 : s.pairsKept / s.pairs);
  for (const { file, frozen, linear } of rows)
    say(
      `| ${file} | ${frozen.pairsKept}/${frozen.pairs} | ${frozen.heightRatio.toFixed(2)} | ${frozen.outOfOrder} | ${linear.pairsKept}/${linear.pairs} | ${linear.heightRatio.toFixed(2)} |`,
    );
  const sum = (pick: (r: (typeof rows)[number]) => number) => rows.reduce((n, r) => n + pick(r), 0);
  say(
    `| **all pages** | **${sum((r) => r.frozen.pairsKept)}/${sum((r) => r.frozen.pairs)}** | **${median(rows.map((r) => r.frozen.heightRatio)).toFixed(2)}** (median) | **${sum((r) => r.frozen.outOfOrder)}** | **${sum((r) => r.linear.pairsKept)}/${sum((r) => r.linear.pairs)}** | **${median(rows.map((r) => r.linear.heightRatio)).toFixed(2)}** (median) |`,
  );
  say(
    `Pages within all three bounds: frozen ${rows.filter((r) => share(r.frozen) >= 0.95 && r.frozen.heightRatio <= 1.3 && r.frozen.heightRatio >= 1 / 1.3 && r.frozen.outOfOrder === 0).length} of ${rows.length}; one column ${rows.filter((r) => share(r.linear) >= 0.95 && r.linear.heightRatio <= 1.3 && r.linear.heightRatio >= 1 / 1.3 && r.linear.outOfOrder === 0).length} of ${rows.length}.`,
  );
  say();
}

async function exportReport(harness: Harness, origin: string) {
  say('## Export: the self-contained report');
  say();
  say(
    `Full-page critiques, offline. CLI: renderReport with the capture, annotated.png and mockup.png (the browser's screenshot of the mockup) as data URLs, in Node; the screenshot itself is not timed. Panel: **Download report**, from the click to the download event (pictures read from IndexedDB, the mockup drawn with html2canvas, all encoded, report built, file saved). Texts: Markdown, issue and CSS together. Medians of ${REPS} after a warm-up.`,
  );
  say();
  say(
    '| page | regions | findings | capture height px | CLI build ms | report KB | panel ms | panel KB | texts ms |',
  );
  say('|---|---:|---:|---:|---:|---:|---:|---:|---:|');
  const rows = [];
  for (const path of ['/demo/demo.html', '/corpus/17636.html', '/corpus/12980.html', '/tall-10.html']) {
    const r = await exportBench(harness, `${origin}${path}`, REPS);
    rows.push(r);
    say(
      `| ${r.page} | ${r.regions} | ${r.findings} | ${r.shotHeight} | ${r.reportMs.toFixed(1)} | ${r.reportKb.toFixed(0)} | ${r.panelMs.toFixed(0)} | ${r.panelKb.toFixed(0)} | ${r.textsMs.toFixed(1)} |`,
    );
  }
  raw.export = rows;
  say();
}

async function main() {
  // Always from a fresh production build: a stale or development build would measure other code.
  ensureBuilt(true);
  const generated = mkdtempSync(join(tmpdir(), 'restage-bench-'));
  for (const size of [1_000, 10_000, 50_000])
    writeFileSync(join(generated, `synthetic-${size}.html`), syntheticPage(size));
  writeFileSync(join(generated, 'tall-10.html'), tallPage(10));
  const server = await serve({
    '/corpus': `${CORPUS}/pages`,
    '/fixtures': join(ROOT, 'test/fixtures/pages'),
    '/demo': DEMO_DIR,
    '/': generated,
  });
  const started = performance.now();
  const harness = await launch();
  const startMs = performance.now() - started;
  try {
    say(`# Restage benchmarks`);
    say();
    say(
      `Chromium with the built extension, headless, 1280×800; ${REPS} runs per figure after a warm-up unless noted. Browser start: ${startMs.toFixed(0)} ms.`,
    );
    say();
    if (runs('regions')) await regionExtraction(harness, server.origin);
    if (runs('coverage')) await corpusCoverage(harness, server.origin);
    if (runs('capture')) await captureModes(harness, server.origin);
    if (runs('masks')) await privacyMasks(harness, server.origin);
    if (runs('labels')) await firstLabels(harness, server.origin);
    if (runs('history')) await history(harness);
    // OCR first: its first image is the cold start (the model section also reads images).
    if (runs('ocr')) await ocrPerImage(harness, server.origin);
    if (runs('model')) await modelOverhead(harness, server.origin);
    if (runs('textimg')) await imagesOfText(harness, server.origin);
    if (runs('preview')) await livePreview(harness, server.origin);
    if (runs('visibility')) await visibilityCheck(harness, server.origin);
    if (runs('mockup')) await mockup(harness, server.origin);
    if (runs('export')) await exportReport(harness, server.origin);
  } finally {
    await harness.close();
    await server.close();
  }
  if (runs('measure')) measureAndRestage();
  if (runs('grammar')) cssGrammar();
  // A browser of its own, so that its memory is this page's alone; 3 runs of about 20 s each.
  if (runs('tall')) await tallPageBench(say, raw, Math.min(REPS, 3));
  if (runs('cli')) cliEndToEnd();
  if (runs('site')) siteModeSection(say, raw, CORPUS_SAMPLE);
  if (runs('bundle')) bundleSection(say, raw, EXTENSION_DIR);
  // A partial run (BENCH_ONLY) prints its sections without replacing the full table.
  if (ONLY) return;
  mkdirSync(join(ROOT, 'bench'), { recursive: true });
  writeFileSync(join(ROOT, 'bench/RESULTS.md'), `${lines.join('\n')}\n`);
  writeFileSync(join(ROOT, 'bench/results.json'), `${JSON.stringify(raw, null, 2)}\n`);
}

main().catch((error) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
