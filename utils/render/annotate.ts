/**
 * `annotated.png`: the captured pixels with every region's numbered box drawn in, at the
 * image's own resolution, in the shared badge palette and placement. Runs on OffscreenCanvas
 * (the MV3 service worker has no DOM). When a model planner will look at it, the same canvas
 * also gives the downscaled copy it is sent (JPEG at quality 0.9), so the pixels are decoded
 * once: decoding a 1280×800 PNG again costs about 60 ms here.
 */
import type { Region, Shot } from '../schemas';
import { BADGE, BADGE_COLORS, badgeRect, badgeSide, clipBox } from './badges';

export interface Annotated {
  png: Blob;
  /** The labelled picture at `forModel`'s size, when one was asked for. */
  scaled: Blob | null;
}

export async function annotate(
  png: Blob,
  shot: Shot,
  regions: readonly Region[],
  forModel: { width: number; height: number } | null = null,
): Promise<Annotated> {
  const bitmap = await createImageBitmap(png);
  const canvas = new OffscreenCanvas(bitmap.width, bitmap.height);
  const ctx = canvas.getContext('2d');
  if (!ctx) throw new Error('No 2D canvas is available to draw the region boxes.');
  ctx.drawImage(bitmap, 0, 0);
  bitmap.close();
  const scale = canvas.width / shot.area.width;
  const bounds = { x: 0, y: 0, width: canvas.width, height: canvas.height };
  const badge = { width: BADGE.width * scale, height: BADGE.height * scale };
  ctx.lineWidth = 2 * scale;
  ctx.font = `600 ${11 * scale}px system-ui, sans-serif`;
  ctx.textAlign = 'center';
  ctx.textBaseline = 'middle';
  for (const region of regions) {
    const box = clipBox(
      {
        x: (region.box.x - shot.area.x) * scale,
        y: (region.box.y - shot.area.y) * scale,
        width: region.box.width * scale,
        height: region.box.height * scale,
      },
      bounds,
    );
    if (!box) continue;
    ctx.strokeStyle = BADGE_COLORS.markLine;
    ctx.strokeRect(box.x + scale, box.y + scale, box.width - 2 * scale, box.height - 2 * scale);
    const label = badgeRect(box, badgeSide(box, bounds, badge), badge);
    ctx.fillStyle = BADGE_COLORS.mark;
    ctx.fillRect(label.x, label.y, label.width, label.height);
    ctx.fillStyle = BADGE_COLORS.markText;
    ctx.fillText(region.id.slice(1), label.x + label.width / 2, label.y + label.height / 2);
  }
  return {
    png: await canvas.convertToBlob({ type: 'image/png' }),
    scaled: await downscale(canvas, forModel),
  };
}

async function downscale(canvas: OffscreenCanvas, size: { width: number; height: number } | null) {
  if (!size) return null;
  const small = new OffscreenCanvas(size.width, size.height);
  const ctx = small.getContext('2d');
  if (!ctx) return null;
  ctx.imageSmoothingQuality = 'high';
  ctx.drawImage(canvas, 0, 0, size.width, size.height);
  return small.convertToBlob({ type: 'image/jpeg', quality: 0.9 });
}
