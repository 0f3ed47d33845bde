/**
 * The mockup's images, cut from the captured pixels. The mockup runs with no network under its
 * CSP, so every image it shows is embedded; a crop of the capture is the image exactly as the
 * page drew it (its object-fit, filters and privacy masks included), whatever its origin. An
 * image the capture does not hold (below the fold in a viewport capture) keeps its place and
 * alt text instead. Runs on OffscreenCanvas, in the service worker or a page.
 */
import { blobToDataUrl } from '@/utils/core/dataUrl';
import type { Shot } from '@/utils/core/schemas/capture';
import type { Region } from '@/utils/core/schemas/region';

/** Share of an image's box the capture must hold for the crop to stand for the image. */
const HELD = 0.9;
/** Crops larger than this many device pixels are JPEG (photos); smaller ones stay PNG (icons, text). */
const JPEG_FROM = 160_000;

/** Whether a region is an image the mockup shows as pixels. */
export const isPicture = (region: Region) =>
  region.kind === 'media' && region.box.width >= 2 && region.box.height >= 2;

/** A data URL per media region the capture holds, by region id. */
export async function cropImages(
  png: Blob,
  shot: Shot,
  regions: readonly Region[],
): Promise<Map<string, string>> {
  const pictures = regions.filter((region) => isPicture(region) && heldShare(region, shot) >= HELD);
  const crops = new Map<string, string>();
  if (pictures.length === 0) return crops;
  const bitmap = await createImageBitmap(png);
  try {
    const scale = bitmap.width / shot.area.width;
    for (const region of pictures) {
      const x = Math.max(0, Math.round((region.box.x - shot.area.x) * scale));
      const y = Math.max(0, Math.round((region.box.y - shot.area.y) * scale));
      const width = Math.min(bitmap.width - x, Math.round(region.box.width * scale));
      const height = Math.min(bitmap.height - y, Math.round(region.box.height * scale));
      if (width < 1 || height < 1) continue;
      const canvas = new OffscreenCanvas(width, height);
      const ctx = canvas.getContext('2d');
      if (!ctx) throw new Error('No 2D canvas is available to cut the mockup’s images.');
      ctx.drawImage(bitmap, x, y, width, height, 0, 0, width, height);
      const jpeg = width * height >= JPEG_FROM;
      const blob = await canvas.convertToBlob(
        jpeg ? { type: 'image/jpeg', quality: 0.85 } : { type: 'image/png' },
      );
      crops.set(region.id, await blobToDataUrl(blob));
    }
  } finally {
    bitmap.close();
  }
  return crops;
}

function heldShare(region: Region, shot: Shot): number {
  const { box } = region;
  const { area } = shot;
  const width = Math.min(box.x + box.width, area.x + area.width) - Math.max(box.x, area.x);
  const height = Math.min(box.y + box.height, area.y + area.height) - Math.max(box.y, area.y);
  const size = box.width * box.height;
  return width > 0 && height > 0 && size > 0 ? (width * height) / size : 0;
}
