/**
 * The critique CLI, the main job: `npm run critique -- [url|file] [--out DIR] [--full-page]
 * [--width 1280] [--height 800] [--request "text"]`. With no page it critiques Restage's own
 * demo page (scripts/demo/demo.html), so it runs on a fresh clone. It drives the real built
 * extension in real Chromium and runs the same job the side panel runs, through the extension.
 * Exit codes: 0 done, 1 failed, 2 bad input, 3 no Chromium.
 */
import { existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { z } from 'zod';
import { readCritiqueJson } from '../utils/history/migrate';
import { contentCheckLine } from '../utils/plan/validate';
import { toCritique } from '../utils/jobs/record';
import { findingLine, renderReport } from '../utils/report/report';
import { topFindings } from '../utils/report/topFindings';
import { describeModelSettings, settingsFromEnv } from '../utils/model/config';
import { CritiqueRecord, JobEvent, type Critique, type Settings } from '../utils/schemas';
import { critiquable } from '../utils/tabs/critiquable';
import { parseFormats, writeFormats } from './exportFormats';
import { matchedScoreLine, regionCountLine } from '../utils/verify/lines';
import {
  DEMO_DIR,
  NoChromiumError,
  ensureBuilt,
  findChromium,
  launch,
  serve,
  type ExtensionGlobal,
} from './lib/browser';

class InputError extends Error {}

const USAGE =
  'Usage: npm run critique -- [url|file] [--out DIR] [--full-page] [--width 1280] [--height 800] [--request "text"] [--preview] [--against critique.json] [--model NAME] [--image-model NAME] [--no-image] [--offline] [--format md|issue]';

/** Restage's own page with a deliberately weak hierarchy: what a bare `npm run critique` critiques. */
export const DEMO_PAGE = join(DEMO_DIR, 'demo.html');

function parse() {
  try {
    return parseArgs({
      allowPositionals: true,
      options: {
        out: { type: 'string', default: 'restage-report' },
        'full-page': { type: 'boolean', default: false },
        width: { type: 'string', default: '1280' },
        height: { type: 'string', default: '800' },
        request: { type: 'string' },
        model: { type: 'string' },
        'image-model': { type: 'string' },
        'no-image': { type: 'boolean', default: false },
        offline: { type: 'boolean', default: false },
        preview: { type: 'boolean', default: false },
        against: { type: 'string' },
        format: { type: 'string', multiple: true, default: [] },
      },
    });
  } catch (error) {
    throw new InputError(`${(error as Error).message}\n${USAGE}`);
  }
}

function options() {
  const { values, positionals } = parse();
  const target = positionals[0] ?? DEMO_PAGE;
  if (positionals.length > 1) throw new InputError(USAGE);
  const width = Number(values.width);
  const height = Number(values.height);
  if (
    !Number.isInteger(width) ||
    !Number.isInteger(height) ||
    width < 320 ||
    height < 240 ||
    width > 3840 ||
    height > 2160
  ) {
    throw new InputError('--width and --height must be whole numbers from 320×240 to 3840×2160.');
  }
  const formats = parseFormats(values.format);
  if ('unknown' in formats)
    throw new InputError(`--format takes md or issue (or both, md,issue), not "${formats.unknown}".`);
  let model: Settings | null;
  try {
    model = settingsFromEnv(process.env, {
      model: values.model,
      imageModel: values['image-model'],
      noImage: values['no-image'],
      offline: values.offline,
    });
  } catch {
    throw new InputError('OPENAI_BASE_URL must be an http(s) URL, and --model and --image-model names.');
  }
  return {
    target,
    preview: values.preview,
    against: values.against === undefined ? null : earlierCritique(values.against),
    out: resolve(values.out),
    fullPage: values['full-page'],
    width,
    height,
    request: values.request,
    model,
    formats,
  };
}

/** The earlier critique.json of `--against` (this version's or 0.1.0's), or a plain refusal. */
function earlierCritique(path: string): Critique {
  const file = resolve(path);
  if (!existsSync(file)) throw new InputError(`No such file: ${file}.`);
  try {
    return readCritiqueJson(JSON.parse(readFileSync(file, 'utf8')));
  } catch {
    throw new InputError(`${file} is not a critique.json written by Restage.`);
  }
}

/** A URL to open: files are served from their folder on 127.0.0.1, URLs are checked first. */
async function resolveTarget(target: string): Promise<{ url: string; close?: () => Promise<void> }> {
  if (/^[a-z][a-z0-9+.-]*:/i.test(target) && !/^[a-z]:\\/i.test(target)) {
    const verdict = critiquable(target);
    if (!verdict.ok) throw new InputError(verdict.reason);
    try {
      const response = await fetch(target, { signal: AbortSignal.timeout(15_000) });
      if (response.status >= 400) throw new InputError(`${target} answered HTTP ${response.status}.`);
    } catch (error) {
      if (error instanceof InputError) throw error;
      throw new InputError(
        `Could not reach ${target}: ${(error as Error).cause ?? (error as Error).message}.`,
      );
    }
    return { url: target };
  }
  const file = resolve(target);
  if (!existsSync(file) || !statSync(file).isFile()) throw new InputError(`No such file: ${file}.`);
  const server = await serve({ '/': dirname(file) });
  return { url: `${server.origin}/${encodeURIComponent(basename(file))}`, close: server.close };
}

async function main(): Promise<number> {
  const opts = options();
  findChromium();
  const target = await resolveTarget(opts.target);
  ensureBuilt();
  const launched = performance.now();
  const harness = await launch({ width: opts.width, height: opts.height });
  const browserStartMs = performance.now() - launched;
  try {
    const started = performance.now();
    const { tabId } = await harness.openTab(target.url);
    if (opts.model) {
      // In memory only (session storage): the key is never written to disk or printed.
      const page = await harness.extensionPage();
      await page.evaluate(
        (settings) => (globalThis as unknown as ExtensionGlobal).chrome.storage.session.set({ settings }),
        opts.model,
      );
      console.log(`Model: ${describeModelSettings(opts.model)}`);
    }
    const mode = opts.fullPage ? 'full' : 'viewport';
    // --against: the earlier critique goes into the extension's history, and this one is checked against it.
    const against = opts.against
      ? z.string().parse(await harness.askBackground('importCritique', { critique: opts.against }))
      : null;
    const { record: raw, artifacts } = await harness.runJob(
      { tabId, mode, request: opts.request, against },
      showProgress,
    );
    const record = CritiqueRecord.parse(raw);
    let critique = toCritique(record);
    mkdirSync(opts.out, { recursive: true });
    const written = ['critique.json'];
    // The report embeds every picture of the run: the capture, annotated.png, after.png, the
    // generated image and the mockup's screenshot.
    const dataUrl = (png: Buffer | undefined) =>
      png ? `data:image/png;base64,${png.toString('base64')}` : undefined;
    let after: Buffer | undefined;
    // --preview: the plan goes on the page, and the previewed page is captured and verified.
    if (opts.preview && record.job.state === 'done') {
      const checked = await harness.runJob(
        { tabId, check: { against: record.id, preview: true } },
        showProgress,
      );
      const check = CritiqueRecord.parse(checked.record);
      critique = { ...critique, verify: check.draft.verify };
      after = checked.artifacts.shot;
      if (after) {
        writeFileSync(join(opts.out, 'after.png'), after);
        written.push('after.png');
      }
      if (check.job.error) critique.errors.push(`Preview: ${check.job.error}`);
    }
    writeFileSync(join(opts.out, 'critique.json'), `${JSON.stringify(critique, null, 2)}\n`);
    if (artifacts.image) {
      writeFileSync(join(opts.out, 'image.png'), artifacts.image);
      written.push('image.png (generated: a plan to check, not a fact)');
    }
    if (artifacts.annotated) {
      writeFileSync(join(opts.out, 'annotated.png'), artifacts.annotated);
      written.push('annotated.png');
    }
    let mockupPng: Buffer | undefined;
    if (artifacts.mockup) {
      const mockupHtml = artifacts.mockup.toString('utf8');
      writeFileSync(join(opts.out, 'mockup.html'), mockupHtml);
      const writer = await harness.context.newPage();
      await writer.setViewportSize({ width: opts.width, height: opts.height });
      await writer.setContent(mockupHtml);
      mockupPng = await writer.screenshot({ path: join(opts.out, 'mockup.png'), fullPage: true });
      await writer.close();
      written.push('mockup.html', 'mockup.png');
    }
    writeFileSync(
      join(opts.out, 'report.html'),
      renderReport({
        critique,
        images: {
          annotated: dataUrl(artifacts.annotated),
          before: dataUrl(artifacts.shot),
          after: dataUrl(after),
          generated: dataUrl(artifacts.image),
          mockup: dataUrl(mockupPng),
        },
        mockupFile: artifacts.mockup ? 'mockup.html' : undefined,
      }),
    );
    written.push('report.html');
    written.push(
      ...writeFormats(opts.formats, critique, opts.out, { annotated: Boolean(artifacts.annotated) }),
    );
    const critiqueSeconds = (performance.now() - started) / 1000;
    const check = critique.contentCheck;
    console.log(
      `Restage critique of ${critique.url}\n` +
        `  ${record.job.state} · engine ${critique.engine} · score ${critique.score ? Math.round(critique.score.value) : '–'}/100 · ${critique.findings.length} findings · ${critique.regions.length} regions\n` +
        topFindings(critique.findings)
          .map((f) => `  - ${findingLine(f)}\n`)
          .join('') +
        modelLines(critique) +
        `  content check: ${check ? contentCheckLine(check) : 'no plan'}\n` +
        coverageLine(critique) +
        verifyLine(critique) +
        `  browser start ${(browserStartMs / 1000).toFixed(2)} s · critique ${critiqueSeconds.toFixed(2)} s (first labels ${Math.round(record.draft.firstLabelsMs ?? 0)} ms)\n` +
        `  wrote ${written.join(', ')} to ${opts.out}`,
    );
    for (const error of critique.errors) console.error(`  error: ${error}`);
    return record.job.state === 'done' ? 0 : 1;
  } finally {
    await harness.close();
    await target.close?.();
  }
}

/** The share of the page's words the regions hold, and the largest region's share. */
function coverageLine({ coverage }: Critique): string {
  if (!coverage) return '';
  const pct = (share: number) => `${Math.round(share * 100)} %`;
  return `  coverage: ${pct(coverage.share)} of ${coverage.pageWords.toLocaleString('en-US')} distinct words · largest region ${pct(coverage.largestShare)}\n`;
}

/** Verification, when there was one: the score before → after and the findings' fate. */
function verifyLine(critique: Critique): string {
  const { verify } = critique;
  if (!verify) return '';
  const met = verify.intents.filter((i) => i.met).length;
  const same = verify.scoreAfterMatched === undefined ? '' : ` · ${matchedScoreLine(verify)}`;
  return `  verify: score ${Math.round(verify.scoreBefore)} → ${Math.round(verify.scoreAfter)} · ${verify.resolved.length} resolved, ${verify.still.length} still, ${verify.new.length} new, ${verify.gone.length} gone, ${verify.notRechecked.length} not re-checked${same} · ${regionCountLine(verify.matched)} · ${met}/${verify.intents.length} intents met\n`;
}

/** What the model stages did, in plain lines (nothing when the critique ran offline). */
function modelLines(critique: Critique): string {
  const lines: string[] = [];
  const { planner, imageRun, imageCheck } = critique;
  if (planner) {
    const cost = `estimated $${planner.estimate.usd.toFixed(4)}, billed $${planner.costUsd.toFixed(4)}`;
    lines.push(
      planner.status === 'model'
        ? `planner ${planner.model}: plan used${planner.repaired ? ' after one repair' : ''} · ${planner.usage.inputTokens} input tokens · ${cost}`
        : `planner ${planner.model}: ${planner.note}`,
    );
  }
  if (imageRun)
    lines.push(
      imageRun.status === 'done'
        ? `image ${imageRun.model} ${imageRun.size}: billed $${imageRun.costUsd.toFixed(4)}`
        : `image ${imageRun.model}: ${imageRun.note}`,
    );
  if (imageCheck) lines.push(`image text: ${imageCheck.reason}`);
  return lines.map((line) => `  ${line}\n`).join('');
}

/** Stage by stage on a terminal; silent when piped, so scripts read stdout alone. */
function showProgress(raw: unknown): void {
  if (!process.stderr.isTTY) return;
  const event = JobEvent.safeParse(raw);
  if (!event.success || event.data.type !== 'stage') return;
  const { job } = event.data;
  const stage = job.stages.find((s) => s.name === job.stage);
  if (stage) process.stderr.write(`  ${stage.name}: ${job.progress ?? stage.status}\n`);
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    const message = error instanceof Error ? error.message : String(error);
    console.error(message);
    process.exit(error instanceof InputError ? 2 : error instanceof NoChromiumError ? 3 : 1);
  },
);
