/**
 * Pixel work in the background on OffscreenCanvas (MV3 service workers have no DOM): decode,
 * paint privacy masks, crop, stitch and encode. A capture with nothing to mask is never
 * decoded at all: its PNG bytes are kept as the browser made them.
 */
import type { Box } from '@/utils/core/schemas/region';

/** Chrome's canvas limits: 32,767 px a side and 268,435,456 px in all (skia). */
export const MAX_CANVAS_SIDE = 32_767;
export const MAX_CANVAS_AREA = 268_435_456;

/** Width and height from a PNG's IHDR chunk (bytes 16–23, big-endian), without decoding it. */
export async function pngSize(png: Blob): Promise<{ width: number; height: number }> {
  const head = new DataView(await png.slice(0, 24).arrayBuffer());
  if (head.byteLength < 24 || head.getUint32(12) !== 0x49484452) throw new Error('Not a PNG image.');
  return { width: head.getUint32(16), height: head.getUint32(20) };
}

export function decode(image: Blob): Promise<ImageBitmap> {
  return createImageBitmap(image);
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

/** Paints masks (CSS px relative to `origin`, scaled to device px) opaque black. */
export function paintMasks(
  ctx: OffscreenCanvasRenderingContext2D,
  rects: readonly Box[],
  scale: number,
  originY = 0,
): void {
  ctx.fillStyle = '#000';
  for (const r of rects) ctx.fillRect(r.x * scale, r.y * scale + originY, r.width * scale, r.height * scale);
}

/** The top `height` device px of `canvas`, as a new canvas (or the same one when that is all of it). */
export function keepTop(canvas: OffscreenCanvas, height: number): OffscreenCanvas {
  if (Math.round(height) >= canvas.height) return canvas;
  const [top, ctx] = canvas2d(canvas.width, height);
  ctx.drawImage(canvas, 0, 0);
  return top;
}

export function encode(canvas: OffscreenCanvas): Promise<Blob> {
  return canvas.convertToBlob({ type: 'image/png' });
}

/** The largest height (CSS px) a stitched image of this width can have. */
export function maxStitchHeight(cssWidth: number, dpr: number): number {
  return Math.floor(Math.min(MAX_CANVAS_SIDE, MAX_CANVAS_AREA / (cssWidth * dpr)) / dpr);
}
