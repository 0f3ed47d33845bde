/**
 * One page, critiqued in a launched harness and written to its folder: what the single-page CLI
 * does, and what site mode does for each page (scripts/lib/site.ts). The folder holds
 * critique.json, annotated.png, mockup.html and mockup.png, report.html, and with a preview
 * after.png, with a model image.png.
 */
import { existsSync, mkdirSync, statSync, writeFileSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { z } from 'zod';
import { writeFormats, type ExportFormat } from '@/scripts/lib/exportFormats';
import { toCritique } from '@/utils/core/jobs/record';
import { renderReport } from '@/utils/core/report/report';
import { CritiqueRecord, type Critique } from '@/utils/core/schemas/record';
import { type Settings } from '@/utils/core/schemas/settings';
import { critiquable } from '@/utils/background/tabs/critiquable';
import { serve, type ExtensionGlobal, type Harness } from '@/scripts/lib/browser';

/** A page that cannot be critiqued, in one plain sentence: a missing file, an unreachable URL. */
export class PageError extends Error {
  override name = 'PageError';
}

export interface Target {
  /** What to open in the browser: the URL, or the local file served on 127.0.0.1. */
  url: string;
  close?: () => Promise<void>;
}

/** A URL to open: files are served from their folder on 127.0.0.1, URLs are checked first. */
export async function resolveTarget(target: string): Promise<Target> {
  if (/^[a-z][a-z0-9+.-]*:/i.test(target) && !/^[a-z]:\\/i.test(target)) {
    const verdict = critiquable(target);
    if (!verdict.ok) throw new PageError(verdict.reason);
    try {
      const response = await fetch(target, { signal: AbortSignal.timeout(15_000) });
      await response.body?.cancel();
      if (response.status >= 400) throw new PageError(`${target} answered HTTP ${response.status}.`);
    } catch (error) {
      if (error instanceof PageError) throw error;
      const { cause, message } = error as Error;
      const why = cause instanceof Error ? cause.message : (cause ?? message);
      throw new PageError(`Could not reach ${target}: ${why}.`);
    }
    return { url: target };
  }
  const file = resolve(target);
  if (!existsSync(file) || !statSync(file).isFile()) throw new PageError(`No such file: ${file}.`);
  const server = await serve({ '/': dirname(file) });
  return { url: `${server.origin}/${encodeURIComponent(basename(file))}`, close: server.close };
}

/** The model settings, in the extension's session storage (memory only): never on disk. */
export async function setModel(harness: Harness, settings: Settings): Promise<void> {
  const page = await harness.extensionPage();
  await page.evaluate(
    (s) => (globalThis as unknown as ExtensionGlobal).chrome.storage.session.set({ settings: s }),
    settings,
  );
}

export interface PageOptions {
  out: string;
  fullPage: boolean;
  width: number;
  height: number;
  request?: string;
  /** `--preview`: the plan goes on the page, and the previewed page is captured and verified. */
  preview: boolean;
  /** `--against`: an earlier critique to verify this one against. */
  against: Critique | null;
  /** `--format md|issue`: the export texts written beside critique.json (./exportFormats.ts). */
  formats?: readonly ExportFormat[];
  onEvent?: (event: unknown) => void;
}

export interface PageResult {
  record: CritiqueRecord;
  critique: Critique;
  /** The job's saved artifacts by kind (shot, annotated, thumb, mockup, image). */
  artifacts: Record<string, Buffer>;
  /** The files written, as the CLI names them. */
  written: string[];
  /** From opening the tab to the last file written. */
  seconds: number;
}

/** Critiques `url` in a new tab of `harness`, writes the folder `options.out`, closes the tab. */
export async function critiquePage(harness: Harness, url: string, options: PageOptions): Promise<PageResult> {
  const started = performance.now();
  const { page, tabId } = await harness.openTab(url);
  try {
    const mode = options.fullPage ? 'full' : 'viewport';
    // The earlier critique goes into the extension's history, and this one is checked against it.
    const against = options.against
      ? z.string().parse(await harness.askBackground('importCritique', { critique: options.against }))
      : null;
    const { record: raw, artifacts } = await harness.runJob(
      { tabId, mode, request: options.request, against },
      options.onEvent,
    );
    const record = CritiqueRecord.parse(raw);
    let critique = toCritique(record);
    let after: Buffer | undefined;
    if (options.preview && record.job.state === 'done') {
      const checked = await harness.runJob(
        { tabId, check: { against: record.id, preview: true } },
        options.onEvent,
      );
      const check = CritiqueRecord.parse(checked.record);
      critique = { ...critique, verify: check.draft.verify };
      after = checked.artifacts.shot;
      if (check.job.error) critique.errors.push(`Preview: ${check.job.error}`);
    }
    const written = await writePageFolder(harness, options, { critique, artifacts, after });
    return { record, critique, artifacts, written, seconds: (performance.now() - started) / 1000 };
  } finally {
    await page.close().catch(() => undefined);
  }
}

/**
 * The page's files. Every file format the CLI writes for one page is written here, so the
 * single-page CLI and site mode always write the same folder.
 */
async function writePageFolder(
  harness: Harness,
  options: Pick<PageOptions, 'out' | 'width' | 'height' | 'formats'>,
  run: { critique: Critique; artifacts: Record<string, Buffer>; after: Buffer | undefined },
): Promise<string[]> {
  const { critique, artifacts, after } = run;
  const { out } = options;
  mkdirSync(out, { recursive: true });
  const written = ['critique.json'];
  // The report embeds every picture of the run: the capture, annotated.png, after.png, the
  // generated image and the mockup's screenshot.
  const dataUrl = (png: Buffer | undefined) =>
    png ? `data:image/png;base64,${png.toString('base64')}` : undefined;
  if (after) {
    writeFileSync(join(out, 'after.png'), after);
    written.push('after.png');
  }
  writeFileSync(join(out, 'critique.json'), `${JSON.stringify(critique, null, 2)}\n`);
  if (artifacts.image) {
    writeFileSync(join(out, 'image.png'), artifacts.image);
    written.push('image.png (generated: a plan to check, not a fact)');
  }
  if (artifacts.annotated) {
    writeFileSync(join(out, 'annotated.png'), artifacts.annotated);
    written.push('annotated.png');
  }
  let mockupPng: Buffer | undefined;
  if (artifacts.mockup) {
    const mockupHtml = artifacts.mockup.toString('utf8');
    writeFileSync(join(out, 'mockup.html'), mockupHtml);
    const writer = await harness.context.newPage();
    try {
      await writer.setViewportSize({ width: options.width, height: options.height });
      await writer.setContent(mockupHtml);
      mockupPng = await writer.screenshot({ path: join(out, 'mockup.png'), fullPage: true });
    } finally {
      await writer.close();
    }
    written.push('mockup.html', 'mockup.png');
  }
  writeFileSync(
    join(out, 'report.html'),
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
    ...writeFormats(options.formats ?? [], critique, out, { annotated: Boolean(artifacts.annotated) }),
  );
  return written;
}
