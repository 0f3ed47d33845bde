import { describe, expect, it } from 'vitest';
import { emptyDraft } from '@/utils/core/jobs/record';
import type { StageIO } from '@/utils/background/jobs/stage';
import { imageStage } from '@/utils/background/jobs/stages/image';
import { type PlannerRun } from '@/utils/core/schemas/record';
import { DEFAULT_SETTINGS } from '@/utils/core/schemas/settings';

const io = {
  model: { settings: { ...DEFAULT_SETTINGS, apiKey: 'sk-test', imageGeneration: true }, client: () => null },
} as unknown as StageIO;

const planner = (fault?: string): PlannerRun => ({
  status: 'offline',
  note: 'The API key was refused (401). The offline plan is shown instead.',
  ...(fault && { fault }),
  model: 'gpt-5.4-mini',
  api: null,
  repaired: false,
  estimate: { inputTokens: 0, imageTokens: 0, usd: 0, imageUsd: 0, totalUsd: 0 },
  usage: { inputTokens: 0, outputTokens: 0, imageTokens: null, totalTokens: 0, reported: false },
  costUsd: 0,
  choice: null,
  requestBytes: 0,
  image: null,
  calls: 1,
});

describe('image stage', () => {
  it('does not call an endpoint that already refused the planner', () => {
    for (const fault of ['bad-key', 'forbidden', 'quota', 'network'])
      expect(imageStage.skip!(io, { ...emptyDraft(), planner: planner(fault) })).toBe(
        `the endpoint already refused the planner (${fault}); not asked again`,
      );
  });

  it('still runs after a fault of the planner model alone, or with no fault recorded', () => {
    for (const fault of ['unknown-model', 'malformed', 'refusal', undefined])
      expect(imageStage.skip!(io, { ...emptyDraft(), planner: planner(fault) })).toBeNull();
    expect(imageStage.skip!(io, emptyDraft())).toBeNull();
  });
});
