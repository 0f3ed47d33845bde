/**
 * Privacy fails closed in real Chromium: a private selector the browser cannot parse, stored
 * past the options page (straight into `chrome.storage.local`, as utils/extension/settings/storage.ts
 * stores settings), is never skipped. The content script refuses it by name in every capture
 * mode, and a critique from the side panel stops with that sentence: no screenshot or
 * annotated image is stored and no model request is sent.
 */
import type { Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { type CaptureMode } from '@/utils/core/schemas/capture';
import { DEFAULT_SETTINGS, type Settings } from '@/utils/core/schemas/settings';
import { startFakeOpenAI, type FakeOpenAI } from '@/test/fake-openai/server';
import { artifactPath, critiqueInPanel, type ExtensionGlobal, withExtension } from '@/test/e2e/harness';

const env = withExtension({ '/fixtures': `${import.meta.dirname}/../fixtures/pages` });
const REFUSAL = 'Private selector `div[` is not a valid CSS selector: its `[` is never closed.';
let fake: FakeOpenAI;
beforeAll(async () => {
  fake = await startFakeOpenAI();
});
afterAll(() => fake?.close());
afterEach(async () => {
  await env.harness.worker.evaluate(() =>
    (globalThis as unknown as ExtensionGlobal).chrome.storage.local.clear(),
  );
});

/** Settings as the settings module stores them, with a model configured and `div[` among the selectors. */
async function storeInvalidSelector() {
  const settings: Settings = {
    ...DEFAULT_SETTINGS,
    provider: 'compatible',
    baseUrl: fake.baseUrl,
    apiKey: 'sk-e2e-privacy-key-0042',
    imageGeneration: true,
    capPerCritiqueUsd: 5,
    capPerDayUsd: 100,
    privateSelectors: ['.secret-note', 'div['],
  };
  await env.harness.worker.evaluate(
    (s) => (globalThis as unknown as ExtensionGlobal).chrome.storage.local.set({ settings: s }),
    settings,
  );
}

/** The job's saved record and the ids of its stored artifacts, read from the extension's IndexedDB. */
function savedJob(panel: Page, id: string) {
  return panel.evaluate(
    (jobId) =>
      new Promise<{ draft: { shot: unknown; annotated: unknown; image: unknown }; artifacts: string[] }>(
        (resolve, reject) => {
          const open = indexedDB.open('restage');
          open.onerror = () => reject(open.error);
          open.onsuccess = () => {
            const tx = open.result.transaction(['critiques', 'artifacts']);
            const record = tx.objectStore('critiques').get(jobId);
            const artifacts = tx.objectStore('artifacts').index('critiqueId').getAllKeys(jobId);
            tx.oncomplete = () => {
              open.result.close();
              resolve({ draft: record.result.draft, artifacts: artifacts.result as string[] });
            };
            tx.onerror = () => reject(tx.error);
          };
        },
      ),
    id,
  );
}

describe('an invalid private selector that reaches a capture', () => {
  it('is refused by name by the page in every capture mode, and the page is put back', async () => {
    const { page, tabId } = await env.harness.openTab(`${env.server.origin}/fixtures/password.html`);
    const privateSelectors = ['.secret-note', 'div['];
    const refused = (ask: Promise<unknown>) => expect(ask).rejects.toThrow(REFUSAL);
    // Viewport and picked element: the masks asked for before the capture.
    await refused(env.harness.ask(tabId, 'beforeCapture', { privateSelectors }));
    await env.harness.ask(tabId, 'afterCapture', undefined);
    // Full page: every frame asks for its masks.
    await env.harness.ask(tabId, 'beginFrames', undefined);
    await refused(env.harness.ask(tabId, 'frame', { y: 0, hideFixed: false, privateSelectors }));
    await env.harness.ask(tabId, 'endFrames', undefined);
    // DOM render: no fallback to a viewport capture.
    await refused(env.harness.ask(tabId, 'renderDom', { selector: null, privateSelectors }));
    // Region extraction hides private text with the same selectors.
    await refused(env.harness.ask(tabId, 'extractRegions', { privateSelectors }));
    expect(await page.evaluate(() => scrollY)).toBe(0);
  });

  it.each(['viewport', 'full', 'element', 'dom'] as CaptureMode[])(
    '%s: the panel names the selector and why, and no image is stored or sent',
    async (mode) => {
      await storeInvalidSelector();
      fake.setMode('normal');
      fake.requests.length = 0;
      const { tabId } = await env.harness.openTab(`${env.server.origin}/fixtures/password.html`);
      const panel = await env.harness.openPanel(tabId);
      const id = await critiqueInPanel(panel, mode, ['done', 'failed']);
      const notice = panel.getByTestId('job-notice');
      await expect.poll(() => notice.textContent()).toContain(REFUSAL);
      expect(await panel.locator('body').innerText()).not.toMatch(/hunter2|4242|launch date/);
      const { draft, artifacts } = await savedJob(panel, id);
      expect(artifacts).toEqual([]);
      expect(draft).toMatchObject({ shot: null, annotated: null, image: null });
      expect(await panel.getByTestId('annotated-shot').count()).toBe(0);
      expect(fake.requests).toEqual([]);
      if (mode === 'viewport') await panel.screenshot({ path: artifactPath('privacy-refused.png') });
    },
  );
});
