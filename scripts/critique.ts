/**
 * The critique CLI, the main job: `npm run critique -- <url|file> [--out DIR] [--full-page]
 * [--width 1280] [--height 800] [--request "text"]`. It drives the real built extension in
 * real Chromium, so the command line runs exactly what the side panel runs.
 * Exit codes: 0 done, 1 failed, 2 bad input, 3 no Chromium.
 */
import { existsSync, mkdirSync, statSync, writeFileSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { CritiqueRun } from '../utils/messaging';
import { renderReport } from '../utils/report/report';
import { critiquable } from '../utils/tabs/critiquable';
import { annotatedHtml } from './lib/annotate';
import { NoChromiumError, ensureBuilt, findChromium, launch, serve } from './lib/browser';

class InputError extends Error {}

const USAGE =
  'Usage: npm run critique -- <url|file> [--out DIR] [--full-page] [--width 1280] [--height 800] [--request "text"]';

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
      },
    });
  } catch (error) {
    throw new InputError(`${(error as Error).message}\n${USAGE}`);
  }
}

function options() {
  const { values, positionals } = parse();
  const target = positionals[0];
  if (!target || positionals.length > 1) throw new InputError(USAGE);
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
  return {
    target,
    out: resolve(values.out),
    fullPage: values['full-page'],
    width,
    height,
    request: values.request,
  };
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
    const mode = opts.fullPage ? 'full' : 'viewport';
    const run = CritiqueRun.parse(
      await harness.askBackground('critiqueTab', { tabId, mode, request: opts.request }),
    );
    const { critique, shot, mockupHtml } = run;
    mkdirSync(opts.out, { recursive: true });
    const writer = await harness.context.newPage();
    let annotatedPng = '';
    if (shot) {
      await writer.setViewportSize({ width: shot.width, height: Math.min(shot.height, 16_000) });
      await writer.setContent(annotatedHtml(shot, critique.regions));
      const png = await writer.locator('#shot').screenshot({ path: join(opts.out, 'annotated.png') });
      annotatedPng = `data:image/png;base64,${png.toString('base64')}`;
    }
    writeFileSync(join(opts.out, 'mockup.html'), mockupHtml);
    await writer.setViewportSize({ width: opts.width, height: opts.height });
    await writer.setContent(mockupHtml);
    await writer.screenshot({ path: join(opts.out, 'mockup.png'), fullPage: true });
    writeFileSync(join(opts.out, 'critique.json'), `${JSON.stringify(critique, null, 2)}\n`);
    writeFileSync(
      join(opts.out, 'report.html'),
      renderReport({ critique, annotatedPng, mockupFile: 'mockup.html', mockupPng: 'mockup.png' }),
    );
    const critiqueSeconds = (performance.now() - started) / 1000;
    console.log(
      `Restage critique of ${critique.url}\n` +
        `  score ${Math.round(critique.score.value)}/100 · ${critique.findings.length} findings · ${critique.regions.length} regions\n` +
        `  content check: ${critique.contentCheck.kept}/${critique.contentCheck.regions} regions kept\n` +
        `  browser start ${(browserStartMs / 1000).toFixed(2)} s · critique ${critiqueSeconds.toFixed(2)} s (first labels ${Math.round(run.firstLabelsMs)} ms)\n` +
        `  wrote critique.json, ${shot ? 'annotated.png, ' : ''}mockup.html, mockup.png, report.html to ${opts.out}`,
    );
    for (const error of critique.errors) console.error(`  error: ${error}`);
    return critique.errors.length > 0 && !shot ? 1 : 0;
  } finally {
    await harness.close();
    await target.close?.();
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    const message = error instanceof Error ? error.message : String(error);
    console.error(message);
    process.exit(error instanceof InputError ? 2 : error instanceof NoChromiumError ? 3 : 1);
  },
);
