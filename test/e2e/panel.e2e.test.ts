import { describe, expect, it } from 'vitest';
import { artifactPath, DEMO_DIR, type ExtensionGlobal, withExtension } from '@/test/e2e/harness';

const env = withExtension({ '/demo': DEMO_DIR });

describe('side panel', () => {
  it('shows the target tab’s title and URL, and the content script answers ping', async () => {
    const { page, tabId } = await env.harness.openTab(`${env.server.origin}/demo/demo.html`);
    const title = await page.title();
    const elementCount = await page.evaluate(() => document.getElementsByTagName('*').length);
    expect(title.length).toBeGreaterThan(0);

    const panel = await env.harness.openPanel(tabId);
    await expect.poll(() => panel.getByTestId('tab-title').textContent()).toBe(title);
    expect(await panel.getByTestId('tab-url').textContent()).toBe(page.url());
    await expect
      .poll(() => panel.getByTestId('tab-verdict').textContent())
      .toBe(`Ready to critique · ${elementCount.toLocaleString('en-US')} elements on the page`);
    await panel.screenshot({ path: artifactPath('panel.png') });
  });

  it('says in a plain sentence why a browser page cannot be critiqued', async () => {
    const { tabId } = await env.harness.openTab('chrome://version/');
    const panel = await env.harness.openPanel(tabId);
    await expect
      .poll(() => panel.getByTestId('tab-verdict').textContent())
      .toMatch(/browser page\. Browsers do not let extensions read or capture their own pages/);
    await panel.screenshot({ path: artifactPath('panel-restricted.png') });
  });

  it('injects the content script once, however often the panel probes', async () => {
    const { page, tabId } = await env.harness.openTab(`${env.server.origin}/demo/demo.html`);
    for (let i = 0; i < 3; i++) {
      const panel = await env.harness.openPanel(tabId);
      await expect.poll(() => panel.getByTestId('tab-verdict').textContent()).toMatch(/^Ready to critique/);
      await panel.close();
    }
    // A reload drops the old content script; the next probe injects a fresh one.
    await page.reload();
    const panel = await env.harness.openPanel(tabId);
    await expect.poll(() => panel.getByTestId('tab-verdict').textContent()).toMatch(/^Ready to critique/);
  });
});

describe('options page', () => {
  it('validates, saves with a confirmation, and shows the key masked', async () => {
    const options = await env.harness.context.newPage();
    await options.goto(`chrome-extension://${env.harness.extensionId}/options.html`);
    await options.locator('select[name=provider]').selectOption('compatible');
    await options.locator('input[name=baseUrl]').fill('not a url');
    await options.getByRole('button', { name: 'Save' }).click();
    await expect
      .poll(() => options.locator('.field__error').first().textContent())
      .toBe('Base URL must be an http(s) URL');
    expect(await options.getByRole('status').count()).toBe(0);

    await options.locator('input[name=baseUrl]').fill('http://127.0.0.1:9/v1');
    await options.locator('textarea[name=privateSelectors]').fill('.notes\n[[broken');
    await options.getByRole('button', { name: 'Save' }).click();
    await expect
      .poll(() => options.locator('.field__error').first().textContent())
      .toBe('Private selector `[[broken` is not a valid CSS selector: its `[` is never closed.');
    await options.locator('textarea[name=privateSelectors]').fill('.notes\n\n#card-number');
    await options.locator('input[name=apiKey]').fill('sk-test-abcdefghijkl9876');
    await options.getByRole('button', { name: 'Save' }).click();
    await expect.poll(() => options.getByRole('status').textContent()).toBe('Saved');
    expect(await options.getByTestId('saved-key').textContent()).toBe('Saved key: sk-…9876');
    expect(await options.locator('input[name=apiKey]').getAttribute('type')).toBe('password');

    const stored = await env.harness.worker.evaluate(() =>
      (globalThis as unknown as ExtensionGlobal).chrome.storage.local.get('settings'),
    );
    expect(stored).toMatchObject({ settings: { baseUrl: 'http://127.0.0.1:9/v1' } });
    // The key is in its own store (utils/extension/settings/keyStore.ts), not in local storage.
    expect(JSON.stringify(stored)).not.toContain('sk-test-abcdefghijkl9876');
    // Reopened, the page shows the saved key masked again.
    await options.reload();
    await expect.poll(() => options.getByTestId('saved-key').textContent()).toBe('Saved key: sk-…9876');
    await options.screenshot({ path: artifactPath('options.png') });
  });
});
