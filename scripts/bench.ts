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
import { measure } from '../utils/measure';
import { score } from '../utils/measure/score';
import { CritiqueRun } from '../utils/messaging';
import { toCssPatch } from '../utils/plan/cssPatch';
import { restage } from '../utils/plan/restage';
import { Extraction, Shot } from '../utils/schemas';
import { syntheticRegions } from '../test/fixtures/regions';
import { syntheticPage } from '../test/fixtures/synthetic';
import { CORPUS, ROOT, ensureBuilt, launch, serve, type Harness } from './lib/browser';
import { browserRssMb, median } from './lib/stats';

const REPS = Number(process.env.BENCH_REPS ?? 7);
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
  say('Style is invalidated before every run, so both pay the same recalculation. Target: ≤ 1.5× the floor.');
  say();
  say(
    '| elements | floor ms (median) | extract ms (median) | ratio | regions | omitted | JS heap MB | browser RSS MB |',
  );
  say('|---:|---:|---:|---:|---:|---:|---:|---:|');
  for (const size of [1_000, 10_000, 50_000]) {
    const { page, tabId } = await harness.openTab(`${origin}/synthetic-${size}.html`);
    const floors: number[] = [];
    const extracts: number[] = [];
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
    const cdp = await harness.context.newCDPSession(page);
    await cdp.send('Performance.enable');
    const { metrics } = await cdp.send('Performance.getMetrics');
    const heap = (metrics.find((m) => m.name === 'JSHeapUsedSize')?.value ?? 0) / 2 ** 20;
    const f = median(floors);
    const e = median(extracts);
    raw[`regions-${size}`] = { floors, extracts, heapMb: heap };
    say(
      `| ${last!.elementCount.toLocaleString('en-US')} | ${f.toFixed(1)} | ${e.toFixed(1)} | ${(e / f).toFixed(2)}× | ${last!.regions.length} | ${last!.omitted} | ${heap.toFixed(1)} | ${browserRssMb().toFixed(0)} |`,
    );
    await page.close();
  }
  say();
}

async function captureModes(harness: Harness, origin: string) {
  say('## Capture modes');
  say();
  say(
    'Viewport 1280×800 at device pixel ratio 1. Full page scrolls and stitches (≥ 500 ms between captures, the browser quota).',
  );
  say(
    'Fidelity: mean absolute difference per channel (0–255) between the html2canvas render and the real viewport pixels, top of the page.',
  );
  say();
  say('| page | mode | ms (median) | image px | KB | viewports | html2canvas fidelity (MAD) |');
  say('|---|---|---:|---:|---:|---:|---:|');
  for (const file of ['17636.html', '12980.html', '1492.html']) {
    const { page, tabId } = await harness.openTab(`${origin}/corpus/${file}`);
    const panel = await harness.openPanel(tabId);
    const shots: Partial<Record<string, Shot>> = {};
    for (const mode of ['viewport', 'full', 'dom'] as const) {
      const times: number[] = [];
      const reps = mode === 'full' ? 3 : 5;
      for (let i = 0; i < reps; i++) {
        const reply = (await harness.askBackground('critiqueTab', { tabId, mode })) as { shot: unknown };
        const shot = Shot.parse(reply.shot);
        times.push(shot.ms);
        shots[mode] = shot;
      }
      const shot = shots[mode]!;
      const viewports = mode === 'full' ? Math.ceil(shot.area.height / 800) : 1;
      let fidelity = '';
      if (mode === 'dom' && shot.mode === 'dom') {
        const mad = await panel.evaluate(
          async ({ a, b }) => {
            const pixels: Uint8ClampedArray[] = [];
            for (const src of [a, b]) {
              const img = new Image();
              img.src = src;
              await img.decode();
              const c = new OffscreenCanvas(1280, 800);
              c.getContext('2d')!.drawImage(img, 0, 0);
              pixels.push(c.getContext('2d')!.getImageData(0, 0, 1280, 800).data);
            }
            const [x, y] = pixels as [Uint8ClampedArray, Uint8ClampedArray];
            let sum = 0;
            for (let i = 0; i < x.length; i += 4) {
              sum +=
                Math.abs(x[i]! - y[i]!) + Math.abs(x[i + 1]! - y[i + 1]!) + Math.abs(x[i + 2]! - y[i + 2]!);
            }
            return sum / ((x.length / 4) * 3);
          },
          { a: shots.viewport!.dataUrl, b: shot.dataUrl },
        );
        fidelity = mad.toFixed(1);
      }
      raw[`capture-${file}-${mode}`] = {
        times,
        width: shot.width,
        height: shot.height,
        bytes: shot.bytes,
        fidelity,
      };
      say(
        `| ${file} | ${shot.mode}${shot.mode !== mode ? ` (fallback from ${mode})` : ''} | ${median(times).toFixed(0)} | ${shot.width}×${shot.height} | ${Math.round(shot.bytes / 1024)} | ${viewports} | ${fidelity} |`,
      );
    }
    await panel.close();
    await page.close();
  }
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

async function firstLabels(harness: Harness, origin: string) {
  say('## First labels and findings inside the extension');
  say();
  say(
    'From the panel’s request to numbered boxes drawn on the page: inject if needed, extract regions, measure, draw the overlay (the screenshot follows). Target: < 200 ms.',
  );
  say();
  say('| page | elements | regions | first labels ms (median of 5) | regions in page ms | measure ms |');
  say('|---|---:|---:|---:|---:|---:|');
  const all: number[] = [];
  for (const file of CORPUS_SAMPLE) {
    const { page, tabId } = await harness.openTab(`${origin}/corpus/${file}`);
    const times: number[] = [];
    let run: CritiqueRun | null = null;
    for (let i = 0; i < 6; i++) {
      run = CritiqueRun.parse(await harness.askBackground('critiqueTab', { tabId, mode: 'viewport' }));
      if (i > 0) times.push(run.firstLabelsMs);
    }
    const elements = await page.evaluate(() => document.getElementsByTagName('*').length);
    all.push(median(times));
    say(
      `| ${file} | ${elements} | ${run!.critique.regions.length} | ${median(times).toFixed(0)} | ${run!.inPageRegionsMs.toFixed(1)} | ${run!.critique.timings.measureMs.toFixed(1)} |`,
    );
    await page.close();
  }
  raw['first-labels'] = all;
  say(`| **median of pages** | | | **${median(all).toFixed(0)}** | | |`);
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

async function main() {
  ensureBuilt(process.argv.includes('--rebuild'));
  const generated = mkdtempSync(join(tmpdir(), 'restage-bench-'));
  for (const size of [1_000, 10_000, 50_000])
    writeFileSync(join(generated, `synthetic-${size}.html`), syntheticPage(size));
  const server = await serve({ '/corpus': `${CORPUS}/pages`, '/': generated });
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
    await regionExtraction(harness, server.origin);
    await captureModes(harness, server.origin);
    await firstLabels(harness, server.origin);
  } finally {
    await harness.close();
    await server.close();
  }
  measureAndRestage();
  cliEndToEnd();
  mkdirSync(join(ROOT, 'bench'), { recursive: true });
  writeFileSync(join(ROOT, 'bench/RESULTS.md'), `${lines.join('\n')}\n`);
  writeFileSync(join(ROOT, 'bench/results.json'), `${JSON.stringify(raw, null, 2)}\n`);
}

main().catch((error) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
