/**
 * The model path inside the extension, against the fake OpenAI-compatible server: what the
 * extension adds to the servers' own time (prompt and screenshot preparation, streaming,
 * validation, storing the image), and what each critique sends.
 */
import { startFakeOpenAI } from '@/test/fake-openai/server';
import { type CaptureMode } from '@/utils/core/schemas/capture';
import { CritiqueRecord } from '@/utils/core/schemas/record';
import { DEFAULT_SETTINGS } from '@/utils/core/schemas/settings';
import type { ExtensionGlobal, Harness } from '@/scripts/lib/browser';
import { median } from '@/scripts/lib/stats';

export interface ModelRow {
  page: string;
  mode: CaptureMode;
  modelStagesMs: number;
  serverMs: number;
  overheadMs: number;
  jobMs: number;
  plannerBytes: number;
  imageTokensEstimated: number;
  inputTokensReported: number;
  sentImage: string;
  imageBytes: number;
  ocrMs: number | null;
}

export async function modelPath(harness: Harness, origin: string, pages: string[], reps: number) {
  const fake = await startFakeOpenAI();
  const extension = await harness.extensionPage();
  const settings = {
    ...DEFAULT_SETTINGS,
    provider: 'compatible',
    baseUrl: fake.baseUrl,
    apiKey: 'sk-bench',
    imageGeneration: true,
    capPerCritiqueUsd: 5,
    capPerDayUsd: 1000,
  };
  const store = (value: unknown) =>
    extension.evaluate((s) => (globalThis as unknown as ExtensionGlobal).chrome.storage.local.set({ settings: s }), value);
  await store(settings);
  const rows: (ModelRow & { runs: number[] })[] = [];
  try {
    for (const path of pages)
      for (const mode of ['viewport', 'full'] as const) {
        const { page, tabId } = await harness.openTab(`${origin}${path}`);
        const overheads: number[] = [];
        let last: ModelRow | null = null;
        for (let i = 0; i < reps + 1; i++) {
          fake.requests.length = 0;
          const { record: raw } = await harness.runJob({ tabId, mode });
          const record = CritiqueRecord.parse(raw);
          const stage = (name: string) => record.job.stages.find((s) => s.name === name)?.ms ?? 0;
          const modelStagesMs = stage('model-plan') + stage('image');
          const serverMs = fake.serverMs();
          const { planner, imageRun } = record.draft;
          last = {
            page: path,
            mode,
            modelStagesMs,
            serverMs,
            overheadMs: modelStagesMs - serverMs,
            jobMs: record.job.ms ?? 0,
            plannerBytes: planner?.requestBytes ?? 0,
            imageTokensEstimated: planner?.image?.tokens ?? 0,
            inputTokensReported: planner?.usage.inputTokens ?? 0,
            sentImage: planner?.image ? `${planner.image.width}×${planner.image.height}` : '',
            imageBytes: imageRun?.requestBytes ?? 0,
            ocrMs: record.job.stages.find((s) => s.name === 'image-check')?.ms ?? null,
          };
          if (i > 0) overheads.push(last.overheadMs);
        }
        rows.push({ ...last!, overheadMs: median(overheads), runs: overheads });
        await page.close();
      }
  } finally {
    await store(DEFAULT_SETTINGS);
    await fake.close();
  }
  return rows;
}
