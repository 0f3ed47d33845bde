/**
 * Site mode of the critique CLI on ten corpus pages: pages per minute with one browser and with
 * two, and the speed-up, from runs made one after the other in the same benchmark run.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import { SiteSummary } from '@/utils/core/site/summary';
import { CORPUS, ROOT } from '@/scripts/lib/browser';
import { median } from '@/scripts/lib/stats';

/** Runs per setting, alternated (1, 2, 1, 2, …) so a busy moment of the machine weighs on both. */
const RUNS = Number(process.env.BENCH_SITE_RUNS ?? 2);

interface SiteRun {
  jobs: number;
  /** The whole process: start, build check, browsers, pages, index. */
  processS: number;
  /** The run as summary.json times it: from starting the browsers to the last page written. */
  runS: number;
  done: number;
}

function siteRun(files: readonly string[], jobs: number): SiteRun {
  const dir = mkdtempSync(join(tmpdir(), 'restage-bench-site-'));
  writeFileSync(join(dir, 'urls.txt'), files.map((f) => join(CORPUS, 'pages', f)).join('\n'));
  const t = performance.now();
  const run = spawnSync(
    'npx',
    ['tsx', 'scripts/critique.ts', '--urls', join(dir, 'urls.txt'), '--jobs', String(jobs), '--out', join(dir, 'out')],
    { cwd: ROOT, encoding: 'utf8' },
  );
  const processS = (performance.now() - t) / 1000;
  if (run.status !== 0) throw new Error(`site mode failed with --jobs ${jobs}: ${run.stderr}`);
  const summary = SiteSummary.parse(JSON.parse(readFileSync(join(dir, 'out/summary.json'), 'utf8')));
  const done = summary.pages.filter((p) => p.state === 'done').length;
  if (done !== files.length) throw new Error(`site mode did ${done} of ${files.length} pages with --jobs ${jobs}`);
  return { jobs, processS, runS: summary.seconds, done };
}

export function siteModeSection(say: (line?: string) => void, raw: Record<string, unknown>, files: readonly string[]) {
  say('## Site mode');
  say();
  say(
    `\`npm run critique -- --urls FILE --jobs N\` on ${files.length} corpus pages spread over the corpus's sizes (${files.join(', ')}; viewport, offline), one process per run. Run: from starting the browsers to the last page written, as summary.json times it; process: the whole command. Medians of ${RUNS} runs per setting, alternated. Speed-up: pages per minute with 2 browsers over 1, from the run times. The machine has ${availableParallelism()} cores.`,
  );
  say();
  const runs: SiteRun[] = [];
  for (let i = 0; i < RUNS; i++) for (const jobs of [1, 2]) runs.push(siteRun(files, jobs));
  raw.site = runs;
  say('| browsers (--jobs) | run s (median) | process s (median) | pages per minute (run) | pages per minute (process) |');
  say('|---:|---:|---:|---:|---:|');
  const rate = (seconds: number) => files.length / (seconds / 60);
  const perMinute: Record<number, number> = {};
  for (const jobs of [1, 2]) {
    const mine = runs.filter((r) => r.jobs === jobs);
    const runS = median(mine.map((r) => r.runS));
    const processS = median(mine.map((r) => r.processS));
    perMinute[jobs] = rate(runS);
    say(`| ${jobs} | ${runS.toFixed(1)} | ${processS.toFixed(1)} | ${rate(runS).toFixed(1)} | ${rate(processS).toFixed(1)} |`);
  }
  say();
  say(`Speed-up with 2 browsers: **${(perMinute[2]! / perMinute[1]!).toFixed(2)}×**.`);
  say();
}

