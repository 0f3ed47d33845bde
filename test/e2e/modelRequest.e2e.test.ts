/**
 * What the model layer sends for a real page: the extension critiques a corpus page (viewport
 * and full page), the labelled screenshot is prepared in a Chromium worker as in the service
 * worker, and the planner and image stages run through the real SDK against the fake server.
 * Asserts the budget and the byte counts; records sizes, tokens and the layer's own time (total
 * minus the fake server's time) in test-results/model-requests.json for the benchmark table.
 */
import { writeFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFakeOpenAI, type FakeOpenAI } from '@/test/fake-openai/server';
import { artifactPath, CORPUS, HAS_CORPUS, withExtension } from '@/test/e2e/harness';
import { prepareInChromium } from '@/test/e2e/prepareInChromium';
import { createModelClient } from '@/utils/background/model/client';
import { planWithModel } from '@/utils/background/model/planWithModel';
import { renderNextState } from '@/utils/background/model/renderImage';
import { type CaptureMode } from '@/utils/core/schemas/capture';
import { CritiqueRecord } from '@/utils/core/schemas/record';
import { DEFAULT_SETTINGS } from '@/utils/core/schemas/settings';

const env = withExtension({ '/corpus': `${CORPUS}/pages` });
let fake: FakeOpenAI;
const rows: Record<string, unknown>[] = [];
beforeAll(async () => {
  fake = await startFakeOpenAI();
});
afterAll(async () => {
  writeFileSync(artifactPath('model-requests.json'), `${JSON.stringify(rows, null, 2)}\n`);
  await fake?.close();
});

describe.skipIf(!HAS_CORPUS)('model requests for a real page', () => {
  it.each(['viewport', 'full'] as const)(
    '%s: planner and image requests within budget',
    async (mode: CaptureMode) => {
      const { page, tabId } = await env.harness.openTab(`${env.server.origin}/corpus/10792.html`);
      const { record, artifacts } = await env.harness.runJob({ tabId, mode });
      const { draft } = CritiqueRecord.parse(record);
      const shot = { ...draft.shot!, dataUrl: `data:image/png;base64,${artifacts.shot!.toString('base64')}` };
      const { regions, findings } = draft;

      // The labelled screenshot, as the extension draws annotated.png.
      const prepared = await prepareInChromium(page, {
        dataUrl: `data:image/png;base64,${artifacts.annotated!.toString('base64')}`,
        width: shot.width,
        height: shot.height,
      });
      expect(prepared.tokens).toBeLessThanOrEqual(1600);

      fake.setMode('normal');
      fake.requests.length = 0;
      const settings = {
        ...DEFAULT_SETTINGS,
        provider: 'compatible' as const,
        apiKey: 'sk-test',
        baseUrl: fake.baseUrl,
        imageGeneration: true,
      };
      const started = performance.now();
      const plan = await planWithModel(
        {
          regions,
          findings,
          screenshot: { image: prepared.dataUrl, width: prepared.width, height: prepared.height },
          viewport: { width: 1280, height: 800 },
        },
        {
          client: createModelClient(settings, 'planner'),
          settings,
          spend: { thisCritiqueUsd: 0, todayUsd: 0 },
        },
      );
      const plannerMs = performance.now() - started;
      if (plan.status !== 'model')
        throw new Error(`planner fell back: ${'note' in plan ? plan.note : plan.status}`);
      const [plannerRequest] = fake.requests;
      expect(plan.requestBytes).toBe(plannerRequest!.bytes);
      expect(plannerRequest!.page!.images).toEqual([
        expect.objectContaining({ width: prepared.width, height: prepared.height }),
      ]);
      const plannerServerMs = fake.serverMs();

      const imageStarted = performance.now();
      const image = await renderNextState(
        {
          plan: plan.plan,
          regions,
          screenshot: { image: shot.dataUrl, width: shot.width, height: shot.height },
        },
        {
          client: createModelClient(settings, 'image'),
          settings: { ...settings, capPerCritiqueUsd: 5 },
          spend: { thisCritiqueUsd: plan.costUsd, todayUsd: 0 },
        },
      );
      const imageMs = performance.now() - imageStarted;
      if (image.status !== 'done')
        throw new Error(`image failed: ${'note' in image ? image.note : image.status}`);
      const imageRequest = fake.requests.at(-1)!;

      rows.push({
        mode,
        regions: regions.length,
        screenshot: `${shot.width}x${shot.height}`,
        sentImage: `${prepared.width}x${prepared.height}`,
        imageBytes: prepared.bytes,
        estimate: plan.estimate,
        serverBilledInputTokens: plan.usage.inputTokens,
        serverImageTokens: Math.ceil(Math.ceil(prepared.width / 32) * Math.ceil(prepared.height / 32) * 1.2),
        plannerRequestBytes: plan.requestBytes,
        plannerMs: Math.round(plannerMs),
        plannerOverheadMs: Math.round(plannerMs - plannerServerMs),
        imageSize: image.size,
        imageRequestBytes: imageRequest.bytes,
        imagePromptChars: image.prompt.prompt.length,
        imageEstimateUsd: Number(image.estimateUsd.toFixed(4)),
        imageOverheadMs: Math.round(imageMs - imageRequest.serverMs),
      });
    },
  );
});
