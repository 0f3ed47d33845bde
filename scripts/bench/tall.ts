/**
 * A full-page critique of a page 30,000 px tall, from the side panel: its time against the
 * bound `tabs.captureVisibleTab`'s quota sets (2 calls a second, so a capture of n frames takes
 * at least n / 2 s), and memory while it runs and after: the panel's JS heap (CDP
 * Runtime.getHeapUsage, polled) and the resident memory of this browser's processes only.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { CritiqueRecord } from '@/utils/core/schemas/record';
import { tallPage } from '@/test/fixtures/tall';
import { launch, serve, type Harness } from '@/scripts/lib/browser';
import { median } from '@/scripts/lib/stats';

/** The panel's JS heap target while it shows a 30,000 px capture (issue 17). */
export const PANEL_HEAP_TARGET_MB = 200;
const VIEWPORT = { width: 1280, height: 800 };
const MB = 2 ** 20;

/** Resident memory of the browser using `profile` and every process under it, in MB. */
function browserTreeRssMb(profile: string): number {
  const rows = execFileSync('ps', ['-eo', 'pid=,ppid=,rss=,args='], { encoding: 'utf8' })
    .split('\n')
    .map((line) => line.trim().match(/^(\d+)\s+(\d+)\s+(\d+)\s+(.*)$/))
    .flatMap((m) => (m ? [{ pid: Number(m[1]), ppid: Number(m[2]), rss: Number(m[3]), args: m[4]! }] : []));
  const root = rows.find((r) => r.args.includes(`--user-data-dir=${profile}`) && !r.args.includes('--type='));
  if (!root) return NaN;
  const tree = new Set([root.pid]);
  for (let grew = true; grew; ) {
    grew = false;
    for (const r of rows) {
      if (tree.has(r.pid) || !tree.has(r.ppid)) continue;
      tree.add(r.pid);
      grew = true;
    }
  }
  return rows.filter((r) => tree.has(r.pid)).reduce((sum, r) => sum + r.rss, 0) / 1024;
}

interface TallRun {
  captureMs: number;
  jobMs: number;
  frames: number;
  imageHeight: number;
  notes: string[];
  heapPeakMb: number;
  heapAfterMb: number;
  rssPeakMb: number;
  rssAfterMb: number;
}

/** Critiques the panel's tab in full-page mode from the panel, sampling memory until it ends. */
async function critiqueFromPanel(harness: Harness, panel: Page, profile: string): Promise<TallRun> {
  const cdp = await harness.context.newCDPSession(panel);
  const heap = async () => ((await cdp.send('Runtime.getHeapUsage')) as { usedSize: number }).usedSize / MB;
  const previous = await panel.evaluate(() =>
    [...document.querySelectorAll('[data-job-id]')].map((el) => el.getAttribute('data-job-id')),
  );
  await panel.getByLabel('Capture mode').selectOption('full');
  await panel.getByRole('button', { name: 'Critique this page' }).click();
  let heapPeak = 0;
  let rssPeak = 0;
  let jobId: string | null = null;
  for (const deadline = Date.now() + 180_000; !jobId; ) {
    heapPeak = Math.max(heapPeak, await heap());
    rssPeak = Math.max(rssPeak, browserTreeRssMb(profile));
    jobId = await panel.evaluate((seen) => {
      const ended = [...document.querySelectorAll('[data-job-id][data-job-state]')].find(
        (el) =>
          !seen.includes(el.getAttribute('data-job-id')) &&
          ['done', 'failed'].includes(el.getAttribute('data-job-state') ?? ''),
      );
      return ended?.getAttribute('data-job-id') ?? null;
    }, previous);
    if (Date.now() > deadline) throw new Error('The full-page critique of the tall page did not end in 3 minutes.');
    await panel.waitForTimeout(200);
  }
  const record = CritiqueRecord.parse(await harness.askBackground('getRecord', { jobId }));
  if (record.job.state !== 'done') throw new Error(`The tall page's critique failed: ${record.job.error}`);
  // After: the screenshot shown in the panel, and a second to settle.
  await panel.locator('[data-testid=annotated-shot] img').waitFor({ timeout: 30_000 });
  await panel.evaluate(() => document.querySelector<HTMLImageElement>('[data-testid=annotated-shot] img')!.decode());
  for (let i = 0; i < 5; i++) {
    heapPeak = Math.max(heapPeak, await heap());
    rssPeak = Math.max(rssPeak, browserTreeRssMb(profile));
    await panel.waitForTimeout(200);
  }
  const shot = record.draft.shot!;
  const run = {
    captureMs: shot.ms,
    jobMs: record.job.ms ?? NaN,
    frames: Math.ceil(shot.area.height / VIEWPORT.height),
    imageHeight: shot.height,
    notes: shot.notes,
    heapPeakMb: heapPeak,
    heapAfterMb: await heap(),
    rssPeakMb: rssPeak,
    rssAfterMb: browserTreeRssMb(profile),
  };
  await cdp.detach();
  return run;
}

export async function tallPageBench(
  say: (line?: string) => void,
  raw: Record<string, unknown>,
  reps: number,
): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'restage-bench-tall-'));
  writeFileSync(join(dir, 'tall.html'), tallPage(40, 750));
  const server = await serve({ '/': dir });
  const profile = mkdtempSync(join(tmpdir(), 'restage-bench-tall-profile-'));
  const harness = await launch({ ...VIEWPORT, profile });
  const runs: TallRun[] = [];
  let height: number;
  let rssBefore: number;
  try {
    const { page, tabId } = await harness.openTab(`${server.origin}/tall.html`);
    height = await page.evaluate(() => document.documentElement.scrollHeight);
    const panel = await harness.openPanel(tabId);
    await panel.waitForTimeout(1000);
    rssBefore = browserTreeRssMb(profile);
    for (let i = 0; i < reps + 1; i++) {
      const run = await critiqueFromPanel(harness, panel, profile);
      if (i > 0) runs.push(run); // the first warms up injection and the panel
    }
  } finally {
    await harness.close();
    await server.close();
    rmSync(profile, { recursive: true, force: true });
    rmSync(dir, { recursive: true, force: true });
  }
  const m = (pick: (r: TallRun) => number) => median(runs.map(pick));
  const frames = runs[0]!.frames;
  const bound = (frames / 2) * 1000;
  raw.tall = { height, runs, boundMs: bound, rssBeforeMb: rssBefore };
  say('## Full page at 30,000 px');
  say();
  say(
    `A page ${height.toLocaleString('en-US')} px tall (40 screens of 750 px under a sticky header), critiqued in full-page mode from the side panel at 1280×800, device pixel ratio 1. Quota bound: \`tabs.captureVisibleTab\` allows 2 calls a second, so ${frames} frames take at least ${frames} / 2 s. Panel heap: its JS heap (CDP Runtime.getHeapUsage), polled every 200 ms from the click until the screenshot is shown, and after; target ≤ ${PANEL_HEAP_TARGET_MB} MB. Browser RSS: this browser's processes only (before the first critique, with the page and the panel open: ${rssBefore.toFixed(0)} MB). Medians of ${runs.length} critiques after a warm-up.`,
  );
  say();
  say(
    '| image px | frames | capture ms | quota bound ms | ratio | job ms | panel heap peak MB | panel heap after MB | browser RSS peak MB | after MB | notes |',
  );
  say('|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|');
  say(
    `| 1280×${runs[0]!.imageHeight} | ${frames} | ${m((r) => r.captureMs).toFixed(0)} | ${bound.toFixed(0)} | ${(m((r) => r.captureMs) / bound).toFixed(2)}× | ${m((r) => r.jobMs).toFixed(0)} | ${m((r) => r.heapPeakMb).toFixed(1)} | ${m((r) => r.heapAfterMb).toFixed(1)} | ${m((r) => r.rssPeakMb).toFixed(0)} | ${m((r) => r.rssAfterMb).toFixed(0)} | ${runs[0]!.notes.join(' ') || '(none)'} |`,
  );
  say();
}
