/**
 * `annotated.png`: the captured pixels with every region's numbered box drawn in, at the
 * image's own resolution, in the shared badge palette and placement (annotationLayout). Runs on OffscreenCanvas
 * (the MV3 service worker has no DOM). When a model planner will look at it, the same canvas
 * also gives the downscaled copy it is sent (JPEG at quality 0.9), so the pixels are decoded
 * once: decoding a 1280×800 PNG again costs about 60 ms here.
 */
import type { Box, Region, Shot } from '../schemas';
import { BADGE, BADGE_COLORS, type BadgePlace, clipBox, placeBadges, textBoxes } from './badges';

export interface Annotated {
  png: Blob;
  /** The labelled picture at `forModel`'s size, when one was asked for. */
  scaled: Blob | null;
}

export interface AnnotationLayout {
  /** Image pixels per page CSS pixel. */
  scale: number;
  /** The image, in its own pixels. */
  bounds: Box;
  /** Each region's box clipped to the image, and its badge, in image pixels. */
  marks: { region: Region; box: Box; badge: BadgePlace }[];
  /** The text boxes the badges keep off, in image pixels. */
  texts: Box[];
}

/** Where `annotate` draws each box and badge on an image of `size` taken of `shot.area`. */
export function annotationLayout(
  shot: Shot,
  regions: readonly Region[],
  size: { width: number; height: number },
): AnnotationLayout {
  const scale = size.width / shot.area.width;
  const bounds = { x: 0, y: 0, width: size.width, height: size.height };
  const toImage = (box: Box) =>
    clipBox(
      {
        x: (box.x - shot.area.x) * scale,
        y: (box.y - shot.area.y) * scale,
        width: box.width * scale,
        height: box.height * scale,
      },
      bounds,
    );
  const shown = regions.flatMap((region) => {
    const box = toImage(region.box);
    return box ? [{ region, box }] : [];
  });
  const texts = textBoxes(regions).flatMap((box) => toImage(box) ?? []);
  const badge = { width: BADGE.width * scale, height: BADGE.height * scale };
  const places = placeBadges(
    shown.map(({ region, box }) => ({ id: region.id, box })),
    texts,
    bounds,
    badge,
  );
  return {
    scale,
    bounds,
    texts,
    marks: shown.map(({ region, box }) => ({ region, box, badge: places.get(region.id)! })),
  };
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
  const { scale, marks } = annotationLayout(shot, regions, canvas);
  ctx.lineWidth = 2 * scale;
  ctx.font = `600 ${11 * scale}px system-ui, sans-serif`;
  ctx.textAlign = 'center';
  ctx.textBaseline = 'middle';
  ctx.strokeStyle = BADGE_COLORS.markLine;
  for (const { box } of marks)
    ctx.strokeRect(box.x + scale, box.y + scale, box.width - 2 * scale, box.height - 2 * scale);
  // Leaders after every box, and badges after every leader, so no line runs across a number.
  ctx.lineWidth = 1.5 * scale;
  ctx.strokeStyle = BADGE_COLORS.mark;
  for (const { leader } of marks.map((m) => m.badge)) {
    if (!leader) continue;
    ctx.beginPath();
    ctx.moveTo(leader.x1, leader.y1);
    ctx.lineTo(leader.x2, leader.y2);
    ctx.stroke();
  }
  for (const { region, badge } of marks) {
    const { rect } = badge;
    // The badge is drawn 1 px inside the room it was given (BADGE).
    ctx.fillStyle = BADGE_COLORS.mark;
    ctx.fillRect(rect.x + scale, rect.y + scale, rect.width - 2 * scale, rect.height - 2 * scale);
    ctx.fillStyle = BADGE_COLORS.markText;
    ctx.fillText(region.id.slice(1), rect.x + rect.width / 2, rect.y + rect.height / 2);
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
