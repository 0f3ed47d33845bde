/**
 * The small picture lists show for a run (History, rounds): the top of the annotated capture,
 * scaled to fit 240 × 160 CSS px, as JPEG. Runs on OffscreenCanvas in the service worker.
 */

export const THUMB_WIDTH = 240;
export const THUMB_HEIGHT = 160;

/**
 * The part of a `width` × `height` picture a thumbnail shows, and its size: the whole width,
 * and from the top as much height as keeps the 3:2 frame (less for a short picture).
 */
export function thumbFrame(width: number, height: number) {
  const scale = Math.min(1, THUMB_WIDTH / width);
  const sourceHeight = Math.min(height, Math.round((width * THUMB_HEIGHT) / THUMB_WIDTH));
  return {
    sourceHeight,
    width: Math.max(1, Math.round(width * scale)),
    height: Math.max(1, Math.round(sourceHeight * scale)),
  };
}

export async function thumbnail(png: Blob): Promise<Blob> {
  const whole = await createImageBitmap(png);
  const frame = thumbFrame(whole.width, whole.height);
  const bitmap = await createImageBitmap(whole, 0, 0, whole.width, frame.sourceHeight, {
    resizeWidth: frame.width,
    resizeHeight: frame.height,
    resizeQuality: 'high',
  });
  whole.close();
  try {
    const canvas = new OffscreenCanvas(frame.width, frame.height);
    const context = canvas.getContext('2d');
    if (!context) throw new Error('No 2D context for the thumbnail');
    context.drawImage(bitmap, 0, 0);
    return await canvas.convertToBlob({ type: 'image/jpeg', quality: 0.8 });
  } finally {
    bitmap.close();
  }
}
