/**
 * Page health around a critique, for the hostile-page and fault tests: the critique ends done or
 * with one plain sentence; the page logs no error it did not log without Restage; with the labels
 * hidden, the page's elements are where they were; the page's own scripts still run; and history
 * keeps the new record beside every earlier one.
 *
 * The pieces can be used alone (a fault test that closes the tab has no page to measure after),
 * or together through `critiqueWithHealth`, with `expectHealthy` on what it returns.
 */
import type { Frame, JSHandle, Page } from 'playwright-core';
import { expect } from 'vitest';
import { CritiqueRecord, type CaptureMode } from '@/utils/schemas';
import { jobEnded, startCritique, type Harness } from './harness';

// ---------------------------------------------------------------------------------------------
// The critique's outcome

/**
 * Why `text` is not one plain sentence for people, or null when it is: one line, a capital
 * first, a full stop last, no second sentence, and nothing a program would say (a stack frame,
 * `undefined`, `[object …]`, an exception's class name).
 */
export function notPlainSentence(text: string | null | undefined): string | null {
  if (!text) return 'no sentence at all';
  if (/\n/.test(text)) return 'more than one line';
  if (/\bat \S+ \(|\.(?:ts|js):\d+/.test(text)) return 'a stack frame';
  if (/\bundefined\b|\bnull\b|\[object |\bNaN\b/.test(text)) return 'a program value';
  if (/\b(?:Type|Reference|Syntax|Range|DOM|Security)?Error\b|Exception\b/.test(text))
    return 'an exception name';
  if (!/^[A-Z0-9“"‘']/.test(text)) return 'no capital first';
  if (!/[.!?]$/.test(text)) return 'no full stop last';
  // A second sentence: an end mark, a space, then a capital (not "e.g. X" or "3.5 MB").
  if (/[a-z)\]”"’'%][.!?] +[A-Z]/.test(text.slice(0, -1))) return 'more than one sentence';
  return null;
}

/** The record ended done, or failed with one plain sentence; returns its state. */
export function expectEnded(record: CritiqueRecord): 'done' | 'failed' {
  const { state, error } = record.job;
  expect(['done', 'failed'], `job ${record.id} ended ${state}: ${error}`).toContain(state);
  if (state === 'failed') expect(notPlainSentence(error), `the job's error: ${error}`).toBeNull();
  return state as 'done' | 'failed';
}

// ---------------------------------------------------------------------------------------------
// Console errors

export interface ErrorLog {
  /** Console errors and uncaught exceptions, in order, as text. */
  readonly errors: string[];
  stop(): void;
}

/** Records `page`'s console errors and uncaught exceptions (its own and any content script's). */
export function recordErrors(page: Page): ErrorLog {
  const errors: string[] = [];
  const onConsole = (message: { type(): string; text(): string }) => {
    if (message.type() === 'error') errors.push(message.text());
  };
  const onError = (error: Error) => errors.push(`${error.name}: ${error.message}`);
  page.on('console', onConsole);
  page.on('pageerror', onError);
  return {
    errors,
    stop() {
      page.off('console', onConsole);
      page.off('pageerror', onError);
    },
  };
}

/** The errors in `after` that `baseline` does not have (each baseline entry excuses one). */
export function addedErrors(baseline: readonly string[], after: readonly string[]): string[] {
  const left = [...baseline];
  return after.filter((error) => {
    const i = left.indexOf(error);
    if (i < 0) return true;
    left.splice(i, 1);
    return false;
  });
}

/**
 * The errors `url` logs with no Restage on it: loaded in a tab of its own, `exercise`d (the same
 * steps the test takes with Restage, such as scrolling and clicking), given `settleMs`, closed.
 */
export async function baselineErrors(
  harness: Harness,
  url: string,
  exercise?: (page: Page) => Promise<void>,
  settleMs = 500,
): Promise<string[]> {
  const page = await harness.context.newPage();
  const log = recordErrors(page);
  await page.goto(url);
  await page.waitForLoadState('networkidle').catch(() => undefined);
  await exercise?.(page);
  await page.waitForTimeout(settleMs);
  log.stop();
  await page.close();
  return log.errors;
}

// ---------------------------------------------------------------------------------------------
// Layout

/** A set of the page's elements, held by reference so they can be measured again later. */
export type LayoutProbe = JSHandle<Element[]>;

/** Holds the first `limit` elements matching `selector` (in the top document). */
export function holdElements(page: Page, selector = 'body *', limit = 2000): Promise<LayoutProbe> {
  return page.evaluateHandle(
    ({ selector, limit }) => [...document.querySelectorAll(selector)].slice(0, limit),
    { selector, limit },
  );
}

/** Each held element's getBoundingClientRect as `x,y,width,height` (`gone` once detached). */
export function boxesOf(held: LayoutProbe): Promise<string[]> {
  return held.evaluate((els) =>
    els.map((el) => {
      if (!el.isConnected) return 'gone';
      const r = el.getBoundingClientRect();
      return [r.x, r.y, r.width, r.height].map((n) => Math.round(n * 100) / 100).join(',');
    }),
  );
}

/** The held elements whose box changed, described for a failure message. */
export async function layoutChanges(held: LayoutProbe, before: string[]): Promise<string[]> {
  const after = await boxesOf(held);
  const tags = await held.evaluate((els) => els.map((el) => el.localName));
  return before.flatMap((box, i) => (box === after[i] ? [] : [`#${i} <${tags[i]}>: ${box} → ${after[i]}`]));
}

// ---------------------------------------------------------------------------------------------
// The page's own scripts

/**
 * The page's script counts clicks on `[data-health-probe]` in its `data-clicks`: the fixtures
 * include `hostile/probe.js`, which does that (an external script, so strict-CSP pages run it).
 * Clicks the probe (in a page or one of its frames) and returns the count now.
 */
export async function clickProbe(page: Page | Frame, selector = '[data-health-probe]'): Promise<number> {
  const probe = page.locator(selector).first();
  await probe.click();
  return Number((await probe.getAttribute('data-clicks')) ?? 0);
}

// ---------------------------------------------------------------------------------------------
// Labels

/** Numbered boxes Restage draws on the page now. */
export function labelsOnPage(page: Page): Promise<number> {
  return page.evaluate(
    () => document.querySelector('restage-overlay')?.shadowRoot?.querySelectorAll('.box').length ?? 0,
  );
}

/**
 * Sets the panel's **Hide labels** and waits for the page to follow: no numbered box left when
 * hidden, some back when shown. The box is ticked once the background has it (not on the click).
 */
export async function setLabelsHidden(panel: Page, page: Page, hidden = true): Promise<void> {
  const toggle = panel.getByTestId('hide-labels');
  if ((await toggle.isChecked()) !== hidden) await toggle.click();
  await expect.poll(() => toggle.isChecked()).toBe(hidden);
  if (hidden) await expect.poll(() => labelsOnPage(page)).toBe(0);
  else await expect.poll(() => labelsOnPage(page)).toBeGreaterThan(0);
}

// ---------------------------------------------------------------------------------------------
// History

/** Every record in Restage's history, each parsed (a record that does not parse fails the test). */
export async function historyRecords(harness: Harness): Promise<CritiqueRecord[]> {
  const page = await harness.extensionPage();
  const rows = (await page.evaluate(`new Promise((resolve, reject) => {
    const open = indexedDB.open('restage');
    open.onerror = () => reject(open.error);
    open.onsuccess = () => {
      const db = open.result;
      if (!db.objectStoreNames.contains('critiques')) return (db.close(), resolve([]));
      const all = db.transaction('critiques').objectStore('critiques').getAll();
      all.onsuccess = () => (db.close(), resolve(all.result));
      all.onerror = () => (db.close(), reject(all.error));
    };
  })`)) as unknown[];
  return rows.map((row) => CritiqueRecord.parse(row));
}

/** History still holds every id of `before` and each of `added`, parsed, and the panel lists the added ones. */
export async function expectHistoryIntact(
  harness: Harness,
  before: readonly string[],
  added: readonly string[],
  panel?: Page,
): Promise<void> {
  const ids = (await historyRecords(harness)).map((r) => r.id);
  expect(ids).toEqual(expect.arrayContaining([...before, ...added]));
  if (!panel) return;
  await panel.getByRole('tab', { name: 'History' }).click();
  for (const id of added) await panel.locator(`li[data-critique="${id}"]`).waitFor({ timeout: 10_000 });
  await panel.getByRole('tab', { name: 'Critique' }).click();
}

// ---------------------------------------------------------------------------------------------
// All of it around critiques in the panel

export interface HealthOptions {
  /** Capture modes to critique in, one after another (default: viewport). */
  modes?: CaptureMode[];
  /** Which elements to hold and measure (default `body *`, the first 2,000). */
  elements?: string;
  /** Steps taken both in the baseline load and before the critique (scrolling, waiting). */
  exercise?: (page: Page) => Promise<void>;
  /** The page has a `[data-health-probe]` button counted by hostile/probe.js (default true). */
  probe?: boolean;
  /** How long each critique may take, in ms (default 45 s). */
  jobTimeout?: number;
}

export interface HealthReport {
  page: Page;
  panel: Page;
  tabId: number;
  records: CritiqueRecord[];
  /** Errors the page logged with Restage that it did not log without. */
  addedErrors: string[];
  /** Held elements whose box moved, with the labels hidden. */
  moved: string[];
  /** The probe's click count before the critiques and after (1 and 2 when scripts run). */
  clicks: [number, number] | null;
  historyBefore: string[];
}

/**
 * Loads `url` once without Restage (the baseline), then again to critique it in the panel in each
 * mode, hide the labels, and measure what the critiques left behind. Checks nothing itself:
 * `expectHealthy` does, so a test can look at the report first.
 */
export async function critiqueWithHealth(
  harness: Harness,
  url: string,
  options: HealthOptions = {},
): Promise<HealthReport> {
  const { modes = ['viewport'], elements = 'body *', exercise, probe = true, jobTimeout = 45_000 } = options;
  const baseline = await baselineErrors(harness, url, async (page) => {
    await exercise?.(page);
    if (probe) await clickProbe(page);
    if (probe) await clickProbe(page);
  });
  const historyBefore = (await historyRecords(harness)).map((r) => r.id);

  const { page, tabId } = await harness.openTab(url);
  const log = recordErrors(page);
  await exercise?.(page);
  // Clicking may scroll the probe into view: measure after it.
  const first = probe ? await clickProbe(page) : 0;
  const held = await holdElements(page, elements);
  const before = await boxesOf(held);

  const panel = await harness.openPanel(tabId);
  const records: CritiqueRecord[] = [];
  for (const mode of modes) {
    const id = await startCritique(panel, mode);
    await jobEnded(panel, id, undefined, jobTimeout);
    records.push(CritiqueRecord.parse(await harness.askBackground('getRecord', { jobId: id })));
  }
  if (records.some((r) => r.job.state === 'done')) await setLabelsHidden(panel, page);
  const moved = await layoutChanges(held, before);
  const second = probe ? await clickProbe(page) : 0;
  await page.waitForTimeout(300); // late errors from anything the critique left running
  log.stop();
  return {
    page,
    panel,
    tabId,
    records,
    addedErrors: addedErrors(baseline, log.errors),
    moved,
    clicks: probe ? [first, second] : null,
    historyBefore,
  };
}

/** Every health check on a report: outcome, errors, layout, scripts and history. */
export async function expectHealthy(harness: Harness, report: HealthReport): Promise<void> {
  for (const record of report.records) expectEnded(record);
  expect(report.addedErrors, 'errors the page logged only with Restage').toEqual([]);
  expect(report.moved, 'elements moved with the labels hidden').toEqual([]);
  if (report.clicks) expect(report.clicks, "the page's own click handler").toEqual([1, 2]);
  await expectHistoryIntact(
    harness,
    report.historyBefore,
    report.records.map((r) => r.id),
    report.panel,
  );
}
