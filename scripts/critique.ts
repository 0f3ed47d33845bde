/**
 * The critique CLI, the main job: `npm run critique -- [url|file] [--out DIR] [--full-page]
 * [--width 1280] [--height 800] [--request "text"]`. With no page it critiques Restage's own
 * demo page (scripts/demo/demo.html), so it runs on a fresh clone. It drives the real built
 * extension in real Chromium and runs the same job the side panel runs, through the extension.
 * Exit codes: 0 done, 1 failed, 2 bad input, 3 no Chromium.
 *
 * Site mode, `--urls FILE` or `--sitemap URL|FILE` with `--jobs N`, critiques many pages in N
 * browsers (scripts/lib/site.ts). Exit codes: 0 at least one page done, 1 every page failed,
 * 2 bad input (no list, an empty list, a sitemap that cannot be read), 3 no Chromium.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { readCritiqueJson } from '@/utils/core/history/migrate';
import { contentCheckLine } from '@/utils/core/plan/validate';
import { findingLine } from '@/utils/core/report/report';
import { topFindings } from '@/utils/core/report/topFindings';
import { describeModelSettings, settingsFromEnv } from '@/utils/background/model/config';
import { JobEvent, type Critique } from '@/utils/core/schemas/record';
import { type Settings } from '@/utils/core/schemas/settings';
import { parseFormats } from '@/scripts/lib/exportFormats';
import { matchedScoreLine, regionCountLine } from '@/utils/core/verify/lines';
import { DEMO_DIR, NoChromiumError, ensureBuilt, findChromium, launch } from '@/scripts/lib/browser';
import { PageError, critiquePage, resolveTarget, setModel } from '@/scripts/lib/critiquePage';
import { DEFAULT_LIMIT, InputError, MAX_JOBS, critiqueSite, type SiteSource } from '@/scripts/lib/site';

const USAGE =
  'Usage: npm run critique -- [url|file | --urls FILE | --sitemap URL|FILE] [--jobs 2] [--limit 100] [--out DIR] [--full-page] [--width 1280] [--height 800] [--request "text"] [--preview] [--against critique.json] [--model NAME] [--image-model NAME] [--no-image] [--offline] [--format md|issue]';

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
        urls: { type: 'string' },
        sitemap: { type: 'string' },
        jobs: { type: 'string', default: '2' },
        limit: { type: 'string', default: String(DEFAULT_LIMIT) },
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
    site: siteOptions(values, positionals.length > 0),
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

/** `--urls` or `--sitemap` with `--jobs` and `--limit`, or null for one page. */
function siteOptions(
  values: { urls?: string; sitemap?: string; jobs: string; limit: string; against?: string },
  hasPage: boolean,
): { source: SiteSource; jobs: number; limit: number } | null {
  if (values.urls === undefined && values.sitemap === undefined) return null;
  if (values.urls !== undefined && values.sitemap !== undefined)
    throw new InputError('Give --urls or --sitemap, not both.');
  if (hasPage) throw new InputError(`Give a page or a list of pages, not both.\n${USAGE}`);
  if (values.against !== undefined)
    throw new InputError('--against compares one page; it does not go with --urls or --sitemap.');
  const jobs = Number(values.jobs);
  if (!Number.isInteger(jobs) || jobs < 1 || jobs > MAX_JOBS)
    throw new InputError(`--jobs must be a whole number from 1 to ${MAX_JOBS}.`);
  const limit = Number(values.limit);
  if (!Number.isInteger(limit) || limit < 1) throw new InputError('--limit must be a whole number from 1.');
  const source: SiteSource =
    values.urls !== undefined
      ? { kind: 'urls', path: values.urls }
      : { kind: 'sitemap', path: values.sitemap! };
  return { source, jobs, limit };
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

async function main(): Promise<number> {
  const opts = options();
  findChromium();
  if (opts.site) return critiqueSite({ ...opts, ...opts.site });
  const target = await resolveTarget(opts.target).catch((error: unknown) => {
    throw error instanceof PageError ? new InputError(error.message) : error;
  });
  ensureBuilt();
  const launched = performance.now();
  const harness = await launch({ width: opts.width, height: opts.height });
  const browserStartMs = performance.now() - launched;
  try {
    if (opts.model) {
      await setModel(harness, opts.model);
      console.log(`Model: ${describeModelSettings(opts.model)}`);
    }
    const { record, critique, written, seconds } = await critiquePage(harness, target.url, {
      ...opts,
      onEvent: showProgress,
    });
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
        `  browser start ${(browserStartMs / 1000).toFixed(2)} s · critique ${seconds.toFixed(2)} s (first labels ${Math.round(record.draft.firstLabelsMs ?? 0)} ms)\n` +
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
