import type { AnyStage } from '@/utils/background/jobs/stage';
import { captureStage } from '@/utils/background/jobs/stages/capture';
import { imageStage } from '@/utils/background/jobs/stages/image';
import { imageCheckStage } from '@/utils/background/jobs/stages/imageCheck';
import { measureStage } from '@/utils/background/jobs/stages/measure';
import { modelPlanStage } from '@/utils/background/jobs/stages/modelPlan';
import { planStage } from '@/utils/background/jobs/stages/plan';
import { previewStage } from '@/utils/background/jobs/stages/preview';
import { refineStage } from '@/utils/background/jobs/stages/refine';
import { regionsStage } from '@/utils/background/jobs/stages/regions';
import { renderStage } from '@/utils/background/jobs/stages/render';
import { textImagesStage } from '@/utils/background/jobs/stages/textImages';
import { verifyStage } from '@/utils/background/jobs/stages/verify';

/**
 * A critique: regions → measure → capture → plan (offline) → model-plan → text-images →
 * render → image → image-check → verify. The model stages skip themselves when no model is configured; verify
 * runs only for a critique made against an earlier one (the CLI's `--against`).
 */
export const CRITIQUE_STAGES: readonly AnyStage[] = [
  regionsStage,
  measureStage,
  captureStage,
  planStage,
  modelPlanStage,
  textImagesStage,
  renderStage,
  imageStage,
  imageCheckStage,
  verifyStage,
];

/**
 * A check of the page now against an earlier critique: preview (when asked) → regions →
 * measure → capture → text-images → verify. The live preview's "next state" and "Check again" both run it.
 */
export const CHECK_STAGES: readonly AnyStage[] = [
  previewStage,
  regionsStage,
  measureStage,
  captureStage,
  textImagesStage,
  verifyStage,
];

/**
 * A round: the plan of the round it refines, changed by the request (refine, named `plan`) →
 * model-plan → render → image → image-check. Regions, findings and the capture are the refined
 * round's (utils/core/jobs/record.ts roundDraft); the round is previewed and checked like a critique.
 */
export const ROUND_STAGES: readonly AnyStage[] = [
  refineStage,
  modelPlanStage,
  renderStage,
  imageStage,
  imageCheckStage,
];
