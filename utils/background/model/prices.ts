/**
 * The one editable price table, in US dollars. Estimates and spending caps read it; nothing
 * else hard-codes a price. Sources: MODELS.md for the image models; OpenAI's published rates
 * for the GPT-5.4 family (input / output per million tokens). Update it when prices change.
 */
import type { ImageQuality } from '@/utils/core/schemas/settings';

export interface TokenPrice {
  inputPerMillion: number;
  outputPerMillion: number;
}

export const PLANNER_PRICES: Record<string, TokenPrice> = {
  'gpt-5.5': { inputPerMillion: 5, outputPerMillion: 30 },
  'gpt-5.4': { inputPerMillion: 2.5, outputPerMillion: 15 },
  'gpt-5.4-mini': { inputPerMillion: 0.75, outputPerMillion: 4.5 },
  'gpt-5.4-nano': { inputPerMillion: 0.2, outputPerMillion: 1.25 },
};

/** For a paid provider's model missing from the table: the dearest row, so caps still hold. */
export const UNKNOWN_PLANNER_PRICE: TokenPrice = { inputPerMillion: 5, outputPerMillion: 30 };

/** Output tokens the planner may spend (reasoning included), for the estimate before sending. */
export const PLANNER_OUTPUT_ALLOWANCE = 6000;

type Quality = Exclude<ImageQuality, 'auto'>;

export interface ImagePrice {
  /** Price of one output image at 1024×1024 and at 1536×1024 (or 1024×1536). */
  perImage: Record<Quality, { square: number; wide: number }>;
  /** Token rates for the input side (the screenshot and the prompt). */
  textInputPerMillion: number;
  imageInputPerMillion: number;
  imageOutputPerMillion: number;
}

export const IMAGE_PRICES: Record<string, ImagePrice> = {
  'gpt-image-2': {
    perImage: {
      low: { square: 0.006, wide: 0.005 },
      medium: { square: 0.053, wide: 0.041 },
      high: { square: 0.211, wide: 0.165 },
    },
    textInputPerMillion: 5,
    imageInputPerMillion: 8,
    imageOutputPerMillion: 30,
  },
  'gpt-image-1.5': {
    perImage: {
      low: { square: 0.009, wide: 0.013 },
      medium: { square: 0.034, wide: 0.05 },
      high: { square: 0.133, wide: 0.2 },
    },
    // No separate input rates in MODELS.md for 1.5: gpt-image-2's, as an upper bound.
    textInputPerMillion: 5,
    imageInputPerMillion: 8,
    imageOutputPerMillion: 30,
  },
};

/**
 * The row for a model: its own, or its family's for a dated snapshot (`gpt-image-2-2026-04-21`).
 * Only a date suffix maps to a family: `gpt-5.4-pro` is not priced as `gpt-5.4`.
 */
export function priceRow<T>(table: Record<string, T>, model: string): T | null {
  const family = model.replace(/-\d{4}-\d{2}-\d{2}$/, '');
  return table[model] ?? table[family] ?? null;
}
