import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tallPage } from '@/test/fixtures/tall';
import { artifactPath, jobEnded, launch, serve, startCritique, type Harness } from '@/test/e2e/harness';

const pages = mkdtempSync(join(tmpdir(), 'restage-jobs-'));
writeFileSync(join(pages, 'tall.html'), tallPage(10));
writeFileSync(join(pages, 'short.html'), tallPage(1));
const profile = mkdtempSync(join(tmpdir(), 'restage-profile-'));

let server: Awaited<ReturnType<typeof serve>>;
let harness: Harness;
beforeAll(async () => {
  server = await serve({ '/': pages });
  harness = await launch({ profile });
});
afterAll(async () => {
  await harness?.close();
  await server?.close();
});

const overlayCount = (page: Page) => page.locator('restage-overlay').count();

describe('critique jobs', () => {
  it('finishes and is saved while the panel is closed; the reopened panel shows it', async () => {
    const { tabId } = await harness.openTab(`${server.origin}/tall.html`);
    const panel = await harness.openPanel(tabId);
    await startCritique(panel, 'full');
    await panel.getByTestId('stage-progress').waitFor();
    await panel.close();
    // The job goes on without its panel: a full-page capture of 10 screens takes seconds.
    await new Promise((done) => setTimeout(done, 7_000));
    const reopened = await harness.openPanel(tabId);
    await reopened.locator('[data-job-state=done]').waitFor({ timeout: 20_000 });
    expect(await reopened.getByRole('list', { name: 'Findings' }).locator('li').count()).toBeGreaterThan(0);
    expect(await reopened.getByTestId('label-summary').textContent()).toMatch(/full capture 1280×8\d{3} px/);
    await reopened.close();
  });

  it('closing the panel takes the boxes off the page', async () => {
    const { page, tabId } = await harness.openTab(`${server.origin}/short.html`);
    const panel = await harness.openPanel(tabId);
    await jobEnded(panel, await startCritique(panel, 'viewport'), ['done']);
    expect(await overlayCount(page)).toBe(1);
    await panel.close();
    await expect.poll(() => overlayCount(page)).toBe(0);
  });

  it('Cancel during a full-page capture stops at once and leaves scroll and styles as they were', async () => {
    const { page, tabId } = await harness.openTab(`${server.origin}/tall.html`);
    await page.evaluate(() => scrollTo(0, 321));
    const before = await page.evaluate(() => ({
      styles: document.querySelectorAll('style').length,
      sticky: getComputedStyle(document.querySelector('header')!).visibility,
    }));
    const panel = await harness.openPanel(tabId);
    await startCritique(panel, 'full');
    await expect
      .poll(() => panel.getByTestId('stage-progress').textContent(), { timeout: 10_000 })
      .toMatch(/Capturing frame [2-9] of \d+/);
    await panel.getByRole('button', { name: 'Cancel' }).click();
    await panel.locator('[data-job-state=cancelled]').waitFor({ timeout: 5_000 });
    expect(await panel.getByTestId('job-notice').textContent()).toMatch(
      /Cancelled\. What was found before is kept/,
    );
    expect(await panel.getByRole('list', { name: 'Findings' }).count()).toBe(1);
    await expect.poll(() => page.evaluate(() => scrollY)).toBe(321);
    const after = await page.evaluate(() => ({
      styles: document.querySelectorAll('style').length,
      sticky: getComputedStyle(document.querySelector('header')!).visibility,
      hidden: document.querySelectorAll('[data-restage-hide]').length,
    }));
    expect(after).toEqual({ ...before, hidden: 0 });
    await panel.close();
  });

  it('a stopped worker leaves the job interrupted, never spinning, and it resumes', async () => {
    const { tabId } = await harness.openTab(`${server.origin}/tall.html`);
    const panel = await harness.openPanel(tabId);
    await startCritique(panel, 'full');
    await expect
      .poll(() => panel.getByTestId('stage-progress').textContent(), { timeout: 10_000 })
      .toMatch(/Capturing frame/);
    const cdp = await harness.context.newCDPSession(panel);
    const versions: { versionId: string; scriptURL: string; runningStatus: string }[] = [];
    cdp.on('ServiceWorker.workerVersionUpdated', ({ versions: v }) => versions.push(...v));
    await cdp.send('ServiceWorker.enable');
    await expect.poll(() => versions.some((v) => v.scriptURL.endsWith('/background.js'))).toBe(true);
    const running = versions.filter(
      (v) => v.scriptURL.endsWith('/background.js') && v.runningStatus === 'running',
    );
    for (const v of running) await cdp.send('ServiceWorker.stopWorker', { versionId: v.versionId });
    // The panel's port drops; it reconnects, which starts the worker again, and asks for its job.
    await panel.locator('[data-job-state=interrupted]').waitFor({ timeout: 20_000 });
    expect(await panel.getByTestId('job-notice').textContent()).toMatch(
      /stopped Restage’s background worker during the capture stage/,
    );
    await panel.getByRole('button', { name: 'Resume' }).click();
    await panel.locator('[data-job-state=done]').waitFor({ timeout: 30_000 });
    expect(await panel.getByRole('list', { name: 'Findings' }).locator('li').count()).toBeGreaterThan(0);
    await panel.close();
  });

  it('the panel at 360 px and at 700 px', async () => {
    const { tabId } = await harness.openTab(`${server.origin}/short.html`);
    const panel = await harness.openPanel(tabId);
    await jobEnded(panel, await startCritique(panel, 'viewport'), ['done', 'failed', 'cancelled']);
    for (const width of [360, 700]) {
      await panel.setViewportSize({ width, height: 900 });
      await panel.screenshot({ path: artifactPath(`panel-${width}.png`), fullPage: true });
      const overflow = await panel.evaluate(() => document.documentElement.scrollWidth - innerWidth);
      expect(overflow, `no sideways scrolling at ${width} px`).toBeLessThanOrEqual(0);
    }
    await panel.close();
  });
});

describe('history', () => {
  it('survives a browser restart: History lists the critiques and reopens one with the same findings', async () => {
    const { tabId } = await harness.openTab(`${server.origin}/short.html`);
    const panel = await harness.openPanel(tabId);
    const made = await startCritique(panel, 'viewport');
    await jobEnded(panel, made, ['done']);
    const findings = await panel.getByRole('list', { name: 'Findings' }).locator('li').allTextContents();
    await harness.close();

    harness = await launch({ profile });
    const again = await harness.openTab(`${server.origin}/short.html`);
    const reopened = await harness.openPanel(again.tabId);
    await reopened.getByRole('tab', { name: 'History' }).click();
    // Runs are grouped by page, this page's first; each group lists its newest runs first.
    const list = reopened.getByTestId('history-view').locator('li[data-critique]');
    await list.first().waitFor();
    expect(await list.count()).toBeGreaterThanOrEqual(5);
    await reopened.screenshot({ path: artifactPath('panel-history.png'), fullPage: true });
    // Newest first, this page's critiques first: the one made just before the restart.
    const first = list.first();
    expect(await first.getAttribute('data-critique')).toBe(made);
    await first.getByRole('button', { name: 'Reopen' }).click();
    await expect
      .poll(() => reopened.getByRole('tab', { name: 'Critique' }).getAttribute('aria-selected'))
      .toBe('true');
    await reopened.locator(`[data-job-id="${made}"][data-job-state=done]`).waitFor();
    expect(await reopened.getByRole('list', { name: 'Findings' }).locator('li').allTextContents()).toEqual(
      findings,
    );

    await reopened.getByRole('tab', { name: 'History' }).click();
    await list
      .first()
      .getByRole('button', { name: /^Delete/ })
      .click();
    await expect.poll(() => reopened.locator(`li[data-critique="${made}"]`).count()).toBe(0);
  });
});
