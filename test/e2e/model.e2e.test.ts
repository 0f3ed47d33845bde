/**
 * The model path through the extension, against the fake OpenAI-compatible server in
 * test/fake-openai/: what the user sees in the panel for each of its modes, and that the
 * offline critique is never lost. The real `openai` SDK runs inside the extension's worker.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFakeOpenAI, type FakeMode, type FakeOptions, type FakeOpenAI } from '@/test/fake-openai/server';
import {
  artifactPath,
  critiqueInPanel,
  DEMO_DIR,
  type ExtensionGlobal,
  withExtension,
} from '@/test/e2e/harness';
import { DEFAULT_SETTINGS, type Settings } from '@/utils/core/schemas/settings';

const env = withExtension({ '/demo': DEMO_DIR, '/fixtures': `${import.meta.dirname}/../fixtures/pages` });
const KEY = 'sk-e2e-secret-key-0042';
let fake: FakeOpenAI;
beforeAll(async () => {
  fake = await startFakeOpenAI();
});
afterAll(() => fake?.close());

async function useModel(extra: Partial<Settings> = {}) {
  const settings: Settings = {
    ...DEFAULT_SETTINGS,
    provider: 'compatible',
    baseUrl: fake.baseUrl,
    apiKey: KEY,
    imageGeneration: true,
    capPerCritiqueUsd: 5,
    capPerDayUsd: 100,
    ...extra,
  };
  const page = await env.harness.extensionPage();
  await page.evaluate(
    (s) => (globalThis as unknown as ExtensionGlobal).chrome.storage.local.set({ settings: s }),
    settings,
  );
}

async function critique(mode: FakeMode, options: FakeOptions = {}, path = '/demo/demo.html') {
  fake.setMode(mode, options);
  fake.requests.length = 0;
  const { page, tabId } = await env.harness.openTab(`${env.server.origin}${path}`);
  const panel = await env.harness.openPanel(tabId);
  await critiqueInPanel(panel, undefined, ['done', 'failed']);
  return { page, panel };
}

const findings = (panel: Page) => panel.getByRole('list', { name: 'Findings' }).locator('li');
const bases = async (panel: Page) =>
  new Set(
    await findings(panel)
      .locator('[data-basis]')
      .evaluateAll((spans) => spans.map((s) => s.getAttribute('data-basis'))),
  );

describe('the model path, with a fake OpenAI-compatible server', () => {
  it('normal: the model’s validated plan, its seen and inferred findings, a labelled generated image', async () => {
    await useModel();
    const { panel } = await critique('normal');
    expect(await panel.getByTestId('engine-summary').textContent()).toMatch(/^Plan by gpt-5\.4-mini/);
    expect(await bases(panel)).toEqual(new Set(['measured', 'seen', 'inferred']));
    await panel.screenshot({ path: artifactPath('model-critique.png'), fullPage: true });
    await panel.getByRole('tab', { name: 'Alternative' }).click();
    const figure = panel.getByTestId('generated-image');
    await figure.locator('img').waitFor();
    expect(await figure.locator('figcaption').textContent()).toBe('generated: a plan to check, not a fact');
    // The fake draws no text: an image with no readable text fails the check, never passes.
    expect(await panel.getByTestId('image-check').textContent()).toMatch(/no readable text/);
    await panel.screenshot({ path: artifactPath('model-alternative.png'), fullPage: true });
    const planner = fake.requests.find((r) => r.path.endsWith('/responses'))!;
    expect(planner.headers.authorization).toBe(`Bearer ${KEY}`);
  });

  it.each([
    ['server-error', {}, /internal error \(500\)\. Try again later\. The offline plan is shown instead\./],
    ['truncated-stream', {}, /cut off.*The offline plan is shown instead\./],
    ['refusal', {}, /declined to critique this page.*The offline plan is shown instead\./],
    ['bad-key', {}, /API key was refused \(401\)/],
    ['unknown-model', {}, /does not know the model.*404/],
    ['quota', {}, /out of credit.*waiting will not help/],
    ['context-too-long', {}, /longer than the model/],
    ['malformed-json', { repairFixes: false }, /failed validation twice/],
  ] as const)('%s: a plain message, and the offline critique stays whole', async (mode, options, message) => {
    await useModel();
    const { panel } = await critique(mode, options);
    expect(await panel.getByTestId('model-note').textContent()).toMatch(message);
    expect(await panel.getByTestId('engine-summary').textContent()).toMatch(/^Offline plan/);
    expect(await bases(panel)).toEqual(new Set(['measured']));
    expect(await findings(panel).count()).toBeGreaterThan(5);
    expect(await panel.getByTestId('score-value').textContent()).toMatch(/^\d+$/);
    await panel.getByRole('tab', { name: 'Alternative' }).click();
    expect(await panel.getByTestId('content-check').textContent()).toMatch(
      /^([\d,]+)\/\1 regions, ([\d,]+)\/\2 words, ([\d,]+)\/\3 images kept, 0 invented; layout: [^;]+ \((not )?passed\)$/,
    );
  });

  it('bad key: the panel says the 401 sentence once, and the image model is not asked with that key', async () => {
    await useModel({ imageGeneration: true });
    const { panel } = await critique('bad-key');
    const text = await panel.locator('body').innerText();
    expect(text.split('The API key was refused (401).').length - 1).toBe(1);
    expect(fake.requests.filter((r) => r.path.includes('/images/'))).toEqual([]);
    await panel.getByTestId('model-note').waitFor();
    await panel.screenshot({ path: artifactPath('model-bad-key.png') });
  });

  it('429 then OK: says it is retrying, then uses the model’s plan', async () => {
    await useModel();
    fake.setMode('rate-limit', { retryAfter: '1' });
    fake.requests.length = 0;
    const { tabId } = await env.harness.openTab(`${env.server.origin}/demo/demo.html`);
    const progress: string[] = [];
    const { record } = await env.harness.runJob({ tabId, mode: 'viewport' }, (event) => {
      const e = event as { type: string; job?: { progress: string | null } };
      if (e.type === 'stage' && e.job?.progress) progress.push(e.job.progress);
    });
    expect(progress).toContain('rate limited, retrying in 1 s');
    expect((record as { draft: { engine: string } }).draft.engine).toBe('model:gpt-5.4-mini');
  });

  it('slow stream: findings arrive one by one before the plan is done', async () => {
    await useModel({ imageGeneration: false });
    fake.setMode('slow-stream', { delayMs: 40 });
    const { tabId } = await env.harness.openTab(`${env.server.origin}/demo/demo.html`);
    const counts: number[] = [];
    await env.harness.runJob({ tabId, mode: 'viewport' }, (event) => {
      const e = event as { type: string; draft?: { findings?: { id: string }[] } };
      if (e.type === 'partial' && e.draft?.findings)
        counts.push(e.draft.findings.filter((f) => f.id.startsWith('model-')).length);
    });
    const growing = counts.filter((n, i) => i === 0 || n > counts[i - 1]!);
    expect(growing.length).toBeGreaterThanOrEqual(3);
  });

  it('malformed JSON once: one repair, then the model’s plan', async () => {
    await useModel({ imageGeneration: false });
    const { panel } = await critique('malformed-json');
    expect(await panel.getByTestId('engine-summary').textContent()).toMatch(/after one repair/);
    expect(fake.requests.filter((r) => r.path.endsWith('/responses'))).toHaveLength(2);
  });

  it('unknown region ids: the findings that cite them are dropped, and the panel says how many', async () => {
    await useModel({ imageGeneration: false });
    const { panel } = await critique('unknown-region-ids');
    expect(await panel.getByTestId('capture-note').allTextContents()).toContainEqual(
      expect.stringMatching(/^Dropped \d+ model findings? that cited regions this page does not have/),
    );
    const regions = await panel.getByRole('list', { name: 'Regions' }).locator('li').count();
    const cited = await findings(panel).locator('.badge').allTextContents();
    expect(cited.filter((n) => Number(n) > regions)).toEqual([]);
  });

  it('invented text in the blueprint: repaired, and the plan keeps the page’s content', async () => {
    await useModel({ imageGeneration: false });
    const { panel } = await critique('invented-text');
    await panel.getByRole('tab', { name: 'Alternative' }).click();
    expect(await panel.getByTestId('content-check').textContent()).toMatch(
      /^([\d,]+)\/\1 regions, ([\d,]+)\/\2 words, ([\d,]+)\/\3 images kept, 0 invented; layout: [^;]+ \((not )?passed\)$/,
    );
  });

  it('a server without /v1/responses: Chat Completions with a schema', async () => {
    await useModel({ imageGeneration: false });
    const { panel } = await critique('chat-only');
    expect(await panel.getByTestId('engine-summary').textContent()).toMatch(/^Plan by gpt-5\.4-mini/);
    expect(fake.requests.some((r) => r.path.endsWith('/chat/completions'))).toBe(true);
  });

  it('Cancel during the planner call aborts the HTTP request and keeps the offline critique', async () => {
    await useModel({ imageGeneration: false });
    fake.setMode('hang');
    fake.requests.length = 0;
    const { tabId } = await env.harness.openTab(`${env.server.origin}/demo/demo.html`);
    const panel = await env.harness.openPanel(tabId);
    await panel.getByRole('button', { name: 'Critique this page' }).click();
    await expect
      .poll(() => panel.getByTestId('stage-progress').textContent(), { timeout: 20_000 })
      .toMatch(/asking gpt-5\.4-mini for a plan/);
    await expect.poll(() => fake.requests.length, { timeout: 10_000 }).toBeGreaterThan(0);
    await panel.getByRole('button', { name: 'Cancel' }).click();
    await panel.locator('[data-job-state=cancelled]').waitFor({ timeout: 5_000 });
    expect(await findings(panel).count()).toBeGreaterThan(5);
    await expect.poll(() => fake.requests[0]!.completed).toBe(false);
  });

  it('page text reaches the model only as quoted data; hidden text never does; the key is in no page, history or log', async () => {
    await useModel({ imageGeneration: false });
    const logs: string[] = [];
    env.harness.context.on('console', (m) => logs.push(m.text()));
    env.harness.worker.on('console', (m) => logs.push(m.text()));
    const { page, panel } = await critique('normal', {}, '/fixtures/prompt-injection.html');
    const body = JSON.stringify(fake.requests.find((r) => r.path.endsWith('/responses'))!.body);
    // The instructions name the delimiters first; the data block is the last pair.
    const begin = body.lastIndexOf('<<<PAGE DATA');
    const end = body.lastIndexOf('<<<END PAGE DATA>>>');
    const injection = body.indexOf('ignore all previous instructions');
    expect(begin).toBeGreaterThan(0);
    expect(injection).toBeGreaterThan(begin);
    expect(injection).toBeLessThan(end);
    expect(body.split('ignore all previous instructions')).toHaveLength(2);
    expect(body).not.toContain('Hidden instruction');
    expect(body).not.toContain('Off-screen text');

    // The page and our overlay in it hold nothing of the key (messages to content scripts carry
    // no settings at all: test/utils/messaging/protocol.test.ts checks their schemas).
    const onPage = await page.evaluate(
      () =>
        document.documentElement.outerHTML +
        (document.querySelector('restage-overlay')?.shadowRoot?.innerHTML ?? ''),
    );
    expect(onPage).toContain('Garden tools');
    expect(onPage).not.toContain(KEY);
    const saved = await panel.evaluate(async () => {
      const open = indexedDB.open('restage');
      const db = await new Promise<IDBDatabase>((done) => (open.onsuccess = () => done(open.result)));
      const read = (store: string) =>
        new Promise<unknown[]>((done) => {
          const request = db.transaction(store).objectStore(store).getAll();
          request.onsuccess = () => done(request.result);
        });
      const artifacts = (await read('artifacts')) as { blob: Blob }[];
      const texts = await Promise.all(artifacts.map((a) => a.blob.text()));
      return JSON.stringify(await read('critiques')) + texts.join('');
    });
    expect(saved).toContain('Garden tools');
    expect(saved).not.toContain(KEY);
    expect(logs.join('\n')).not.toContain(KEY);
  });
});
