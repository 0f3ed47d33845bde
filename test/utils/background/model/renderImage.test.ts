import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { readPngSize } from '@/test/fake-openai/png';
import { startFakeOpenAI, type FakeOpenAI } from '@/test/fake-openai/server';
import { createModelClient } from '@/utils/background/model/client';
import type { ImagePlan } from '@/utils/background/model/imagePrompt';
import { GENERATED_LABEL } from '@/utils/core/constants';
import {
  renderNextState,
  type ImageOutcome,
  type ImageStageOptions,
} from '@/utils/background/model/renderImage';
import type { Settings } from '@/utils/core/schemas/settings';
import { modelPage, SHOT_1280, settingsFor } from '@/test/utils/background/model/fixtures';

let fake: FakeOpenAI;
beforeAll(async () => {
  fake = await startFakeOpenAI();
});
afterAll(() => fake.close());
beforeEach(() => {
  fake.setMode('normal');
  fake.requests.length = 0;
});

const plan: ImagePlan = {
  blueprint: {
    sections: [
      {
        id: 's1',
        source: 'main',
        emphasis: 'primary',
        regionIds: ['r2', 'r3', 'r4', 'r5', 'r6', 'r7', 'r8'],
      },
    ],
    typeScale: { base: 16, ratio: 1.25 },
    spacingUnit: 8,
  },
  cssPatch: [{ regionId: 'r3', declarations: { 'font-size': '36px' } }],
  findings: [],
  doNotTouch: [],
};

async function render(overrides: Partial<Settings> = {}, options: Partial<ImageStageOptions> = {}) {
  const settings = settingsFor(fake.baseUrl, overrides);
  const partials: number[] = [];
  const progress: string[] = [];
  const outcome = await renderNextState(
    { plan, regions: modelPage(), screenshot: SHOT_1280 },
    {
      client: createModelClient(settings, 'image'),
      settings,
      spend: { thisCritiqueUsd: 0, todayUsd: 0 },
      retry: { retries: 2, baseDelayMs: 10, maxDelayMs: 20, maxWaitMs: 5000 },
      onPartial: (p) => partials.push(p.index),
      onProgress: (m) => progress.push(m),
      ...options,
    },
  );
  return { outcome, partials, progress };
}

function done(outcome: ImageOutcome) {
  if (outcome.status !== 'done')
    throw new Error(`expected done, got ${outcome.status}: ${'note' in outcome ? outcome.note : ''}`);
  return outcome;
}

describe('image stage', () => {
  it('streams partial images, then the final one at the viewport’s aspect, with usage and cost', async () => {
    const { outcome, partials, progress } = await render();
    const image = done(outcome);
    expect(partials).toEqual([0, 1]);
    expect(image.size).toBe('1280x800');
    expect(readPngSize(Buffer.from(image.image.b64, 'base64'))).toEqual({ width: 1280, height: 800 });
    expect(image.label).toBe(GENERATED_LABEL);
    // Output: $0.041 for 1536×1024 at medium, scaled to 1280×800; input: 40 × 25 patches at
    // $8/M and the prompt at $5/M (about three characters a token).
    const expected =
      (0.041 * 1_024_000) / 1_572_864 + 1000 * 8e-6 + Math.ceil(image.prompt.prompt.length / 3) * 5e-6;
    expect(image.estimateUsd).toBeCloseTo(expected, 10);
    expect(progress[0]).toBe('drawing the next state with gpt-image-2 at 1280x800 (about $0.04)');

    const [request] = fake.requests;
    expect(request!.path).toBe('/v1/images/edits');
    expect(request!.form).toMatchObject({
      model: 'gpt-image-2',
      size: '1280x800',
      quality: 'medium',
      stream: true,
      partialImages: 2,
      inputFidelity: null,
    });
    expect(request!.form!.images).toEqual([
      { width: 1280, height: 800, bytes: expect.any(Number), type: 'image/png', base64: expect.any(String) },
    ]);
    expect(request!.form!.prompt).toContain('r3: "Build better sheds"');
    // Multipart adds boundaries and field headers to the image and prompt we count.
    expect(request!.bytes - image.requestBytes).toBeGreaterThan(0);
    expect(request!.bytes - image.requestBytes).toBeLessThan(2000);
    const billed = request!.form!.images[0]!;
    expect(image.usage).toMatchObject({
      imageTokens: Math.ceil(billed.width / 32) * Math.ceil(billed.height / 32),
      reported: true,
    });
    expect(image.costUsd).toBeGreaterThan(0);
  });

  it('asks gpt-image-1.5 for high input fidelity at its closest fixed size', async () => {
    const image = done((await render({ imageModel: 'gpt-image-1.5', imageQuality: 'low' })).outcome);
    expect(image.size).toBe('1536x1024');
    expect(fake.requests[0]!.form).toMatchObject({
      inputFidelity: 'high',
      size: '1536x1024',
      quality: 'low',
    });
  });

  it('refuses before sending when the image would pass the cap', async () => {
    const { outcome } = await render(
      { capPerCritiqueUsd: 0.05 },
      { spend: { thisCritiqueUsd: 0.03, todayUsd: 0.03 } },
    );
    expect(outcome).toMatchObject({ status: 'failed', fault: { kind: 'over-budget' } });
    expect(outcome.status === 'failed' && outcome.note).toMatch(
      /^No generated image: Not sent: the image would cost about \$0\.04, bringing this critique to \$0\.07, over your cap of \$0\.05 per critique\./,
    );
    expect(fake.requests).toHaveLength(0);
  });

  it('says plainly that a local server has no image endpoint', async () => {
    const { outcome } = await render({ provider: 'ollama' });
    expect(outcome.status === 'failed' && outcome.note).toBe(
      'No generated image: Ollama has no image endpoint; the mockup stays HTML only.',
    );
    expect(fake.requests).toHaveLength(0);
  });

  it.each(['drop', 'end'] as const)(
    'reports a stream cut off (%s) before the final image, keeping the partials it sent',
    async (truncate) => {
      fake.setMode('truncated-stream', { truncate });
      const { outcome, partials } = await render();
      expect(outcome).toMatchObject({ status: 'failed', fault: { kind: 'truncated' } });
      expect(partials).toEqual([0]);
    },
  );

  it('retries a rate limit with the server’s wait, then draws', async () => {
    fake.setMode('rate-limit', { retryAfter: null, retryAfterMs: '30' });
    const { outcome, progress } = await render();
    expect(outcome.status).toBe('done');
    expect(progress).toContain('rate limited, retrying in 0.1 s');
    expect(fake.requests).toHaveLength(2);
  });

  it('cancel aborts the upload or stream and reports cancelled', async () => {
    fake.setMode('slow-stream', { delayMs: 300 });
    const controller = new AbortController();
    const { outcome } = await render({}, { signal: controller.signal, onPartial: () => controller.abort() });
    expect(outcome.status).toBe('cancelled');
    await expect.poll(() => fake.requests[0]?.status).toBe(200);
    expect(fake.requests[0]!.completed).toBe(false);
  });

  it('maps a refused key to a plain message and keeps going (nothing thrown)', async () => {
    fake.setMode('bad-key');
    const { outcome } = await render();
    expect(outcome).toMatchObject({ status: 'failed', fault: { kind: 'bad-key' } });
  });
});
