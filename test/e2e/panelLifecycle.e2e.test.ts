import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { type ExtensionGlobal, jobEnded, startCritique, withExtension } from '@/test/e2e/harness';

const pages = mkdtempSync(join(tmpdir(), 'restage-close-'));
writeFileSync(
  join(pages, 'clicks.html'),
  `<!doctype html><html lang="en"><head><title>Clicks</title></head><body>
  <h1 id="title">A page that counts its clicks</h1>
  <p>Some text to critique, long enough to be a region of its own.</p>
  <button id="go" onclick="window.clicks = (window.clicks || 0) + 1">Go</button>
  </body></html>`,
);
const env = withExtension({ '/': pages });

/** Whether Restage's content script is in the tab, asked without injecting it. */
const injected = async (tabId: number) =>
  (await env.harness.extensionPage()).evaluate(async (id) => {
    const { chrome } = globalThis as unknown as ExtensionGlobal;
    const ping = { id: Date.now(), type: 'ping', data: undefined, timestamp: Date.now() };
    return chrome.tabs.sendMessage(id, ping).then(
      () => true,
      () => false,
    );
  }, tabId);

describe('opening the panel', () => {
  it('is what the toolbar button does', async () => {
    const page = await env.harness.extensionPage();
    // The worker sets the behaviour as it starts, without waiting: ask until it has.
    const behavior = () =>
      page.evaluate(() =>
        (
          globalThis as unknown as {
            chrome: { sidePanel: { getPanelBehavior(): Promise<{ openPanelOnActionClick?: boolean }> } };
          }
        ).chrome.sidePanel.getPanelBehavior(),
      );
    await expect.poll(async () => (await behavior()).openPanelOnActionClick, { timeout: 5_000 }).toBe(true);
  });

  it('is what puts Restage into a page: a page never opened in the panel is not touched', async () => {
    const { page, tabId } = await env.harness.openTab(`${env.server.origin}/clicks.html?untouched`);
    expect(await injected(tabId)).toBe(false);
    const panel = await env.harness.openPanel(tabId);
    await expect.poll(() => panel.getByTestId('tab-verdict').textContent()).toMatch(/^Ready to critique/);
    expect(await injected(tabId)).toBe(true);
    await panel.close();
    await page.close();
  });
});

describe('closing the panel', () => {
  it('aborts a pending element pick: the page gets its clicks back, and the job still ends', async () => {
    const { page, tabId } = await env.harness.openTab(`${env.server.origin}/clicks.html`);
    const panel = await env.harness.openPanel(tabId);
    const job = await startCritique(panel, 'element');
    await expect
      .poll(() => panel.getByTestId('stage-progress').textContent(), { timeout: 10_000 })
      .toMatch(/Click an element on the page/);
    await page.waitForTimeout(200); // the picker's listeners are in place once the message lands
    // While picking, the page's own handlers never see the click.
    await page.locator('#go').hover();
    await page.mouse.down();
    await page.mouse.up();
    expect(await page.evaluate(() => (window as { clicks?: number }).clicks ?? 0)).toBe(0);
    // (That click chose the button; start a second pick to close the panel on.)
    await jobEnded(panel, job);
    const pending = await startCritique(panel, 'element');
    await expect
      .poll(() => panel.getByTestId('stage-progress').textContent(), { timeout: 10_000 })
      .toMatch(/Click an element on the page/);
    await page.waitForTimeout(200);
    await panel.close();

    await expect.poll(() => page.locator('restage-overlay').count(), { timeout: 10_000 }).toBe(0);
    await page.locator('#go').click();
    expect(await page.evaluate(() => (window as { clicks?: number }).clicks ?? 0)).toBe(1);

    const reopened = await env.harness.openPanel(tabId);
    await jobEnded(reopened, pending, ['done']);
    expect(await reopened.getByTestId('capture-note').allTextContents()).toContain(
      'Capture failed: Picking was cancelled.',
    );
    await reopened.close();
  });
});
