/**
 * Cost before and after: an estimate from the price table (prices.ts) before anything is
 * sent, the bill from reported usage after, and a plain refusal when an estimate would pass
 * the per-critique or per-day cap. Local servers cost nothing.
 */
import type { ImageQuality, Provider } from '@/utils/core/schemas/settings';
import { fault, type ModelFault } from '@/utils/background/model/faults';
import { patchesOf, type Size } from '@/utils/background/model/imageBudget';
import { pickImageSize } from '@/utils/background/model/imageSize';
import {
  IMAGE_PRICES,
  PLANNER_OUTPUT_ALLOWANCE,
  PLANNER_PRICES,
  priceRow,
  UNKNOWN_PLANNER_PRICE,
  type ImagePrice,
  type TokenPrice,
} from '@/utils/background/model/prices';
import type { ModelUsage } from '@/utils/background/model/usage';

export interface Caps {
  perCritiqueUsd: number;
  perDayUsd: number;
}

export interface Spend {
  /** Already spent on this critique (the planner, before the image). */
  thisCritiqueUsd: number;
  todayUsd: number;
}

const FREE: TokenPrice = { inputPerMillion: 0, outputPerMillion: 0 };
const isLocal = (provider: Provider) => provider === 'ollama' || provider === 'lmstudio';
const perMillion = (tokens: number, rate: number) => (tokens * rate) / 1_000_000;

/** Paid providers fall back to the dearest row; a compatible server's unknown model is free. */
function plannerPrice(provider: Provider, model: string): TokenPrice {
  if (isLocal(provider)) return FREE;
  return priceRow(PLANNER_PRICES, model) ?? (provider === 'compatible' ? FREE : UNKNOWN_PLANNER_PRICE);
}

function imagePrice(provider: Provider, model: string): ImagePrice | null {
  if (isLocal(provider)) return null;
  return (
    priceRow(IMAGE_PRICES, model) ??
    (provider === 'compatible' ? null : (IMAGE_PRICES['gpt-image-2'] ?? null))
  );
}

export function estimatePlannerUsd(provider: Provider, model: string, inputTokens: number): number {
  const price = plannerPrice(provider, model);
  return (
    perMillion(inputTokens, price.inputPerMillion) +
    perMillion(PLANNER_OUTPUT_ALLOWANCE, price.outputPerMillion)
  );
}

export function plannerUsageUsd(provider: Provider, model: string, usage: ModelUsage): number {
  const price = plannerPrice(provider, model);
  return (
    perMillion(usage.inputTokens, price.inputPerMillion) +
    perMillion(usage.outputTokens, price.outputPerMillion)
  );
}

/**
 * The output image from the per-image table, scaled by pixels from the nearest listed size
 * (`auto` quality priced as `high`), plus the screenshot and prompt at the input rates.
 */
export function estimateImageUsd(
  provider: Provider,
  model: string,
  quality: ImageQuality,
  size: Size,
  input: { imageTokens: number; promptTokens: number },
): number {
  const price = imagePrice(provider, model);
  if (!price) return 0;
  const row = price.perImage[quality === 'auto' ? 'high' : quality];
  const aspect = Math.max(size.width, size.height) / Math.min(size.width, size.height);
  const square = aspect < 1.25;
  const reference = square ? 1024 * 1024 : 1536 * 1024;
  const output = (square ? row.square : row.wide) * ((size.width * size.height) / reference);
  return (
    output +
    perMillion(input.imageTokens, price.imageInputPerMillion) +
    perMillion(input.promptTokens, price.textInputPerMillion)
  );
}

/**
 * The image's cost before the plan exists, for the estimate shown before anything is sent:
 * the output size the image stage will pick, the screenshot as input, and a prompt of about
 * the page's text plus 1,500 characters of instructions (prompt.ts's token estimate).
 */
export function estimateImageForPage(
  settings: { provider: Provider; imageModel: string; imageQuality: ImageQuality },
  screenshot: Size,
  pageTextChars: number,
): number {
  const [width, height] = pickImageSize(settings.imageModel, screenshot).split('x').map(Number) as [
    number,
    number,
  ];
  return estimateImageUsd(
    settings.provider,
    settings.imageModel,
    settings.imageQuality,
    { width, height },
    {
      imageTokens: patchesOf(screenshot),
      promptTokens: Math.ceil((pageTextChars + 1500) / 3),
    },
  );
}

export function imageUsageUsd(provider: Provider, model: string, usage: ModelUsage): number {
  const price = imagePrice(provider, model);
  if (!price) return 0;
  const image = usage.imageTokens ?? 0;
  return (
    perMillion(image, price.imageInputPerMillion) +
    perMillion(Math.max(0, usage.inputTokens - image), price.textInputPerMillion) +
    perMillion(usage.outputTokens, price.imageOutputPerMillion)
  );
}

export function formatUsd(usd: number): string {
  if (usd === 0) return '$0';
  return usd < 0.01 ? `$${usd.toFixed(4)}` : `$${usd.toFixed(2)}`;
}

/** Null when `estimateUsd` fits both caps; otherwise the refusal, before anything is sent. */
export function checkBudget(what: string, estimateUsd: number, caps: Caps, spend: Spend): ModelFault | null {
  const critique = spend.thisCritiqueUsd + estimateUsd;
  if (critique > caps.perCritiqueUsd) {
    return fault(
      'over-budget',
      `Not sent: ${what} would cost about ${formatUsd(estimateUsd)}, bringing this critique to ${formatUsd(critique)}, over your cap of ${formatUsd(caps.perCritiqueUsd)} per critique. Raise the cap in settings, lower the image quality or turn image generation off.`,
    );
  }
  const today = spend.todayUsd + estimateUsd;
  if (today > caps.perDayUsd) {
    return fault(
      'over-budget',
      `Not sent: ${what} would cost about ${formatUsd(estimateUsd)}, bringing today’s spending to ${formatUsd(today)}, over your cap of ${formatUsd(caps.perDayUsd)} a day.`,
    );
  }
  return null;
}
