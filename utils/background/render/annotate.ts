/**
 * `annotated.png`: the captured pixels with the regions' boxes drawn in, at the image's own
 * resolution, in the shared badge palette and placement (annotationLayout). The regions with
 * findings are drawn in full with their numbers, the rest faint (./marks.ts). Runs on
 * OffscreenCanvas (the MV3 service worker has no DOM). When a model planner will look at it,
 * the same decoded pixels also give the downscaled copy it is sent (JPEG at quality 0.9), with
 * every region numbered, since the model names regions by their numbers: decoding a
 * 1280×800 PNG again costs about 60 ms here.
 */
import type { Shot } from '@/utils/core/schemas/capture';
import type { Box, Region } from '@/utils/core/schemas/region';
import {
  BADGE,
  BADGE_COLORS,
  type BadgePlace,
  clipBox,
  placeBadges,
  textBoxes,
} from '@/utils/core/render/badges';
import type { MarkTone } from '@/utils/core/render/marks';

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
  /** Each region's box clipped to the image, how strongly it is drawn, and its badge (none when faint), in image pixels. */
  marks: { region: Region; box: Box; tone: MarkTone; badge: BadgePlace | null }[];
  /** The text boxes the badges keep off, in image pixels. */
  texts: Box[];
}

/**
 * Where `annotate` draws each box and badge on an image of `size` taken of `shot.area`. Only
 * numbered regions get a badge, so they alone compete for room; without `tones`, every region
 * is drawn in full.
 */
export function annotationLayout(
  shot: Shot,
  regions: readonly Region[],
  size: { width: number; height: number },
  tones?: ReadonlyMap<string, MarkTone>,
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
    return box ? [{ region, box, tone: tones?.get(region.id) ?? ('strong' as MarkTone) }] : [];
  });
  const texts = textBoxes(regions).flatMap((box) => toImage(box) ?? []);
  const badge = { width: BADGE.width * scale, height: BADGE.height * scale };
  const places = placeBadges(
    shown.filter((m) => m.tone !== 'faint').map(({ region, box }) => ({ id: region.id, box })),
    texts,
    bounds,
    badge,
  );
  return {
    scale,
    bounds,
    texts,
    marks: shown.map((m) => ({ ...m, badge: places.get(m.region.id) ?? null })),
  };
}

/** Outline width (at scale 1) and colour of each tone; faint first, so stronger lines end on top. */
const OUTLINES: readonly [MarkTone, number, string][] = [
  ['faint', 1, BADGE_COLORS.markFaint],
  ['container', 1.5, BADGE_COLORS.markContainer],
  ['strong', 2, BADGE_COLORS.markLine],
];

function drawMarks(ctx: OffscreenCanvasRenderingContext2D, { scale, marks }: AnnotationLayout): void {
  ctx.font = `600 ${11 * scale}px system-ui, sans-serif`;
  ctx.textAlign = 'center';
  ctx.textBaseline = 'middle';
  for (const [tone, width, colour] of OUTLINES) {
    ctx.lineWidth = width * scale;
    ctx.strokeStyle = colour;
    const inset = (width / 2) * scale;
    for (const { box } of marks.filter((m) => m.tone === tone))
      ctx.strokeRect(box.x + inset, box.y + inset, box.width - 2 * inset, box.height - 2 * inset);
  }
  // Leaders after every box, and badges after every leader, so no line runs across a number.
  const badges = marks.flatMap(({ region, badge }) => (badge ? [{ region, badge }] : []));
  ctx.lineWidth = 1.5 * scale;
  ctx.strokeStyle = BADGE_COLORS.mark;
  for (const { leader } of badges.map((m) => m.badge)) {
    if (!leader) continue;
    ctx.beginPath();
    ctx.moveTo(leader.x1, leader.y1);
    ctx.lineTo(leader.x2, leader.y2);
    ctx.stroke();
  }
  for (const { region, badge } of badges) {
    const { rect } = badge;
    // The badge is drawn 1 px inside the room it was given (BADGE).
    ctx.fillStyle = BADGE_COLORS.mark;
    ctx.fillRect(rect.x + scale, rect.y + scale, rect.width - 2 * scale, rect.height - 2 * scale);
    ctx.fillStyle = BADGE_COLORS.markText;
    ctx.fillText(region.id.slice(1), rect.x + rect.width / 2, rect.y + rect.height / 2);
  }
}

export async function annotate(
  png: Blob,
  shot: Shot,
  regions: readonly Region[],
  options: {
    tones?: ReadonlyMap<string, MarkTone>;
    forModel?: { width: number; height: number } | null;
  } = {},
): Promise<Annotated> {
  const bitmap = await createImageBitmap(png);
  const canvas = new OffscreenCanvas(bitmap.width, bitmap.height);
  const ctx = canvas.getContext('2d');
  if (!ctx) throw new Error('No 2D canvas is available to draw the region boxes.');
  let scaled: Blob | null = null;
  if (options.forModel) {
    ctx.drawImage(bitmap, 0, 0);
    drawMarks(ctx, annotationLayout(shot, regions, canvas));
    scaled = await downscale(canvas, options.forModel);
    ctx.clearRect(0, 0, canvas.width, canvas.height);
  }
  ctx.drawImage(bitmap, 0, 0);
  bitmap.close();
  drawMarks(ctx, annotationLayout(shot, regions, canvas, options.tones));
  return { png: await canvas.convertToBlob({ type: 'image/png' }), scaled };
}

async function downscale(canvas: OffscreenCanvas, size: { width: number; height: number }) {
  const small = new OffscreenCanvas(size.width, size.height);
  const ctx = small.getContext('2d');
  if (!ctx) return null;
  ctx.imageSmoothingQuality = 'high';
  ctx.drawImage(canvas, 0, 0, size.width, size.height);
  return small.convertToBlob({ type: 'image/jpeg', quality: 0.9 });
}
