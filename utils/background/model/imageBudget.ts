/**
 * What a screenshot costs a vision model, and the largest size that stays within a budget.
 * MODELS.md: 32 px patches, `ceil(w/32) × ceil(h/32)`, times a model factor. Guides disagree
 * on the factor for the mini models (×1.2 or ×1.62); the budget uses the higher one so the
 * image stays under it either way, and the real figure is read back from `usage`.
 */
export const PATCH_PX = 32;
export const IMAGE_TOKEN_FACTOR = 1.62;
/** The planner's image budget in input tokens (issue 9). */
export const IMAGE_TOKEN_BUDGET = 1600;

export interface Size {
  width: number;
  height: number;
}

export function patchesOf({ width, height }: Size): number {
  return Math.ceil(width / PATCH_PX) * Math.ceil(height / PATCH_PX);
}

export function imageTokens(size: Size, factor = IMAGE_TOKEN_FACTOR): number {
  return Math.ceil(patchesOf(size) * factor);
}

/**
 * The largest size with the source's aspect ratio (never larger than the source) whose
 * tokens fit the budget. A pure function of sizes: the worker resizes to what it returns.
 * Width is searched in whole pixels; height follows the aspect, rounded, at least 1 px.
 */
export function fitImageToTokens(
  source: Size,
  budget = IMAGE_TOKEN_BUDGET,
  factor = IMAGE_TOKEN_FACTOR,
): Size & { tokens: number; scaled: boolean } {
  const width = Math.max(1, Math.round(source.width));
  const height = Math.max(1, Math.round(source.height));
  const at = (w: number): Size => ({ width: w, height: Math.max(1, Math.round((w * height) / width)) });
  if (imageTokens({ width, height }, factor) <= budget) {
    return { width, height, tokens: imageTokens({ width, height }, factor), scaled: false };
  }
  // Tokens grow with width (height follows it), so the largest fitting width is found by bisection.
  let low = 1;
  let high = width;
  while (low < high) {
    const mid = Math.ceil((low + high) / 2);
    if (imageTokens(at(mid), factor) <= budget) low = mid;
    else high = mid - 1;
  }
  const size = at(low);
  return { ...size, tokens: imageTokens(size, factor), scaled: true };
}
