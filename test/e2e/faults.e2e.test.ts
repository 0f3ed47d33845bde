/**
 * Faults while a critique runs, end to end in the built extension: the page navigates away
 * (a new document, or an SPA's route change), the page removes the overlay's host, the tab
 * closes mid-capture, the worker stops mid-model-call, storage fills up during a save. For
 * each: the critique completes, or ends with one plain sentence; the page keeps working (no
 * errors it would not log without Restage, its layout where it was with the labels hidden, its
 * own scripts running); history keeps every earlier record and the run is saved, or left out
 * whole.
 *
 * Covered elsewhere and not repeated here: Cancel mid-capture and a worker stopped mid-capture
 * (jobs.e2e), the panel closed mid-pick (panelLifecycle.e2e), storage full in the runner and
 * the store (test/utils/background/jobs/runner.test.ts, test/utils/extension/history/read.test.ts).
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type CaptureMode } from '@/utils/core/schemas/capture';
import { CritiqueRecord } from '@/utils/core/schemas/record';
import { DEFAULT_SETTINGS, type Settings } from '@/utils/core/schemas/settings';
import { startFakeOpenAI, type FakeOpenAI } from '@/test/fake-openai/server';
import {
  artifactPath,
  jobEnded,
  launch,
  startCritique,
  withExtension,
  type ExtensionGlobal,
  type Harness,
} from '@/test/e2e/harness';
import {
  addedErrors,
  baselineErrors,
  boxesOf,
  clickProbe,
  expectEnded,
  expectHistoryIntact,
  historyRecords,
  holdElements,
  labelsOnPage,
  layoutChanges,
  notPlainSentence,
  recordErrors,
  setLabelsHidden,
} from '@/test/e2e/pageHealth';

const FIXTURES = `${import.meta.dirname}/../fixtures/pages`;
const env = withExtension({ '/': FIXTURES });
const url = (path: string) => `${env.server.origin}/faults/${path}`;

const getRecord = async (harness: Harness, id: string) =>
  CritiqueRecord.parse(await harness.askBackground('getRecord', { jobId: id }));

/** Every sentence the panel shows about how the job went: its notice, its notes and errors. */
async function sentencesShown(panel: Page): Promise<string[]> {
  const notes = await panel.getByTestId('capture-note').allTextContents();
  const notices = await panel.getByTestId('job-notice').locator('p').allTextContents();
  return [...notices, ...notes];
}

/**
 * A critique of `path` in its own tab and panel; `during` runs once the job has started. The
 * page's elements are held and its probe clicked once before, for the health checks after.
 */
async function critique(
  path: string,
  mode: CaptureMode,
  during?: (page: Page, panel: Page) => Promise<void>,
) {
  const historyBefore = (await historyRecords(env.harness)).map((r) => r.id);
  const { page, tabId } = await env.harness.openTab(url(path));
  const log = recordErrors(page);
  const held = await holdElements(page);
  const layout = await boxesOf(held);
  expect(await clickProbe(page)).toBe(1);
  const panel = await env.harness.openPanel(tabId);
  const id = await startCritique(panel, mode);
  await during?.(page, panel);
  await jobEnded(panel, id);
  const record = await getRecord(env.harness, id);
  return { page, panel, tabId, id, log, historyBefore, record, held, layout };
}

describe('the page navigates away mid-critique', () => {
  const went = (where: string) =>
    `The page ${where} during the critique; what was found before is kept, and a new critique covers the page the tab shows now.`;
  it.each([
    ['right after extraction', 'navigates-away.html?on=overlay', 'viewport', 'landing.html'],
    ['during a full-page capture', 'navigates-away.html?on=scroll', 'full', 'landing.html'],
    ['by a reload, right after extraction', 'navigates-away.html?on=overlay&how=reload', 'viewport', null],
  ] as const)(
    'to a new document %s: one sentence says where it went, and what was found is kept',
    async (_, path, mode, to) => {
      const { page, panel, id, log, historyBefore, record } = await critique(path, mode);
      await expect.poll(() => page.url()).toBe(url(to ?? path));
      const state = expectEnded(record);
      const sentence = went(to ? `went to ${url(to)}` : 'reloaded');
      expect(notPlainSentence(sentence)).toBeNull();
      // Said once, whichever stage noticed: as the failed job's error, or among a done job's errors.
      if (state === 'failed') expect(record.job.error).toBe(sentence);
      else {
        expect(record.draft.errors).toEqual([sentence]);
        expect(record.draft.regions.length).toBeGreaterThan(0);
        expect(record.draft.findings.length).toBeGreaterThan(0);
        expect(record.draft.mockup).not.toBeNull();
      }
      expect(record.draft.notes.filter((n) => /could not|failed|No response/.test(n))).toEqual([]);
      expect(await sentencesShown(panel)).toEqual([sentence]);
      // The page it went to works and carries nothing of Restage's.
      expect(log.errors).toEqual([]);
      expect(await page.locator('restage-overlay').count()).toBe(0);
      await expectHistoryIntact(env.harness, historyBefore, [id], panel);
      await panel.close();
      await page.close();
    },
  );

  it.each([
    ['right after extraction', 'navigates-away.html?on=overlay&how=push', 'viewport'],
    ['during a full-page capture', 'navigates-away.html?on=scroll&how=push', 'full'],
  ] as const)(
    'by an SPA route change %s: the document stays, so the critique completes',
    async (_, path, mode) => {
      const baseline = await baselineErrors(env.harness, url(path), async (page) => {
        await clickProbe(page);
        await clickProbe(page);
      });
      const historyBefore = (await historyRecords(env.harness)).map((r) => r.id);
      const { page, tabId } = await env.harness.openTab(url(path));
      const log = recordErrors(page);
      const held = await holdElements(page);
      const before = await boxesOf(held);
      const first = await clickProbe(page);
      const panel = await env.harness.openPanel(tabId);
      const id = await startCritique(panel, mode);
      await jobEnded(panel, id);
      const record = await getRecord(env.harness, id);
      expect(page.url()).toMatch(/\/faults\/route-two$/);
      expect(expectEnded(record)).toBe('done');
      expect(record.draft.errors).toEqual([]);
      expect(record.draft.shot?.mode).toBe(mode);
      // The critique is of the page it started on.
      expect(record.url).toBe(url(path));
      await setLabelsHidden(panel, page);
      expect(await layoutChanges(held, before), 'elements moved with the labels hidden').toEqual([]);
      expect([first, await clickProbe(page)]).toEqual([1, 2]);
      expect(addedErrors(baseline, log.errors)).toEqual([]);
      await expectHistoryIntact(env.harness, historyBefore, [id], panel);
      await panel.close();
      await page.close();
    },
  );
});

describe('the page removes the overlay’s host', () => {
  it('after a critique: Hide labels then Show puts the labels back', async () => {
    const { page, panel, id, log, historyBefore, record, held, layout } = await critique(
      'removes-overlay.html?times=0',
      'viewport',
    );
    expect(expectEnded(record)).toBe('done');
    expect(await labelsOnPage(page)).toBeGreaterThan(0);
    // The page's own script, as a framework re-rendering <html>'s children would.
    await page.evaluate(() => document.querySelector('restage-overlay')?.remove());
    expect(await labelsOnPage(page)).toBe(0);
    await setLabelsHidden(panel, page, true);
    await setLabelsHidden(panel, page, false);
    expect(await page.locator('restage-overlay').count()).toBe(1);
    await setLabelsHidden(panel, page, true);
    expect(await layoutChanges(held, layout)).toEqual([]);
    expect(await clickProbe(page)).toBe(2);
    expect(log.errors).toEqual([]);
    await expectHistoryIntact(env.harness, historyBefore, [id], panel);
    await setLabelsHidden(panel, page, false);
    await panel.close();
    await page.close();
  });

  it('during a critique: the critique completes, and the next one draws its labels again', async () => {
    const { page, panel, id, log, historyBefore, record, held, layout } = await critique(
      'removes-overlay.html?times=1',
      'viewport',
    );
    expect(expectEnded(record)).toBe('done');
    expect(await page.evaluate(() => (window as { removed?: number }).removed)).toBe(1);
    expect(await labelsOnPage(page)).toBe(0);
    expect(await sentencesShown(panel)).toEqual([]);
    const again = await startCritique(panel, 'viewport');
    await jobEnded(panel, again, ['done']);
    await expect.poll(() => labelsOnPage(page)).toBeGreaterThan(0);
    await setLabelsHidden(panel, page, true);
    expect(await layoutChanges(held, layout)).toEqual([]);
    expect(await clickProbe(page)).toBe(2);
    expect(log.errors).toEqual([]);
    await expectHistoryIntact(env.harness, historyBefore, [id, again], panel);
    await panel.close();
    await page.close();
  });
});

describe('the tab closes mid-capture', () => {
  it('during a full-page capture: the critique completes without its screenshot, in one sentence', async () => {
    const { panel, id, historyBefore, record } = await critique(
      'navigates-away.html',
      'full',
      async (page, panel) => {
        await expect
          .poll(() => panel.getByTestId('stage-progress').textContent(), { timeout: 10_000 })
          .toMatch(/Capturing frame [2-9] of \d+/);
        await page.close();
      },
    );
    const sentence =
      'The tab was closed during the critique; what was found before is kept, and reopening the page lets you critique it again.';
    expect(notPlainSentence(sentence)).toBeNull();
    expect(expectEnded(record)).toBe('done');
    expect(record.draft.errors).toEqual([sentence]);
    expect(record.draft.shot).toBeNull();
    expect(record.draft.findings.length).toBeGreaterThan(0);
    expect(record.job.stages.find((s) => s.name === 'capture')?.status).toBe('failed');
    expect(await sentencesShown(panel)).toEqual([sentence]);
    await panel.screenshot({ path: artifactPath('faults-tab-closed.png'), fullPage: true });
    await expectHistoryIntact(env.harness, historyBefore, [id], panel);
    await panel.close();
  });
});

describe('the service worker stops mid-model-call', () => {
  let fake: FakeOpenAI;
  const setSettings = async (settings: Settings) =>
    (await env.harness.extensionPage()).evaluate(
      (s) => (globalThis as unknown as ExtensionGlobal).chrome.storage.local.set({ settings: s }),
      settings,
    );
  beforeAll(async () => {
    fake = await startFakeOpenAI({ mode: 'hang' });
    await setSettings({
      ...DEFAULT_SETTINGS,
      provider: 'compatible',
      baseUrl: fake.baseUrl,
      apiKey: 'sk-e2e-faults-0042',
      imageGeneration: false,
      capPerCritiqueUsd: 5,
      capPerDayUsd: 100,
    });
  });
  afterAll(async () => {
    await setSettings(DEFAULT_SETTINGS);
    await fake?.close();
  });

  it('leaves the job interrupted with one sentence, and Resume finishes it with the model’s plan', async () => {
    const path = 'navigates-away.html?model';
    const baseline = await baselineErrors(env.harness, url(path), async (page) => {
      await clickProbe(page);
      await clickProbe(page);
    });
    const historyBefore = (await historyRecords(env.harness)).map((r) => r.id);
    const { page, tabId } = await env.harness.openTab(url(path));
    const log = recordErrors(page);
    const held = await holdElements(page);
    const before = await boxesOf(held);
    const first = await clickProbe(page);
    const panel = await env.harness.openPanel(tabId);
    const id = await startCritique(panel, 'viewport');
    await panel.locator('[data-stage="model-plan"].stages__item--running').waitFor({ timeout: 20_000 });
    await expect.poll(() => fake.requests.filter((r) => r.path.endsWith('/responses')).length).toBe(1);

    const cdp = await env.harness.context.newCDPSession(panel);
    await cdp.send('ServiceWorker.enable');
    await cdp.send('ServiceWorker.stopAllWorkers');
    // The panel's port drops; it reconnects, which starts the worker again, and asks for its job.
    await jobEnded(panel, id, ['interrupted'], 30_000);
    const interrupted = await getRecord(env.harness, id);
    const sentence =
      'The browser stopped Restage’s background worker during the model-plan stage; Resume continues from the last finished stage, or start a new critique.';
    expect(interrupted.job.error).toBe(sentence);
    expect(notPlainSentence(sentence)).toBeNull();
    expect(await sentencesShown(panel)).toEqual([sentence]);
    // Saved as it stood: every stage before the model's is done, with what it found.
    expect(interrupted.job.stages.filter((s) => s.status === 'done').map((s) => s.name)).toEqual([
      'regions',
      'measure',
      'capture',
      'plan',
    ]);
    expect(interrupted.draft.findings.length).toBeGreaterThan(0);
    expect(fake.requests[0]!.completed).toBe(false);
    await expectHistoryIntact(env.harness, historyBefore, [id], panel);

    fake.setMode('normal');
    await panel.getByRole('button', { name: 'Resume' }).click();
    await jobEnded(panel, id, ['done'], 30_000);
    expect(await panel.getByTestId('engine-summary').textContent()).toMatch(/^Plan by gpt-5\.4-mini/);
    expect(expectEnded(await getRecord(env.harness, id))).toBe('done');
    await setLabelsHidden(panel, page);
    expect(await layoutChanges(held, before)).toEqual([]);
    expect([first, await clickProbe(page)]).toEqual([1, 2]);
    expect(addedErrors(baseline, log.errors)).toEqual([]);
    await panel.close();
    await page.close();
  });
});

/**
 * Storage full for real: Chromium's quota for the extension's origin is lowered over CDP
 * (Storage.overrideQuotaForOrigin), and a ballast database fills what is left. IndexedDB
 * trusts a cached allowance for up to 30 s after it last asked the quota manager
 * (kBucketSpaceCacheTimeLimit in Chromium's content/browser/indexed_db/instance/bucket_context.h),
 * so the filling starts once that has run out; from then on every write is checked.
 */
describe('storage fills up during a save', () => {
  let harness: Harness;
  let launched = 0;
  beforeAll(async () => {
    launched = Date.now();
    harness = await launch();
  });
  afterAll(() => harness?.close());

  /** Writes `size` bytes to the ballast database; whether it was allowed. */
  const ballast = async (size: number) =>
    (await harness.extensionPage()).evaluate(
      (size) =>
        new Promise<boolean>((resolve) => {
          const open = indexedDB.open('ballast');
          open.onupgradeneeded = () => open.result.createObjectStore('weight');
          open.onsuccess = () => {
            const tx = open.result.transaction('weight', 'readwrite');
            const bytes = new Uint8Array(size);
            crypto.getRandomValues(bytes.subarray(0, Math.min(size, 65_536)));
            tx.objectStore('weight').put(new Blob([bytes]), crypto.randomUUID());
            tx.oncomplete = () => (open.result.close(), resolve(true));
            tx.onabort = () => (open.result.close(), resolve(false));
          };
          open.onerror = () => resolve(false);
        }),
      size,
    );

  it('keeps the critique in memory with one sentence, loses nothing saved before, and saves it once there is room', async () => {
    const ext = await harness.extensionPage();
    const cdp = await harness.context.newCDPSession(ext);
    const origin = `chrome-extension://${harness.extensionId}`;
    const { usage = 0 } = await ext.evaluate(() => navigator.storage.estimate());
    await cdp.send('Storage.overrideQuotaForOrigin', { origin, quotaSize: usage + 2_000_000 });

    const { page, tabId } = await harness.openTab(url('removes-overlay.html?times=0'));
    const log = recordErrors(page);
    const panel = await harness.openPanel(tabId);
    const earlier = [await startCritique(panel, 'viewport')];
    await jobEnded(panel, earlier[0]!, ['done']);
    earlier.push(await startCritique(panel, 'viewport'));
    await jobEnded(panel, earlier[1]!, ['done']);

    await new Promise((done) => setTimeout(done, Math.max(0, launched + 31_000 - Date.now())));
    for (const chunk of [262_144, 16_384, 1_024, 128]) while (await ballast(chunk));

    await panel.getByRole('button', { name: 'Critique this page' }).click();
    const notice = panel.getByTestId('storage-full');
    await notice.waitFor({ timeout: 30_000 });
    await panel.locator('[data-job-state=done]').waitFor();
    const sentence = await notice.locator('p').first().textContent();
    expect(sentence).toBe(
      'The browser’s storage for Restage is full, so this critique is not saved yet; everything saved before is still there.',
    );
    expect(notPlainSentence(sentence)).toBeNull();
    const id = await panel.locator('[data-job-id]').getAttribute('data-job-id');
    expect(earlier).not.toContain(id);
    await panel.screenshot({ path: artifactPath('faults-storage-full.png') });
    // The run is whole in the panel: its findings and labels, from memory.
    expect(await panel.getByRole('list', { name: 'Findings' }).locator('li').count()).toBeGreaterThan(0);
    expect(await labelsOnPage(page)).toBeGreaterThan(0);
    // Nothing half-written: every saved row parses, the earlier ones are all there, and the new
    // run is either saved whole or not at all.
    const saved = await historyRecords(harness);
    expect(saved.map((r) => r.id)).toEqual(expect.arrayContaining(earlier));
    expect(saved.map((r) => r.id)).not.toContain(id);
    for (const e of earlier) expect(expectEnded(await getRecord(harness, e))).toBe('done');
    await expectHistoryIntact(harness, [], earlier, panel);

    // Room again (the user clears other data), then the panel's offer.
    await ext.evaluate(
      () =>
        new Promise((done) => {
          const drop = indexedDB.deleteDatabase('ballast');
          drop.onsuccess = drop.onerror = drop.onblocked = () => done(null);
        }),
    );
    await cdp.send('Storage.overrideQuotaForOrigin', { origin });
    await notice.getByRole('button', { name: /Delete the 5 oldest critiques and save this one/ }).click();
    await expect
      .poll(() => notice.textContent(), { timeout: 15_000 })
      .toBe('Deleted 2 old critiques; this one is saved now.');
    const stored = await getRecord(harness, id!);
    expect(expectEnded(stored)).toBe('done');
    expect(stored.job.storageFull).toBe(false);
    expect(stored.draft.shot?.image.stored).toBe(true);
    expect(log.errors).toEqual([]);
    await panel.close();
    await page.close();
  }, 120_000);
});
