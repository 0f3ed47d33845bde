import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startFakeOpenAI, type FakeOpenAI } from '@/test/fake-openai/server';
import { testConnection } from '@/utils/background/model/connection';
import { ConnectionResult } from '@/utils/core/schemas/settings';
import { settingsFor } from '@/test/utils/background/model/fixtures';

let fake: FakeOpenAI;
beforeAll(async () => {
  fake = await startFakeOpenAI();
});
afterAll(() => fake.close());
beforeEach(() => {
  fake.setMode('normal');
  fake.requests.length = 0;
});

const EXTENSION_ORIGIN = 'chrome-extension://abcdefghijklmnopabcdefghijklmnop';
const test = (overrides = {}, timeoutMs?: number) =>
  testConnection(settingsFor(fake.baseUrl, overrides), { extensionOrigin: EXTENSION_ORIGIN, timeoutMs }).then(
    (r) => ConnectionResult.parse(r),
  );

describe('Test connection', () => {
  it('says connected and lists the models found', async () => {
    const result = await test();
    expect(result).toEqual({
      ok: true,
      kind: 'connected',
      message: `Connected to ${new URL(fake.baseUrl).host}: 3 models, including the planner model “gpt-5.4-mini”.`,
      models: ['gpt-5.4-mini', 'gpt-image-2', 'qwen2.5vl:7b'],
    });
    expect(fake.requests.map((r) => `${r.method} ${r.path}`)).toEqual(['GET /v1/models']);
  });

  it('401: the key was refused', async () => {
    fake.setMode('bad-key');
    expect(await test()).toMatchObject({
      ok: false,
      kind: 'bad-key',
      message: 'The API key was refused (401). Check it in Restage settings.',
    });
  });

  it('403 on Ollama: the exact OLLAMA_ORIGINS to set, even when the model list gets through', async () => {
    fake.setMode('origin-check');
    // As Chromium does from an extension: an Origin header on POSTs, none on GETs.
    const asExtension: typeof fetch = (url, init) => {
      const headers = new Headers(init?.headers);
      if (init?.method === 'POST') headers.set('origin', EXTENSION_ORIGIN);
      return fetch(url, { ...init, headers });
    };
    const result = await testConnection(settingsFor(fake.baseUrl, { provider: 'ollama', apiKey: '' }), {
      extensionOrigin: EXTENSION_ORIGIN,
      fetch: asExtension,
    });
    expect(result).toMatchObject({ ok: false, kind: 'forbidden' });
    expect(result.message).toBe(
      `Ollama refused this extension (403). Quit Ollama and start it with OLLAMA_ORIGINS=${EXTENSION_ORIGIN} set, then try again.`,
    );
    expect(fake.requests.map((r) => `${r.method} ${r.path} ${r.status}`)).toEqual([
      'GET /v1/models 200',
      'POST /v1/chat/completions 403',
    ]);
  });

  it('Ollama with its origin allowed: connected', async () => {
    const result = await test({ provider: 'ollama', apiKey: '', plannerModel: 'qwen2.5vl:7b' });
    expect(result).toMatchObject({ ok: true, kind: 'connected' });
  });

  it('403 elsewhere: access refused', async () => {
    fake.setMode('forbidden');
    expect(await test()).toMatchObject({
      ok: false,
      kind: 'forbidden',
      message: 'The server refused access (403): this key may not be allowed to use this model or endpoint.',
    });
  });

  it('404 unknown model: connected, but the planner model is not offered', async () => {
    fake.setMode('unknown-model');
    expect(await test()).toEqual({
      ok: false,
      kind: 'unknown-model',
      message: `Connected to ${new URL(fake.baseUrl).host}, but it does not offer the planner model “gpt-5.4-mini” (404 unknown model). It offers: qwen2.5vl:7b.`,
      models: ['qwen2.5vl:7b'],
    });
  });

  it('no network: nothing is listening', async () => {
    const gone = await startFakeOpenAI();
    await gone.close();
    const result = await testConnection(settingsFor(gone.baseUrl), {});
    expect(result).toMatchObject({ ok: false, kind: 'network' });
    expect(result.message).toBe(
      `Cannot reach ${new URL(gone.baseUrl).host}: the network is down or the server is not running.`,
    );
  });

  it('timeout: the server never answers', async () => {
    fake.setMode('hang');
    expect(await test({}, 200)).toMatchObject({
      ok: false,
      kind: 'timeout',
      message: expect.stringMatching(/did not answer within 0.2 s/),
    });
  });

  it('asks for what is missing before calling anyone', async () => {
    expect(await test({ provider: 'openai', apiKey: '' })).toMatchObject({
      ok: false,
      kind: 'config',
      message: 'OpenAI needs an API key. Enter one, then test again.',
    });
    expect(await test({ provider: 'azure', azureEndpoint: '' })).toMatchObject({
      ok: false,
      kind: 'config',
      message: 'Azure needs the resource endpoint.',
    });
    expect(fake.requests).toHaveLength(0);
  });
});
