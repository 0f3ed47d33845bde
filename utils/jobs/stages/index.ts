import type { AnyStage } from '../stage';
import { captureStage } from './capture';
import { imageStage } from './image';
import { imageCheckStage } from './imageCheck';
import { measureStage } from './measure';
import { modelPlanStage } from './modelPlan';
import { planStage } from './plan';
import { previewStage } from './preview';
import { refineStage } from './refine';
import { regionsStage } from './regions';
import { renderStage } from './render';
import { textImagesStage } from './textImages';
import { verifyStage } from './verify';

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
 * round's (utils/jobs/record.ts roundDraft); the round is previewed and checked like a critique.
 */
export const ROUND_STAGES: readonly AnyStage[] = [
  refineStage,
  modelPlanStage,
  renderStage,
  imageStage,
  imageCheckStage,
];
