/**
 * The output size for the image of the next state, matching the viewport's aspect within the
 * model's limits (MODELS.md, and the `size` doc in openai/resources/images.ts, v6.49.0):
 * - gpt-image-2: any W×H with both sides multiples of 16, aspect between 1:3 and 3:1, longest
 *   side ≤ 3840, between 655,360 and 8,294,400 pixels. Above 2560×1440 is experimental, so
 *   we stay at or below that many pixels.
 * - other GPT image models: 1024×1024, 1536×1024 or 1024×1536, whichever aspect is closest.
 */
import type { Size } from '@/utils/background/model/imageBudget';

export const MIN_PIXELS = 655_360;
export const MAX_PIXELS = 8_294_400;
/** 2560 × 1440: the largest size the API does not call experimental. */
export const PREFERRED_MAX_PIXELS = 3_686_400;
export const MAX_SIDE = 3840;

export const FIXED_SIZES = ['1024x1024', '1536x1024', '1024x1536'] as const;

export function acceptsAnySize(model: string): boolean {
  return /^gpt-image-2(\b|-)/.test(model);
}

const down16 = (n: number) => Math.max(16, Math.floor(n / 16) * 16);

export function pickImageSize(model: string, source: Size): `${number}x${number}` {
  const aspect = source.width / Math.max(1, source.height);
  if (!acceptsAnySize(model)) {
    const closest = FIXED_SIZES.map((size) => {
      const [w, h] = size.split('x').map(Number) as [number, number];
      return { size, distance: Math.abs(Math.log(w / h / aspect)) };
    }).sort((a, b) => a.distance - b.distance)[0];
    return closest?.size ?? '1024x1024';
  }
  const ratio = Math.min(3, Math.max(1 / 3, aspect));
  // Keep the source's pixel count when it is within limits; otherwise move it inside them.
  const pixels = Math.min(PREFERRED_MAX_PIXELS, Math.max(MIN_PIXELS, source.width * source.height));
  let width = Math.sqrt(pixels * ratio);
  let height = width / ratio;
  const scale = Math.min(1, MAX_SIDE / Math.max(width, height));
  width = down16(width * scale);
  height = down16(height * scale);
  // Rounding each side down to 16 may tip the aspect past 3:1; trim the long side back.
  if (width > 3 * height) width = down16(3 * height);
  if (height > 3 * width) height = down16(3 * width);
  // …or fall under the minimum: grow by 16 px steps, the side that keeps the aspect closest.
  while (width * height < MIN_PIXELS) {
    const growWidth = width / height < ratio ? (width + 16) / height <= 3 : (height + 16) / width > 3;
    if (growWidth) width += 16;
    else height += 16;
  }
  return `${width}x${height}`;
}
