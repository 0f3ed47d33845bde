/**
 * The planner stage against the fake server through the real SDK: every fault mode ends in a
 * result the caller can fall back from (the offline plan stays), with a plain message.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { encodePng } from '@/test/fake-openai/png';
import { startFakeOpenAI, type FakeOpenAI } from '@/test/fake-openai/server';
import { countTokens, imageTokensOf } from '@/test/fake-openai/plan';
import { createModelClient } from '@/utils/background/model/client';
import { estimateImageForPage } from '@/utils/background/model/estimate';
import {
  planWithModel,
  type PlanOutcome,
  type PlanStageOptions,
} from '@/utils/background/model/planWithModel';
import type { Finding } from '@/utils/core/schemas/finding';
import type { Settings } from '@/utils/core/schemas/settings';
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

const FAST = { retries: 3, baseDelayMs: 10, maxDelayMs: 20, maxWaitMs: 5000 };

interface Run {
  outcome: PlanOutcome;
  streamed: Finding[];
  progress: string[];
}

async function run(
  overrides: Partial<Settings> = {},
  options: Partial<PlanStageOptions> & { timeoutMs?: number; baseUrl?: string } = {},
): Promise<Run> {
  const settings = settingsFor(options.baseUrl ?? fake.baseUrl, overrides);
  const streamed: Finding[] = [];
  const progress: string[] = [];
  const outcome = await planWithModel(
    {
      regions: modelPage(),
      findings: MEASURED,
      request: 'Clarify hierarchy',
      screenshot: SHOT_SMALL,
      viewport: { width: 1280, height: 800 },
    },
    {
      client: createModelClient(settings, 'planner', { timeoutMs: options.timeoutMs }),
      settings,
      spend: { thisCritiqueUsd: 0, todayUsd: 0 },
      retry: FAST,
      onFinding: (f) => streamed.push(f),
      onProgress: (m) => progress.push(m),
      ...options,
    },
  );
  return { outcome, streamed, progress };
}

const paths = () => fake.requests.map((r) => r.path);

function offline(outcome: PlanOutcome) {
  if (outcome.status !== 'offline') throw new Error(`expected offline, got ${outcome.status}`);
  return outcome;
}

function model(outcome: PlanOutcome) {
  if (outcome.status !== 'model')
    throw new Error(`expected model, got ${outcome.status}: ${'note' in outcome ? outcome.note : ''}`);
  return outcome;
}

describe('normal mode', () => {
  it('plans through the Responses API with a strict schema and streams each grounded finding', async () => {
    const { outcome, streamed } = await run();
    const done = model(outcome);
    expect(done.engine).toBe('model:gpt-5.4-mini');
    expect(done.api).toBe('responses');
    expect(done.repaired).toBe(false);
    expect(done.plan.contentCheck).toMatchObject({ missing: [], duplicated: [], invented: [] });
    expect(done.plan.findings.length).toBeGreaterThan(0);
    expect(streamed).toEqual(done.plan.findings);

    expect(paths()).toEqual(['/v1/responses']);
    const [request] = fake.requests;
    const body = request!.body as Record<string, unknown> & {
      text: { format: Record<string, unknown> };
      input: { content: { type: string; detail?: string }[] }[];
    };
    expect(body.stream).toBe(true);
    expect(body.store).toBe(false);
    expect(body.text.format).toMatchObject({ type: 'json_schema', name: 'restage_plan', strict: true });
    expect(body.input[0]!.content.find((p) => p.type === 'input_image')).toMatchObject({ detail: 'high' });
    expect(request!.headers.authorization).toBe('Bearer sk-test-secret-key-1234');
  });

  it('reports request bytes exactly as the server received them, and the usage the server billed', async () => {
    const done = model((await run()).outcome);
    const [request] = fake.requests;
    expect(done.requestBytes).toBe(request!.bytes);
    const billed = countTokens(request!.page!.text) + imageTokensOf(request!.page!.images);
    expect(done.usage).toMatchObject({ inputTokens: billed, reported: true });
    expect(done.usage.outputTokens).toBeGreaterThan(0);
    expect(done.costUsd).toBeGreaterThan(0);
  });

  it('sends a 1280×800 screenshot downscaled to its token budget', async () => {
    const sizes: string[] = [];
    const resize = async (_: Blob, size: { width: number; height: number }) => {
      sizes.push(`${size.width}x${size.height}`);
      return new Blob([new Uint8Array(encodePng(size.width, size.height))], { type: 'image/png' });
    };
    const settings = settingsFor(fake.baseUrl);
    const outcome = await planWithModel(
      {
        regions: modelPage(),
        findings: MEASURED,
        screenshot: SHOT_1280,
        viewport: { width: 1280, height: 800 },
      },
      {
        client: createModelClient(settings, 'planner'),
        settings,
        spend: { thisCritiqueUsd: 0, todayUsd: 0 },
        resize,
      },
    );
    expect(sizes).toEqual(['1248x780']);
    expect(fake.requests[0]!.page!.images).toEqual([expect.objectContaining({ width: 1248, height: 780 })]);
    expect(model(outcome).image).toMatchObject({ width: 1248, height: 780, tokens: 1580 });
    expect(outcome.estimate.imageTokens).toBe(1580);
  });
});

describe('dishonest output', () => {
  it('drops findings that cite unknown region ids and counts them', async () => {
    fake.setMode('unknown-region-ids');
    const { outcome, streamed } = await run();
    const done = model(outcome);
    expect(done.plan.dropped).toEqual({ findings: 2, unknownIds: ['r901', 'r902'] });
    expect(done.notes[0]).toMatch(
      /Dropped 2 model findings that cited regions this page does not have \(r901, r902\)/,
    );
    expect(streamed.flatMap((f) => f.regionIds)).not.toContain('r901');
    expect(done.plan.findings.every((f) => f.regionIds.every((id) => /^r[1-8]$/.test(id)))).toBe(true);
  });

  it('repairs a blueprint with invented content once, telling the model exactly what was wrong', async () => {
    fake.setMode('invented-text');
    const { outcome, progress } = await run();
    const done = model(outcome);
    expect(done.repaired).toBe(true);
    expect(done.calls).toBe(2);
    expect(done.plan.blueprint.sections.flatMap((s) => s.regionIds)).not.toContain('r900');
    const repair = JSON.stringify(fake.requests[1]!.body);
    expect(repair).toContain('Your previous reply failed validation');
    expect(repair).toMatch(/missing r8; invented r900/);
    expect(progress.some((m) => /asking the model to repair it/.test(m))).toBe(true);
  });

  it('falls back to the offline plan, with a note, when the repair fails too', async () => {
    fake.setMode('invented-text', { repairFixes: false });
    const done = offline((await run()).outcome);
    expect(done.fault.kind).toBe('malformed');
    expect(done.note).toMatch(
      /^The model’s plan failed validation twice \(blueprint content changed: \d+ of \d+ words dropped; missing r8; invented r900.*\)\. The offline plan is shown instead\.$/,
    );
    expect(done.calls).toBe(2);
  });

  it('repairs malformed JSON', async () => {
    fake.setMode('malformed-json');
    const done = model((await run()).outcome);
    expect(done.repaired).toBe(true);
    expect(JSON.stringify(fake.requests[1]!.body)).toMatch(/The reply is not valid JSON/);
  });

  it('repairs a CSS patch the sanitizer rejects, quoting the value', async () => {
    fake.setMode('unsafe-css');
    const done = model((await run()).outcome);
    expect(done.repaired).toBe(true);
    const { input } = fake.requests[1]!.body as { input: { role: string; content: unknown }[] };
    expect(input.at(-1)!.content).toContain(
      'cssPatch "r2" { background-color: "url(https://tracker.example/p.png)" } is rejected: url() is not allowed',
    );
    expect(JSON.stringify(done.plan.cssPatch)).not.toContain('url(');
  });

  it('reports a refusal plainly and does not ask again', async () => {
    fake.setMode('refusal');
    const done = offline((await run()).outcome);
    expect(done.fault.kind).toBe('refusal');
    expect(done.note).toBe(
      'The model declined to critique this page: “I can’t help with critiquing this page.” The offline plan is shown instead.',
    );
    expect(paths()).toEqual(['/v1/responses']);
  });
});

describe('broken streams', () => {
  it.each(['drop', 'end'] as const)('reports a truncated stream (%s) as cut off', async (truncate) => {
    fake.setMode('truncated-stream', { truncate });
    const done = offline((await run()).outcome);
    expect(done.fault.kind).toBe('truncated');
    expect(done.note).toMatch(/cut off/);
  });

  it('keeps waiting through a slow stream', async () => {
    fake.setMode('slow-stream', { delayMs: 20 });
    expect((await run()).outcome.status).toBe('model');
  });

  it('gives up on a stream that goes quiet', async () => {
    fake.setMode('slow-stream', { delayMs: 400 });
    const done = offline((await run({}, { idleTimeoutMs: 100 })).outcome);
    expect(done.fault).toMatchObject({ kind: 'timeout' });
    expect(fake.requests[0]!.completed).toBe(false);
  });

  it('cancel aborts the HTTP request and is reported as cancelled, not as an error', async () => {
    fake.setMode('slow-stream', { delayMs: 40 });
    const controller = new AbortController();
    let seen = 0;
    const { outcome } = await run(
      {},
      { signal: controller.signal, onFinding: () => (seen++, controller.abort()) },
    );
    expect(outcome.status).toBe('cancelled');
    expect(seen).toBe(1);
    // The server sees the connection close before its stream is done.
    await expect.poll(() => fake.requests[0]?.status).toBe(200);
    expect(fake.requests[0]!.completed).toBe(false);
  });
});

describe('servers without the Responses API or schema enforcement', () => {
  it('falls back to Chat Completions with the JSON schema', async () => {
    fake.setMode('chat-only');
    const { outcome, progress } = await run();
    expect(model(outcome).api).toBe('chat-schema');
    expect(paths()).toEqual(['/v1/responses', '/v1/chat/completions']);
    expect(fake.requests[1]!.body).toMatchObject({
      response_format: { type: 'json_schema', json_schema: { name: 'restage_plan', strict: true } },
    });
    expect(progress).toContain(
      'the Responses API is not available on this server; trying Chat Completions with a JSON schema',
    );
  });

  it('falls back to JSON mode, with the schema spelled out, and validates the same way', async () => {
    fake.setMode('json-mode-only');
    const done = model((await run()).outcome);
    expect(done.api).toBe('chat-json');
    expect(paths()).toEqual(['/v1/responses', '/v1/chat/completions', '/v1/chat/completions']);
    const body = fake.requests[2]!.body as { response_format: unknown; messages: { content: string }[] };
    expect(body.response_format).toEqual({ type: 'json_object' });
    expect(body.messages[0]!.content).toMatch(/matches this JSON schema:\n\{"\$schema"/);
  });
});

describe('the same faults on Chat Completions', () => {
  it.each(['drop', 'end'] as const)('a truncated chat stream (%s) is cut off', async (truncate) => {
    fake.setMode('truncated-stream', { truncate, noResponses: true });
    const done = offline((await run()).outcome);
    expect(done.fault.kind).toBe('truncated');
    expect(done.api).toBe('chat-schema');
  });

  it('a chat refusal is reported plainly', async () => {
    fake.setMode('refusal', { noResponses: true });
    expect(offline((await run()).outcome).note).toBe(
      'The model declined to critique this page: “I can’t help with critiquing this page.” The offline plan is shown instead.',
    );
  });

  it('malformed JSON is repaired on the API that answered', async () => {
    fake.setMode('malformed-json', { noResponses: true });
    const done = model((await run()).outcome);
    expect(done).toMatchObject({ api: 'chat-schema', repaired: true });
    expect(paths()).toEqual(['/v1/responses', '/v1/chat/completions', '/v1/chat/completions']);
    const repair = fake.requests[2]!.body as { messages: { role: string; content: unknown }[] };
    expect(repair.messages.map((m) => m.role)).toEqual(['system', 'user', 'assistant', 'user']);
  });

  it('unknown ids are dropped and findings still stream', async () => {
    fake.setMode('unknown-region-ids', { noResponses: true });
    const { outcome, streamed } = await run();
    const done = model(outcome);
    expect(done.plan.dropped.findings).toBe(2);
    expect(streamed).toEqual(done.plan.findings);
  });
});

describe('HTTP faults', () => {
  it('retries a 429, honouring retry-after, and says so', async () => {
    fake.setMode('rate-limit', { retryAfter: '1' });
    const { outcome, progress } = await run();
    expect(outcome.status).toBe('model');
    expect(progress).toContain('rate limited, retrying in 1 s');
    expect(paths()).toEqual(['/v1/responses', '/v1/responses']);
  });

  it('retries 500s a bounded number of times, then falls back', async () => {
    fake.setMode('server-error');
    const done = offline((await run()).outcome);
    expect(done.fault).toMatchObject({ kind: 'server', status: 500 });
    expect(fake.requests).toHaveLength(4);
  });

  it('gets through a 500 followed by success', async () => {
    fake.setMode('server-error', { failures: 1 });
    expect((await run()).outcome.status).toBe('model');
  });

  it.each([
    ['bad-key', 'bad-key', /The API key was refused \(401\)/],
    ['unknown-model', 'unknown-model', /does not know the model “gpt-5\.4-mini”/],
    ['quota', 'quota', /out of credit \(quota exhausted\)/],
    ['context-too-long', 'context-too-long', /longer than the model’s context window/],
    ['forbidden', 'forbidden', /refused access \(403\)/],
  ] as const)('%s: one request, a plain message, no key in it', async (mode, kind, message) => {
    fake.setMode(mode);
    const done = offline((await run()).outcome);
    expect(done.fault.kind).toBe(kind);
    expect(done.note).toMatch(message);
    expect(done.note).not.toContain('sk-test');
    expect(fake.requests).toHaveLength(1);
  });

  it('tells an Ollama user the exact OLLAMA_ORIGINS to set on a 403', async () => {
    fake.setMode('forbidden');
    const done = offline(
      (
        await run(
          { provider: 'ollama', apiKey: '' },
          { extensionOrigin: 'chrome-extension://abcdefghijklmnopabcdefghijklmnop' },
        )
      ).outcome,
    );
    expect(done.note).toContain('OLLAMA_ORIGINS=chrome-extension://abcdefghijklmnopabcdefghijklmnop');
  });

  it('retries a server that never answers, then reports a timeout', async () => {
    fake.setMode('hang');
    const done = offline((await run({}, { timeoutMs: 150, retry: { ...FAST, retries: 1 } })).outcome);
    expect(done.fault.kind).toBe('timeout');
    expect(fake.requests).toHaveLength(2);
  });

  it('reports a server that is not there as no network', async () => {
    const closed = await startFakeOpenAI();
    await closed.close();
    const done = offline((await run({}, { baseUrl: closed.baseUrl })).outcome);
    expect(done.fault.kind).toBe('network');
    expect(done.note).toMatch(
      /^Cannot reach 127\.0\.0\.1:\d+: the network is down or the server is not running\./,
    );
  });
});

describe('spending caps', () => {
  it('estimates the whole critique before sending: planner tokens plus the image price', async () => {
    const { outcome, progress } = await run({ imageGeneration: true, imageQuality: 'low' });
    const page = modelPage().reduce((n, r) => n + r.text.length, 0);
    const imageUsd = estimateImageForPage(
      { provider: 'compatible', imageModel: 'gpt-image-2', imageQuality: 'low' },
      SHOT_SMALL,
      page,
    );
    expect(imageUsd).toBeGreaterThan(0);
    expect(outcome.estimate).toMatchObject({ imageUsd, totalUsd: outcome.estimate.usd + imageUsd });
    expect(progress[0]).toMatch(
      /^asking gpt-5\.4-mini for a plan \(about \d+ input tokens, \$0\.03 \+ image about \$0\.0\d+\)$/,
    );
  });

  it('refuses before sending anything when the estimate passes the cap', async () => {
    const { outcome } = await run({ capPerCritiqueUsd: 0.001 });
    const done = offline(outcome);
    expect(done.fault.kind).toBe('over-budget');
    expect(done.note).toMatch(
      /^Not sent: the planner would cost about \$0\.03.*over your cap of \$0\.0010 per critique/,
    );
    expect(fake.requests).toHaveLength(0);
  });

  it('counts today’s spending against the daily cap', async () => {
    const { outcome } = await run({ capPerDayUsd: 1 }, { spend: { thisCritiqueUsd: 0, todayUsd: 0.99 } });
    expect(offline(outcome).note).toMatch(
      /bringing today’s spending to \$1\.02, over your cap of \$1\.00 a day/,
    );
  });
});
