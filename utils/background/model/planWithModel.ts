/**
 * The model-plan stage: screenshot → prompt → estimate and caps → planner call (with retries
 * and API fallbacks) → validation → at most one repair → the model's plan, or a plain note
 * saying why the offline plan stays. It never throws for a model fault and never loses the
 * offline critique: the caller keeps its own plan unless `status` is `model`.
 *
 *   const client = createModelClient(settings, 'planner');
 *   const outcome = await planWithModel(
 *     { regions, findings, request, screenshot: { image: labelledPng, width, height }, viewport },
 *     { client, settings, spend: { thisCritiqueUsd: 0, todayUsd: await spentToday() }, signal, onProgress, onFinding },
 *   );
 *   if (outcome.status === 'model') use outcome.plan and outcome.engine; else add outcome.note.
 */
import type OpenAI from 'openai';
import type { Finding } from '@/utils/core/schemas/finding';
import type { CssPatch } from '@/utils/core/schemas/plan';
import type { Region } from '@/utils/core/schemas/region';
import type { Settings } from '@/utils/core/schemas/settings';
import { modelIdFor, type ModelSettings } from '@/utils/background/model/client';
import {
  checkBudget,
  estimateImageForPage,
  estimatePlannerUsd,
  formatUsd,
  plannerUsageUsd,
  type Spend,
} from '@/utils/background/model/estimate';
import { fault, type FaultContext, type ModelFault } from '@/utils/background/model/faults';
import { callPlanner, type CallOptions } from '@/utils/background/model/plannerCall';
import type { PlannerApi } from '@/utils/background/model/plannerRequest';
import { buildPlannerPrompt, type PreviousRound, type TokenEstimate } from '@/utils/background/model/prompt';
import { prepareScreenshot, type Resize, type ScreenshotInput } from '@/utils/background/model/screenshot';
import { addUsage, NO_USAGE, type ModelUsage } from '@/utils/background/model/usage';
import { validatePlanReply, type ModelPlan } from '@/utils/background/model/validatePlan';

export interface PlanStageInput {
  regions: Region[];
  /** The offline engine's measured findings. */
  findings: Finding[];
  request?: string | null;
  /** The masked viewport screenshot with the numbered boxes drawn, and its pixel size. */
  screenshot: ScreenshotInput;
  viewport: { width: number; height: number };
  /** The offline plan's CSS patch, for the model to keep or improve. */
  baseline?: CssPatch;
  /** A round: the plan it refines and that plan's latest check. */
  previous?: PreviousRound;
}

export interface PlanStageOptions extends CallOptions {
  client: OpenAI;
  settings: ModelSettings &
    Pick<Settings, 'capPerCritiqueUsd' | 'capPerDayUsd'> &
    Partial<Pick<Settings, 'imageGeneration' | 'imageQuality'>>;
  /** Already spent today (and on this critique, normally 0). */
  spend: Spend;
  /** The extension's origin, for the Ollama 403 message. */
  extensionOrigin?: string;
  /** For tests in Node, which has no OffscreenCanvas. */
  resize?: Resize;
}

export interface PlanMetrics {
  api: PlannerApi | null;
  usage: ModelUsage;
  costUsd: number;
  /**
   * Before sending: the planner's tokens and price, the image's price when image generation is
   * on (its own stage checks it against the caps again), and the total for the critique.
   */
  estimate: TokenEstimate & { usd: number; imageUsd: number; totalUsd: number };
  requestBytes: number;
  image: { width: number; height: number; tokens: number; bytes: number } | null;
  calls: number;
}

export type PlanOutcome =
  | ({
      status: 'model';
      engine: `model:${string}`;
      plan: ModelPlan;
      repaired: boolean;
      notes: string[];
    } & PlanMetrics)
  | ({ status: 'offline'; fault: ModelFault; note: string } & PlanMetrics)
  | ({ status: 'cancelled' } & PlanMetrics);

function offline(f: ModelFault, metrics: PlanMetrics): PlanOutcome {
  if (f.kind === 'cancelled') return { status: 'cancelled', ...metrics };
  return { status: 'offline', fault: f, note: `${f.message} The offline plan is shown instead.`, ...metrics };
}

export async function planWithModel(input: PlanStageInput, options: PlanStageOptions): Promise<PlanOutcome> {
  const { settings } = options;
  const model = modelIdFor(settings, 'planner');
  const context: FaultContext = {
    provider: settings.provider,
    model,
    host: new URL(options.client.baseURL).host,
    extensionOrigin: options.extensionOrigin,
    apiKey: settings.apiKey,
  };
  const metrics: PlanMetrics = {
    api: null,
    usage: NO_USAGE,
    costUsd: 0,
    estimate: { textTokens: 0, imageTokens: 0, inputTokens: 0, usd: 0, imageUsd: 0, totalUsd: 0 },
    requestBytes: 0,
    image: null,
    calls: 0,
  };
  let image;
  try {
    image = await prepareScreenshot(input.screenshot, { resize: options.resize });
  } catch (error) {
    if (options.signal?.aborted) return { status: 'cancelled', ...metrics };
    return offline(
      fault('config', `The screenshot could not be prepared (${(error as Error).message}).`),
      metrics,
    );
  }
  metrics.image = { width: image.width, height: image.height, tokens: image.tokens, bytes: image.bytes };
  const prompt = buildPlannerPrompt({ ...input, image });
  const usd = estimatePlannerUsd(settings.provider, settings.plannerModel, prompt.estimate.inputTokens);
  const pageText = input.regions.reduce((n, r) => n + r.text.length, 0);
  const imageUsd =
    settings.imageGeneration && settings.imageQuality
      ? estimateImageForPage({ ...settings, imageQuality: settings.imageQuality }, input.screenshot, pageText)
      : 0;
  metrics.estimate = { ...prompt.estimate, usd, imageUsd, totalUsd: usd + imageUsd };
  const caps = { perCritiqueUsd: settings.capPerCritiqueUsd, perDayUsd: settings.capPerDayUsd };
  const refusal = checkBudget('the planner', usd, caps, options.spend);
  if (refusal) return offline(refusal, metrics);
  const imageNote = imageUsd > 0 ? ` + image about ${formatUsd(imageUsd)}` : '';
  options.onProgress?.(
    `asking ${settings.plannerModel} for a plan (about ${prompt.estimate.inputTokens} input tokens, ${formatUsd(usd)}${imageNote})`,
  );

  const known = new Set(input.regions.map((r) => r.id));
  let api: PlannerApi = 'responses';
  let repair: { previous: string; problems: string[] } | null = null;
  let cssRejected = 0;
  for (;;) {
    const result = await callPlanner(options.client, api, prompt, repair, known, context, options);
    metrics.calls += 1;
    if (!result.ok) return offline(result.fault, { ...metrics, api: result.api });
    api = result.reply.api;
    metrics.api = api;
    metrics.usage = addUsage(metrics.usage, result.reply.usage);
    metrics.requestBytes += result.reply.requestBytes;
    metrics.costUsd = plannerUsageUsd(settings.provider, settings.plannerModel, metrics.usage);

    const check = validatePlanReply(result.reply.raw, input.regions);
    if (check.ok) {
      const { dropped, clamped } = check.plan;
      const notes =
        dropped.findings > 0
          ? [
              `Dropped ${dropped.findings} model finding${dropped.findings === 1 ? '' : 's'} that cited regions this page does not have${dropped.unknownIds.length ? ` (${dropped.unknownIds.join(', ')})` : ''}.`,
            ]
          : [];
      notes.push(...cssNotes(cssRejected, clamped.length));
      return {
        status: 'model',
        engine: `model:${settings.plannerModel}`,
        plan: check.plan,
        repaired: repair !== null,
        notes,
        ...metrics,
      };
    }
    cssRejected += check.cssRejected;
    if (repair) {
      const problems = check.problems.slice(0, 3).join('; ');
      return offline(fault('malformed', `The model’s plan failed validation twice (${problems}).`), metrics);
    }
    const again = checkBudget('a repair request', usd, caps, {
      ...options.spend,
      thisCritiqueUsd: options.spend.thisCritiqueUsd + metrics.costUsd,
    });
    if (again) return offline(again, metrics);
    options.onProgress?.(
      `the plan failed validation (${check.problems.length} problem${check.problems.length === 1 ? '' : 's'}); asking the model to repair it`,
    );
    repair = { previous: result.reply.raw, problems: check.problems };
  }
}

/** What sanitizePatch did to the model's CSS, for the critique's notes. */
function cssNotes(rejected: number, clamped: number): string[] {
  const notes: string[] = [];
  if (rejected > 0)
    notes.push(
      `Rejected ${rejected} CSS declaration${rejected === 1 ? '' : 's'} from the model (asked it to repair them).`,
    );
  if (clamped > 0)
    notes.push(
      `Raised ${clamped} font size${clamped === 1 ? '' : 's'} from the model to the page’s smallest readable text.`,
    );
  return notes;
}
