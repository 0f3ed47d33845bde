/**
 * The image stage: the next state of the page, drawn by an image model from the masked
 * screenshot and a prompt built from the validated plan. Partial images stream to the caller
 * as they arrive. An estimate is checked against the caps before anything is sent; the bill
 * comes from the reported usage after. Like the planner, it never throws for a model fault.
 */
import type OpenAI from 'openai';
import { GENERATED_LABEL } from '@/utils/core/constants';
import { toFile } from 'openai';
import type { ImageEditParamsStreaming } from 'openai/resources/images';
import type { Region } from '@/utils/core/schemas/region';
import type { Settings } from '@/utils/core/schemas/settings';
import { modelIdFor, type ModelSettings } from '@/utils/background/model/client';
import {
  checkBudget,
  estimateImageUsd,
  formatUsd,
  imageUsageUsd,
  type Spend,
} from '@/utils/background/model/estimate';
import { fault, type ModelFault } from '@/utils/background/model/faults';
import { toFault } from '@/utils/background/model/toFault';
import { patchesOf } from '@/utils/background/model/imageBudget';
import { streamImageEdit } from '@/utils/background/model/imageStream';
import { buildImagePrompt, type ImagePlan, type ImagePrompt } from '@/utils/background/model/imagePrompt';
import { pickImageSize } from '@/utils/background/model/imageSize';
import { estimateTextTokens } from '@/utils/background/model/prompt';
import { PROVIDERS } from '@/utils/core/providers';
import { withRetries, type OnProgress, type RetryPolicy } from '@/utils/background/model/retry';
import { dataUrlToBlob } from '@/utils/core/dataUrl';
import type { ScreenshotInput } from '@/utils/background/model/screenshot';
import { NO_USAGE, readUsage, type ModelUsage } from '@/utils/background/model/usage';

/** How every generated image is labelled, wherever it is shown (issue 9). */

export interface ImageStageInput {
  plan: ImagePlan;
  regions: Region[];
  /** The masked screenshot, without the numbered boxes, and its pixel size. */
  screenshot: ScreenshotInput;
}

export interface ImageStageOptions {
  client: OpenAI;
  settings: ModelSettings & Pick<Settings, 'imageQuality' | 'capPerCritiqueUsd' | 'capPerDayUsd'>;
  /** Spent today and on this critique so far (the planner's cost). */
  spend: Spend;
  signal?: AbortSignal;
  onProgress?: OnProgress;
  onPartial?: (partial: { index: number; b64: string }) => void;
  partialImages?: number;
  retry?: RetryPolicy;
  idleTimeoutMs?: number;
}

interface ImageMetrics {
  size: string;
  prompt: ImagePrompt;
  estimateUsd: number;
  usage: ModelUsage;
  costUsd: number;
  requestBytes: number;
  partials: number;
}

export type ImageOutcome =
  | ({ status: 'done'; image: { b64: string; format: 'png' }; label: typeof GENERATED_LABEL } & ImageMetrics)
  | ({ status: 'failed'; fault: ModelFault; note: string } & ImageMetrics)
  | ({ status: 'cancelled' } & ImageMetrics);

/**
 * gpt-image-1 and 1.5 match the input image more closely with high input fidelity (images.ts,
 * v6.49.0); gpt-image-2 always works that way and is reported to fail when sent the field.
 */
function fidelityFor(model: string): { input_fidelity?: 'high' } {
  return /^gpt-image-1(\.5)?(-\d{4}-\d{2}-\d{2})?$/.test(model) ? { input_fidelity: 'high' } : {};
}

export async function renderNextState(
  input: ImageStageInput,
  options: ImageStageOptions,
): Promise<ImageOutcome> {
  const { settings } = options;
  const model = modelIdFor(settings, 'image');
  const size = pickImageSize(model, input.screenshot);
  const [width, height] = size.split('x').map(Number) as [number, number];
  const prompt = buildImagePrompt(input.plan, input.regions);
  const estimateUsd = estimateImageUsd(
    settings.provider,
    model,
    settings.imageQuality,
    { width, height },
    {
      imageTokens: patchesOf(input.screenshot),
      promptTokens: estimateTextTokens(prompt.prompt),
    },
  );
  const blob =
    typeof input.screenshot.image === 'string'
      ? dataUrlToBlob(input.screenshot.image)
      : input.screenshot.image;
  const metrics: ImageMetrics = {
    size,
    prompt,
    estimateUsd,
    usage: NO_USAGE,
    costUsd: 0,
    requestBytes: 0,
    partials: 0,
  };
  const failed = (f: ModelFault): ImageOutcome =>
    f.kind === 'cancelled'
      ? { status: 'cancelled', ...metrics }
      : { status: 'failed', fault: f, note: `No generated image: ${f.message}`, ...metrics };

  if (!PROVIDERS[settings.provider].images) {
    return failed(
      fault(
        'config',
        `${PROVIDERS[settings.provider].label} has no image endpoint; the mockup stays HTML only.`,
      ),
    );
  }
  const refusal = checkBudget(
    'the image',
    estimateUsd,
    { perCritiqueUsd: settings.capPerCritiqueUsd, perDayUsd: settings.capPerDayUsd },
    options.spend,
  );
  if (refusal) return failed(refusal);

  const params: ImageEditParamsStreaming = {
    model,
    image: await toFile(blob, 'screenshot.png', { type: blob.type || 'image/png' }),
    prompt: prompt.prompt,
    size,
    quality: settings.imageQuality,
    output_format: 'png',
    stream: true,
    partial_images: options.partialImages ?? 2,
    ...fidelityFor(model),
  };
  metrics.requestBytes = blob.size + new TextEncoder().encode(prompt.prompt).length;
  options.onProgress?.(`drawing the next state with ${model} at ${size} (about ${formatUsd(estimateUsd)})`);
  const context = {
    provider: settings.provider,
    model,
    host: new URL(options.client.baseURL).host,
    apiKey: settings.apiKey,
  };
  try {
    const final = await withRetries(
      () =>
        streamImageEdit(options.client, params, {
          signal: options.signal,
          idleTimeoutMs: options.idleTimeoutMs,
          onPartial: (partial) => {
            metrics.partials += 1;
            options.onPartial?.(partial);
          },
        }),
      { signal: options.signal, onProgress: options.onProgress, policy: options.retry },
    );
    metrics.usage = readUsage(final.usage);
    metrics.costUsd = metrics.usage.reported
      ? imageUsageUsd(settings.provider, model, metrics.usage)
      : estimateUsd;
    return {
      status: 'done',
      image: { b64: final.b64_json, format: 'png' },
      label: GENERATED_LABEL,
      ...metrics,
    };
  } catch (error) {
    return failed(toFault(error, context, options.signal));
  }
}
