import { describe, expect, it } from 'vitest';
import {
  checkBudget,
  estimateImageUsd,
  estimatePlannerUsd,
  formatUsd,
  imageUsageUsd,
  plannerUsageUsd,
} from '@/utils/background/model/estimate';
import {
  IMAGE_PRICES,
  PLANNER_OUTPUT_ALLOWANCE,
  PLANNER_PRICES,
  priceRow,
} from '@/utils/background/model/prices';
import { NO_USAGE } from '@/utils/background/model/usage';

const caps = { perCritiqueUsd: 0.25, perDayUsd: 2 };
const none = { thisCritiqueUsd: 0, todayUsd: 0 };

describe('price table', () => {
  it('prices dated snapshots as their family, and nothing else by prefix', () => {
    expect(priceRow(IMAGE_PRICES, 'gpt-image-2-2026-04-21')).toBe(IMAGE_PRICES['gpt-image-2']);
    expect(priceRow(PLANNER_PRICES, 'gpt-5.4-mini-2026-03-17')).toBe(PLANNER_PRICES['gpt-5.4-mini']);
    expect(priceRow(PLANNER_PRICES, 'gpt-5.4-pro')).toBeNull();
  });
});

describe('estimates', () => {
  it('prices the planner from input tokens plus the output allowance', () => {
    // 2,000 in at $0.75/M + 6,000 out at $4.50/M
    expect(estimatePlannerUsd('openai', 'gpt-5.4-mini', 2000)).toBeCloseTo(0.0015 + 0.027, 10);
    expect(PLANNER_OUTPUT_ALLOWANCE).toBe(6000);
    // Unknown paid model: the dearest row ($5 / $30), so caps still hold.
    expect(estimatePlannerUsd('openai', 'gpt-9', 2000)).toBeCloseTo(0.01 + 0.18, 10);
    expect(estimatePlannerUsd('ollama', 'gpt-5.4-mini', 2000)).toBe(0);
    expect(estimatePlannerUsd('compatible', 'llava', 2000)).toBe(0);
  });

  it('prices the image from the per-image table, scaled by pixels, plus its inputs', () => {
    const input = { imageTokens: 0, promptTokens: 0 };
    expect(
      estimateImageUsd('openai', 'gpt-image-2', 'medium', { width: 1024, height: 1024 }, input),
    ).toBeCloseTo(0.053, 10);
    expect(
      estimateImageUsd('openai', 'gpt-image-2', 'medium', { width: 1536, height: 1024 }, input),
    ).toBeCloseTo(0.041, 10);
    expect(
      estimateImageUsd('openai', 'gpt-image-2', 'low', { width: 1024, height: 1536 }, input),
    ).toBeCloseTo(0.005, 10);
    // 1280×800 is wide: 0.041 × 1,024,000 / 1,572,864
    expect(
      estimateImageUsd('openai', 'gpt-image-2', 'medium', { width: 1280, height: 800 }, input),
    ).toBeCloseTo((0.041 * 1_024_000) / 1_572_864, 10);
    // auto is priced as high; the screenshot at $8/M and the prompt at $5/M are added.
    expect(
      estimateImageUsd(
        'openai',
        'gpt-image-1.5',
        'auto',
        { width: 1024, height: 1024 },
        { imageTokens: 1000, promptTokens: 2000 },
      ),
    ).toBeCloseTo(0.133 + 0.008 + 0.01, 10);
    expect(estimateImageUsd('ollama', 'gpt-image-2', 'high', { width: 1024, height: 1024 }, input)).toBe(0);
  });

  it('bills actual usage at the token rates', () => {
    const usage = {
      ...NO_USAGE,
      inputTokens: 3000,
      outputTokens: 1000,
      imageTokens: 1000,
      totalTokens: 4000,
      reported: true,
    };
    expect(imageUsageUsd('openai', 'gpt-image-2', usage)).toBeCloseTo(0.008 + 0.01 + 0.03, 10);
    expect(plannerUsageUsd('openai', 'gpt-5.4-mini', usage)).toBeCloseTo(0.00225 + 0.0045, 10);
  });

  it('formats dollars plainly', () => {
    expect(formatUsd(0)).toBe('$0');
    expect(formatUsd(0.0042)).toBe('$0.0042');
    expect(formatUsd(0.25)).toBe('$0.25');
  });
});

describe('caps', () => {
  it('lets an estimate within both caps through', () => {
    expect(checkBudget('the image', 0.1, caps, none)).toBeNull();
    expect(checkBudget('the image', 0.25, caps, none)).toBeNull();
  });

  it('refuses, plainly, what would pass the per-critique cap, counting what this critique already spent', () => {
    expect(checkBudget('the image', 0.2, caps, { thisCritiqueUsd: 0.1, todayUsd: 0.1 })).toEqual({
      kind: 'over-budget',
      status: null,
      message:
        'Not sent: the image would cost about $0.20, bringing this critique to $0.30, over your cap of $0.25 per critique. Raise the cap in settings, lower the image quality or turn image generation off.',
    });
  });

  it('refuses what would pass the daily cap', () => {
    expect(checkBudget('the planner', 0.05, caps, { thisCritiqueUsd: 0, todayUsd: 1.98 })?.message).toBe(
      'Not sent: the planner would cost about $0.05, bringing today’s spending to $2.03, over your cap of $2.00 a day.',
    );
  });
});
