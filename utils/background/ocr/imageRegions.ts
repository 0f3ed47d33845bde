/**
 * Which image regions are read for text, cut from the capture: the pixels the page showed,
 * whatever the image's origin. An image is read when a cheap look at its pixels suggests marks
 * on an even ground (utils/core/measure/pixelContrast.ts, `textLikelihood`), or when its alt text
 * says it holds words (a banner, a logo, a sign…); at most MAX_IMAGES a page, in reading
 * order, those the pixels suggest first. Only what the capture holds is read: an image below
 * the captured area is counted, not measured. Runs on OffscreenCanvas, in the service worker.
 */
import { isPicture } from '@/utils/background/render/crops';
import type { ImageReading } from '@/utils/core/measure/imagesOfText';
import { textLikelihood, type Pixels } from '@/utils/core/measure/pixelContrast';
import type { Shot } from '@/utils/core/schemas/capture';
import type { ImageText } from '@/utils/core/schemas/ocr';
import type { Region } from '@/utils/core/schemas/region';
import { blobToDataUrl } from '@/utils/core/dataUrl';

/** OCR costs hundreds of milliseconds an image: a page of banners is read up to this many. */
export const MAX_IMAGES = 6;
/** Share of an image's box the capture must hold for its text to be read. */
const HELD = 0.5;
/** Smaller images hold no line of text worth reading (CSS px). */
const MIN_WIDTH = 32;
const MIN_HEIGHT = 12;
/** Tesseract reads glyphs from about 20 px tall; smaller crops are enlarged up to this height. */
const READ_HEIGHT = 64;

/** Alt text that says the image holds words. */
export const TEXT_ALT =
  /\b(banner|logo|logotype|wordmark|sign|signage|poster|flyer|heading|headline|title|caption|slogan|quote|text|lettering|button|badge|label|menu|screenshot|infographic|chart|diagram|coupon|ad|advert)s?\b/i;

export interface ImageRegionsRead {
  readings: ImageReading[];
  /** Images too little of which the capture holds. */
  outside: number;
  /** Images left unread by the cap. */
  capped: number;
  /** Images looked at and not read: no sign of text in pixels or alt text. */
  passed: number;
}

type Read = (image: string) => Promise<ImageText>;

export async function readImageRegions(
  png: Blob,
  shot: Shot,
  regions: readonly Region[],
  read: Read,
  signal: AbortSignal,
): Promise<ImageRegionsRead> {
  const pictures = regions.filter(
    (r) => isPicture(r) && !r.flags.private && r.box.width >= MIN_WIDTH && r.box.height >= MIN_HEIGHT,
  );
  const result: ImageRegionsRead = { readings: [], outside: 0, capped: 0, passed: 0 };
  if (pictures.length === 0) return result;
  const bitmap = await createImageBitmap(png);
  try {
    const scale = bitmap.width / shot.area.width;
    const candidates: { region: Region; pixels: Pixels; likely: boolean; canvas: OffscreenCanvas }[] = [];
    for (const region of pictures) {
      const cut = heldPart(region, shot, scale, bitmap);
      if (!cut) {
        result.outside++;
        continue;
      }
      const canvas = new OffscreenCanvas(cut.width, cut.height);
      const ctx = canvas.getContext('2d', { willReadFrequently: true });
      if (!ctx) throw new Error('No 2D canvas is available to read images of text.');
      ctx.drawImage(bitmap, cut.x, cut.y, cut.width, cut.height, 0, 0, cut.width, cut.height);
      const pixels = ctx.getImageData(0, 0, cut.width, cut.height);
      const likely = textLikelihood(pixels).likely;
      // Pixels of images that will not be read are let go at once: a page may have a hundred.
      if (likely || TEXT_ALT.test(region.name)) candidates.push({ region, pixels, likely, canvas });
      else result.passed++;
    }
    const { chosen, capped, passed } = chooseImages(candidates);
    result.capped = capped;
    result.passed += passed;
    for (const { region, pixels, canvas } of chosen) {
      signal.throwIfAborted();
      const enlarge = Math.min(4, Math.max(1, Math.round(READ_HEIGHT / canvas.height)));
      const image = await blobToDataUrl(await enlarged(canvas, enlarge).convertToBlob({ type: 'image/png' }));
      const { words } = await read(image);
      // Word boxes back in the crop's own pixels, where the contrast is measured.
      const boxes = words.map((w) => ({
        ...w,
        box: {
          x: w.box.x / enlarge,
          y: w.box.y / enlarge,
          width: w.box.width / enlarge,
          height: w.box.height / enlarge,
        },
      }));
      result.readings.push({ region, words: boxes, pixels, scale });
    }
  } finally {
    bitmap.close();
  }
  return result;
}

/**
 * The images to read: those whose pixels look like text, then those whose alt text says they
 * hold words, each group in reading order, up to MAX_IMAGES.
 */
export function chooseImages<T extends { region: Region; likely: boolean }>(
  candidates: readonly T[],
): { chosen: T[]; capped: number; passed: number } {
  const picked = candidates.filter((c) => c.likely || TEXT_ALT.test(c.region.name));
  // A stable sort: reading order stays within each group.
  picked.sort((a, b) => Number(b.likely) - Number(a.likely));
  return {
    chosen: picked.slice(0, MAX_IMAGES),
    capped: Math.max(0, picked.length - MAX_IMAGES),
    passed: candidates.length - picked.length,
  };
}

/** The part of the image the capture holds, in the capture's pixels, or null when under HELD of it. */
function heldPart(region: Region, shot: Shot, scale: number, bitmap: ImageBitmap) {
  const { box } = region;
  const { area } = shot;
  const left = Math.max(box.x, area.x);
  const top = Math.max(box.y, area.y);
  const right = Math.min(box.x + box.width, area.x + area.width);
  const bottom = Math.min(box.y + box.height, area.y + area.height);
  if (right <= left || bottom <= top) return null;
  if ((right - left) * (bottom - top) < HELD * box.width * box.height) return null;
  const x = Math.max(0, Math.round((left - area.x) * scale));
  const y = Math.max(0, Math.round((top - area.y) * scale));
  const width = Math.min(bitmap.width - x, Math.round((right - left) * scale));
  const height = Math.min(bitmap.height - y, Math.round((bottom - top) * scale));
  return width >= 1 && height >= 1 ? { x, y, width, height } : null;
}

/** A small crop drawn larger (smoothly) so OCR can read it; the pixels measured stay the crop's. */
function enlarged(canvas: OffscreenCanvas, factor: number): OffscreenCanvas {
  if (factor === 1) return canvas;
  const big = new OffscreenCanvas(canvas.width * factor, canvas.height * factor);
  const ctx = big.getContext('2d')!;
  ctx.imageSmoothingQuality = 'high';
  ctx.drawImage(canvas, 0, 0, big.width, big.height);
  return big;
}
