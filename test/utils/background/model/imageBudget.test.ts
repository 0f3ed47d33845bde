import { describe, expect, it } from 'vitest';
import { fitImageToTokens, imageTokens, patchesOf } from '@/utils/background/model/imageBudget';

describe('image token budget (32 px patches, MODELS.md)', () => {
  it('counts patches as ceil(w/32) × ceil(h/32)', () => {
    expect(patchesOf({ width: 1024, height: 960 })).toBe(960); // MODELS.md's worked figure
    expect(patchesOf({ width: 1025, height: 960 })).toBe(990);
    expect(patchesOf({ width: 1, height: 1 })).toBe(1);
    expect(imageTokens({ width: 1024, height: 960 }, 1.2)).toBe(1152);
  });

  it('keeps an image that already fits, untouched', () => {
    expect(fitImageToTokens({ width: 640, height: 400 })).toEqual({
      width: 640,
      height: 400,
      tokens: 422,
      scaled: false,
    });
  });

  it.each([
    [1280, 800],
    [2560, 1600],
    [1440, 900],
    [390, 844],
    [1920, 1080],
    [1280, 20000],
    [3000, 200],
  ])('downscales %i×%i to the largest size within 1,600 tokens, keeping the aspect', (width, height) => {
    const fit = fitImageToTokens({ width, height });
    expect(fit.tokens).toBeLessThanOrEqual(1600);
    expect(fit.tokens).toBe(imageTokens(fit));
    expect(fit.width).toBeLessThanOrEqual(width);
    expect(Math.abs(fit.width / fit.height - width / height) / (width / height)).toBeLessThan(0.05);
    // One pixel wider would no longer fit (or would exceed the source).
    const wider = {
      width: fit.width + 1,
      height: Math.max(1, Math.round(((fit.width + 1) * height) / width)),
    };
    if (wider.width <= width) expect(imageTokens(wider)).toBeGreaterThan(1600);
  });

  it('puts a 1280×800 viewport at 1,248×780: 39 × 25 patches, 1,580 tokens at ×1.62', () => {
    // 1,249 px and wider need 40 columns: 40 × 25 × 1.62 = 1,620 tokens, over the budget.
    expect(fitImageToTokens({ width: 1280, height: 800 })).toEqual({
      width: 1248,
      height: 780,
      tokens: 1580,
      scaled: true,
    });
  });
});
