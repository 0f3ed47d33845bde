/**
 * Client construction per provider, checked by what actually reaches the server: paths,
 * query, auth header. Azure routes chat and images to /openai/deployments/<name>/… with an
 * api-version and an `api-key` header; the Responses API takes the deployment as its model.
 */
import { AzureOpenAI } from 'openai';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startFakeOpenAI, type FakeOpenAI } from '@/test/fake-openai/server';
import { createModelClient, modelIdFor } from '@/utils/background/model/client';
import { planWithModel } from '@/utils/background/model/planWithModel';
import { renderNextState } from '@/utils/background/model/renderImage';
import {
  MEASURED,
  modelPage,
  SHOT_1280,
  SHOT_SMALL,
  settingsFor,
} from '@/test/utils/background/model/fixtures';

let fake: FakeOpenAI;
beforeAll(async () => {
  fake = await startFakeOpenAI();
});
afterAll(() => fake.close());
beforeEach(() => {
  fake.setMode('normal');
  fake.requests.length = 0;
});

const azure = () =>
  settingsFor('https://unused.example/v1', {
    provider: 'azure',
    apiKey: 'azure-key-0123456789',
    azureEndpoint: `${fake.origin}/`,
    azureDeployment: 'planner-prod',
    azureApiVersion: '2025-04-01-preview',
    imageModel: 'image-prod',
  });

describe('Azure OpenAI client', () => {
  it('is an AzureOpenAI with the endpoint’s /openai base, the API version and no SDK retries', () => {
    const client = createModelClient(azure(), 'planner');
    expect(client).toBeInstanceOf(AzureOpenAI);
    expect(client.baseURL).toBe(`${fake.origin}/openai`);
    expect(client.maxRetries).toBe(0);
    expect((client as AzureOpenAI).apiVersion).toBe('2025-04-01-preview');
    expect(modelIdFor(azure(), 'planner')).toBe('planner-prod');
    expect(modelIdFor(azure(), 'image')).toBe('image-prod');
  });

  it('plans through /openai/responses with the deployment as model and the api-key header', async () => {
    const settings = azure();
    const outcome = await planWithModel(
      {
        regions: modelPage(),
        findings: MEASURED,
        screenshot: SHOT_SMALL,
        viewport: { width: 1280, height: 800 },
      },
      {
        client: createModelClient(settings, 'planner'),
        settings,
        spend: { thisCritiqueUsd: 0, todayUsd: 0 },
      },
    );
    expect(outcome.status).toBe('model');
    // The engine names the model (for prices and the report), not the deployment.
    expect(outcome.status === 'model' && outcome.engine).toBe('model:gpt-5.4-mini');
    const [request] = fake.requests;
    expect(request).toMatchObject({
      path: '/openai/responses',
      query: { 'api-version': '2025-04-01-preview' },
    });
    expect(request!.body).toMatchObject({ model: 'planner-prod' });
    expect(request!.headers['api-key']).toBe('azure-key-0123456789');
    expect(request!.headers.authorization).toBeUndefined();
  });

  it('falls back to /openai/deployments/<planner>/chat/completions', async () => {
    fake.setMode('chat-only');
    const settings = azure();
    await planWithModel(
      {
        regions: modelPage(),
        findings: MEASURED,
        screenshot: SHOT_SMALL,
        viewport: { width: 1280, height: 800 },
      },
      {
        client: createModelClient(settings, 'planner'),
        settings,
        spend: { thisCritiqueUsd: 0, todayUsd: 0 },
      },
    );
    expect(fake.requests.map((r) => r.path)).toEqual([
      '/openai/responses',
      '/openai/deployments/planner-prod/chat/completions',
    ]);
  });

  it('draws through /openai/deployments/<image deployment>/images/edits', async () => {
    const settings = { ...azure(), imageModel: 'gpt-image-2' };
    const plan = {
      blueprint: {
        sections: [{ id: 's1', source: 'main', emphasis: 'primary' as const, regionIds: ['r3'] }],
        typeScale: { base: 16, ratio: 1.25 },
        spacingUnit: 8 as const,
      },
      cssPatch: [],
      findings: [],
      doNotTouch: [],
    };
    const outcome = await renderNextState(
      { plan, regions: modelPage(), screenshot: SHOT_1280 },
      { client: createModelClient(settings, 'image'), settings, spend: { thisCritiqueUsd: 0, todayUsd: 0 } },
    );
    expect(outcome.status).toBe('done');
    expect(fake.requests[0]).toMatchObject({
      path: '/openai/deployments/gpt-image-2/images/edits',
      query: { 'api-version': '2025-04-01-preview' },
    });
  });
});

describe('other providers', () => {
  it('OpenAI goes to api.openai.com whatever base URL is stored', () => {
    const client = createModelClient(settingsFor('http://127.0.0.1:9/v1', { provider: 'openai' }), 'planner');
    expect(client.baseURL).toBe('https://api.openai.com/v1');
    expect(client.maxRetries).toBe(0);
  });

  it('local servers get their base URL and a placeholder key when none is set', async () => {
    const client = createModelClient(
      settingsFor(fake.baseUrl, { provider: 'ollama', apiKey: '' }),
      'planner',
    );
    await client.models.list();
    expect(fake.requests[0]!.headers.authorization).toBe('Bearer no-key');
  });
});
