/**
 * What each context loads, from the production build: the JavaScript an entry page loads before
 * it runs (its script and every chunk those import statically), what it may load later (dynamic
 * imports), and whether the openai SDK is among them. The side panel must not carry openai.
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, normalize } from 'node:path';
import { gzipSync } from 'node:zlib';

/** A string only the openai SDK's client holds. */
const OPENAI_MARK = 'dangerouslyAllowBrowser';

export interface EntryBundle {
  entry: string;
  files: number;
  bytes: number;
  gzipBytes: number;
  lazyBytes: number;
  openai: boolean;
}

const STATIC_IMPORT = /(?:^|[;}\s])(?:import|export)\s*(?:[\w*{}\s,$]+from\s*)?["'`]([^"'`]+\.js)["'`]/g;
const DYNAMIC_IMPORT = /import\(\s*["'`]([^"'`]+\.js)["'`]\s*\)/g;

/** The entry's eager files (static import graph from its first scripts) and its lazy ones. */
export function entryBundle(outDir: string, entry: string): EntryBundle {
  const start = entry.endsWith('.html')
    ? [...readFileSync(join(outDir, entry), 'utf8').matchAll(/(?:src|href)="\/([^"]+\.js)"/g)].map((m) => m[1]!)
    : [entry];
  const eager = new Set<string>();
  const lazy = new Set<string>();
  const walk = (file: string, into: Set<string>) => {
    if (eager.has(file) || into.has(file) || !existsSync(join(outDir, file))) return;
    into.add(file);
    const code = readFileSync(join(outDir, file), 'utf8');
    const near = (spec: string) => normalize(spec.startsWith('/') ? spec.slice(1) : join(dirname(file), spec));
    for (const m of code.matchAll(STATIC_IMPORT)) walk(near(m[1]!), into);
    for (const m of code.matchAll(DYNAMIC_IMPORT)) walk(near(m[1]!), lazy);
  };
  for (const file of start) walk(file, eager);
  for (const file of eager) lazy.delete(file);
  const read = (files: Set<string>) => [...files].map((f) => readFileSync(join(outDir, f)));
  const eagerCode = read(eager);
  const all = [...eagerCode, ...read(lazy)];
  return {
    entry,
    files: eager.size,
    bytes: eagerCode.reduce((n, b) => n + b.length, 0),
    gzipBytes: eagerCode.reduce((n, b) => n + gzipSync(b).length, 0),
    lazyBytes: read(lazy).reduce((n, b) => n + b.length, 0),
    openai: all.some((b) => b.includes(OPENAI_MARK)),
  };
}

export const ENTRIES = ['sidepanel.html', 'options.html', 'offscreen.html', 'background.js', 'content-scripts/page.js'];

/**
 * The side panel before the split into context folders (commit c6fd4bf, built the same way and
 * measured with entryBundle): the panel imported the image stage for one label, which pulled in
 * the openai SDK.
 */
export const PANEL_BEFORE: EntryBundle = {
  entry: 'sidepanel.html',
  files: 4,
  bytes: 729_766,
  gzipBytes: 218_650,
  lazyBytes: 199_402,
  openai: true,
};

export function bundleSection(say: (line?: string) => void, raw: Record<string, unknown>, outDir: string) {
  say('## What each context loads (production build)');
  say();
  say(
    'Bytes of JavaScript each entry loads before it runs (its scripts and their static imports), gzipped, and what it may load later. "openai" says whether the SDK is among them. The side panel before the split is commit c6fd4bf, built and measured the same way.',
  );
  say();
  const rows = ENTRIES.map((entry) => entryBundle(outDir, entry));
  raw.bundle = { before: PANEL_BEFORE, after: rows };
  const kb = (n: number) => `${(n / 1024).toFixed(1)} KB`;
  say('| entry | files | loads | gzipped | later | openai |');
  say('|---|---:|---:|---:|---:|---|');
  const row = (r: EntryBundle, label = r.entry) =>
    say(`| ${label} | ${r.files} | ${kb(r.bytes)} | ${kb(r.gzipBytes)} | ${kb(r.lazyBytes)} | ${r.openai ? 'yes' : 'no'} |`);
  row(PANEL_BEFORE, 'sidepanel.html, before the split');
  for (const r of rows) row(r);
  const panel = rows[0]!;
  say();
  say(
    `The side panel loads ${kb(panel.bytes)} (${kb(panel.gzipBytes)} gzipped) against ${kb(PANEL_BEFORE.bytes)} (${kb(PANEL_BEFORE.gzipBytes)}) before: ${((1 - panel.bytes / PANEL_BEFORE.bytes) * 100).toFixed(0)} % less.`,
  );
  say();
}
