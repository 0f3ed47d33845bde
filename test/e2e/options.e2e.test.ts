/**
 * The options page in real Chromium: provider presets show their own fields, Test connection
 * goes through the background to a fake OpenAI-compatible server and answers in a plain
 * sentence, and spending caps are validated. Screenshots go to test-results/.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { startFakeOpenAI, type FakeOpenAI } from '@/test/fake-openai/server';
import { DEFAULT_SETTINGS } from '@/utils/core/schemas/settings';
import { artifactPath, type ExtensionGlobal, withExtension } from '@/test/e2e/harness';

const env = withExtension({});
let fake: FakeOpenAI;
beforeAll(async () => {
  fake = await startFakeOpenAI();
});
afterAll(() => fake?.close());

async function openOptions(): Promise<Page> {
  const page = await env.harness.context.newPage();
  await page.setViewportSize({ width: 640, height: 1100 });
  await page.goto(`chrome-extension://${env.harness.extensionId}/options.html`);
  await page.locator('select[name=provider]').waitFor();
  return page;
}

const visible = (page: Page, name: string) => page.locator(`[name=${name}]`).isVisible();

async function testConnection(page: Page): Promise<string> {
  await page.getByRole('button', { name: 'Test connection' }).click();
  const result = page.getByTestId('connection-result');
  await result.waitFor();
  return (await result.textContent()) ?? '';
}

describe('options page: providers', () => {
  it('shows OpenAI by default: a key, the models and the caps, no base URL', async () => {
    const page = await openOptions();
    expect(await page.locator('select[name=provider]').inputValue()).toBe('openai');
    expect(await visible(page, 'apiKey')).toBe(true);
    expect(await visible(page, 'baseUrl')).toBe(false);
    expect(await page.locator('input[name=plannerModel]').inputValue()).toBe('gpt-5.4-mini');
    expect(await page.locator('input[name=imageModel]').inputValue()).toBe('gpt-image-2');
    expect(await page.locator('input[name=capPerCritiqueUsd]').inputValue()).toBe('0.25');
    expect(await page.locator('input[name=capPerDayUsd]').inputValue()).toBe('2');
    await page.screenshot({ path: artifactPath('options-openai.png'), fullPage: true });
  });

  it('asks Azure for endpoint, deployment and API version, and names what is missing', async () => {
    const page = await openOptions();
    await page.locator('select[name=provider]').selectOption('azure');
    for (const name of ['azureEndpoint', 'azureDeployment', 'azureApiVersion', 'apiKey'])
      expect(await visible(page, name)).toBe(true);
    expect(await page.getByText('Image deployment').isVisible()).toBe(true);
    await page.getByRole('button', { name: 'Save' }).click();
    await expect
      .poll(() => page.locator('.field__error').allTextContents())
      .toEqual(['Azure needs the resource endpoint', 'Azure needs the name of a deployment']);
    await page.screenshot({ path: artifactPath('options-azure.png'), fullPage: true });
  });

  it('Ollama: no key field, no images, and a 403 names the exact OLLAMA_ORIGINS to set', async () => {
    fake.setMode('origin-check');
    const page = await openOptions();
    await page.locator('select[name=provider]').selectOption('ollama');
    expect(await page.locator('input[name=baseUrl]').inputValue()).toBe('http://127.0.0.1:11434/v1');
    expect(await visible(page, 'apiKey')).toBe(false);
    expect(await page.locator('input[name=imageGeneration]').isDisabled()).toBe(true);
    await page.locator('input[name=baseUrl]').fill(fake.baseUrl);
    const message = await testConnection(page);
    expect(message).toContain(`OLLAMA_ORIGINS=chrome-extension://${env.harness.extensionId}`);
    // Chromium sends the extension's Origin on the POST probe, not on the GET of the model list.
    expect(fake.requests.slice(-2).map((r) => [r.method, r.status, r.headers.origin])).toEqual([
      ['GET', 200, undefined],
      ['POST', 403, `chrome-extension://${env.harness.extensionId}`],
    ]);
    await page.screenshot({ path: artifactPath('options-ollama-403.png'), fullPage: true });
  });
});

describe('options page: Test connection', () => {
  it('says connected and lists the models found', async () => {
    fake.setMode('normal');
    const page = await openOptions();
    await page.locator('select[name=provider]').selectOption('compatible');
    await page.locator('input[name=baseUrl]').fill(fake.baseUrl);
    await page.locator('input[name=apiKey]').fill('sk-test-e2e-key-5678');
    expect(await testConnection(page)).toBe(
      `Connected to ${new URL(fake.baseUrl).host}: 3 models, including the planner model “gpt-5.4-mini”.`,
    );
    expect(fake.requests.at(-1)?.headers.authorization).toBe('Bearer sk-test-e2e-key-5678');
    // The models found are offered for the planner field.
    expect(
      await page
        .locator('#found-models option')
        .evaluateAll((o) => o.map((e) => (e as HTMLOptionElement).value)),
    ).toEqual(['gpt-5.4-mini', 'gpt-image-2', 'qwen2.5vl:7b']);
    await page.screenshot({ path: artifactPath('options-connected.png'), fullPage: true });
  });

  it.each([
    ['bad-key', 'The API key was refused (401). Check it in Restage settings.'],
    ['unknown-model', 'but it does not offer the planner model “gpt-5.4-mini” (404 unknown model)'],
  ] as const)('%s: a plain sentence', async (mode, words) => {
    fake.setMode(mode);
    const page = await openOptions();
    await page.locator('select[name=provider]').selectOption('compatible');
    await page.locator('input[name=baseUrl]').fill(fake.baseUrl);
    expect(await testConnection(page)).toContain(words);
  });

  it('no network: nothing listening at the base URL', async () => {
    const gone = await startFakeOpenAI();
    await gone.close();
    const page = await openOptions();
    await page.locator('select[name=provider]').selectOption('lmstudio');
    await page.locator('input[name=baseUrl]').fill(gone.baseUrl);
    expect(await testConnection(page)).toBe(
      `Cannot reach ${new URL(gone.baseUrl).host}: the network is down or the server is not running.`,
    );
  });
});

describe('options page: caps and saving', () => {
  it('rejects a negative cap, then saves the provider, caps and quality to local storage only', async () => {
    fake.setMode('normal');
    const page = await openOptions();
    await page.locator('select[name=provider]').selectOption('compatible');
    await page.locator('input[name=baseUrl]').fill(fake.baseUrl);
    await page.locator('input[name=capPerCritiqueUsd]').fill('-1');
    await page.getByRole('button', { name: 'Save' }).click();
    await expect
      .poll(() => page.locator('.field__error').first().textContent())
      .toBe('Cap per critique cannot be negative');
    await page.locator('input[name=capPerCritiqueUsd]').fill('0.1');
    await page.locator('input[name=imageGeneration]').check();
    await page.locator('select[name=imageQuality]').selectOption('low');
    await page.getByRole('button', { name: 'Save' }).click();
    await expect.poll(() => page.getByRole('status').last().textContent()).toBe('Saved');
    const stored = await env.harness.worker.evaluate(async () => {
      const api = (globalThis as unknown as ExtensionGlobal).chrome.storage;
      return { local: await api.local.get('settings'), sync: await api.sync.get(null) };
    });
    expect(stored.local).toMatchObject({
      settings: {
        provider: 'compatible',
        baseUrl: fake.baseUrl,
        capPerCritiqueUsd: 0.1,
        imageGeneration: true,
        imageQuality: 'low',
      },
    });
    expect(stored.sync).toEqual({});
    await page.screenshot({ path: artifactPath('options-saved.png'), fullPage: true });
  });
});

describe('options page: private selectors', () => {
  const REFUSAL = 'Private selector `div[` is not a valid CSS selector: its `[` is never closed.';
  const storedSettings = () =>
    env.harness.worker.evaluate(() =>
      (globalThis as unknown as ExtensionGlobal).chrome.storage.local.get('settings'),
    );

  it('refuses `div[` on Save with the reason next to the field, and stores nothing', async () => {
    await env.harness.worker.evaluate(() =>
      (globalThis as unknown as ExtensionGlobal).chrome.storage.local.clear(),
    );
    const page = await openOptions();
    const field = page.locator('textarea[name=privateSelectors]');
    await field.fill('.account-number\ndiv[');
    await page.getByRole('button', { name: 'Save' }).click();
    const error = page.locator('.field:has(textarea[name=privateSelectors]) .field__error');
    await expect.poll(() => error.textContent()).toBe(REFUSAL);
    expect(await field.getAttribute('aria-invalid')).toBe('true');
    expect(await page.getByRole('status').count()).toBe(0);
    expect(await storedSettings()).toEqual({});
    await page.screenshot({ path: artifactPath('options-private-selector.png'), fullPage: true });

    await field.fill('.account-number\n#customer-notes');
    await page.getByRole('button', { name: 'Save' }).click();
    await expect.poll(() => page.getByRole('status').last().textContent()).toBe('Saved');
    expect(await storedSettings()).toMatchObject({
      settings: { privateSelectors: ['.account-number', '#customer-notes'] },
    });
  });

  it('shows a stored invalid selector as it was written, with the reason, when the page opens', async () => {
    await env.harness.worker.evaluate(
      (settings) => (globalThis as unknown as ExtensionGlobal).chrome.storage.local.set({ settings }),
      { ...DEFAULT_SETTINGS, privateSelectors: ['.account-number', 'div['] },
    );
    const page = await openOptions();
    expect(await page.locator('textarea[name=privateSelectors]').inputValue()).toBe('.account-number\ndiv[');
    await expect
      .poll(() => page.locator('.field:has(textarea[name=privateSelectors]) .field__error').textContent())
      .toBe(REFUSAL);
    await page.getByRole('button', { name: 'Save' }).click();
    expect(await page.getByRole('status').count()).toBe(0);
    expect(await storedSettings()).toMatchObject({
      settings: { privateSelectors: ['.account-number', 'div['] },
    });
    await env.harness.worker.evaluate(() =>
      (globalThis as unknown as ExtensionGlobal).chrome.storage.local.clear(),
    );
  });
});
