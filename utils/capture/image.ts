/**
 * Pixel work in the background: decode, paint privacy masks, crop, stitch and encode, on
 * OffscreenCanvas (available in MV3 service workers).
 */
import type { Box } from '../schemas';

/** Chrome's canvas limits: 32,767 px a side and 268,435,456 px in all (skia). */
export const MAX_CANVAS_SIDE = 32_767;
export const MAX_CANVAS_AREA = 268_435_456;

export async function decode(dataUrl: string): Promise<ImageBitmap> {
  return createImageBitmap(await (await fetch(dataUrl)).blob());
}

export function canvas2d(
  width: number,
  height: number,
): [OffscreenCanvas, OffscreenCanvasRenderingContext2D] {
  const canvas = new OffscreenCanvas(Math.max(1, Math.round(width)), Math.max(1, Math.round(height)));
  const ctx = canvas.getContext('2d');
  if (!ctx) throw new Error('No 2D canvas is available for image work.');
  return [canvas, ctx];
}

/** Paints masks (CSS px, relative to the image's origin) opaque black. */
export function paintMasks(
  ctx: OffscreenCanvasRenderingContext2D,
  rects: readonly Box[],
  scale: number,
): void {
  ctx.fillStyle = '#000';
  for (const r of rects) ctx.fillRect(r.x * scale, r.y * scale, r.width * scale, r.height * scale);
}

export async function encode(canvas: OffscreenCanvas): Promise<{ dataUrl: string; bytes: number }> {
  const blob = await canvas.convertToBlob({ type: 'image/png' });
  const bytes = new Uint8Array(await blob.arrayBuffer());
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000)
    binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return { dataUrl: `data:image/png;base64,${btoa(binary)}`, bytes: bytes.length };
}

/** The largest height (CSS px) a stitched image of this width can have. */
export function maxStitchHeight(cssWidth: number, dpr: number): number {
  return Math.floor(Math.min(MAX_CANVAS_SIDE, MAX_CANVAS_AREA / (cssWidth * dpr)) / dpr);
}
