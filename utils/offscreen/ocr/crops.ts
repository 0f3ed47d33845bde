/**
 * Light-on-dark zones cut out and turned into dark text on a light ground, for a second OCR
 * pass (utils/offscreen/ocr/polarity.ts says why). Each crop is inverted grey; everything outside the
 * zone's own blocks (the page around a rounded button's corners) and a margin around it are
 * painted the zone's inverted ground, since tesseract's global threshold fails on a small
 * image whose margin differs from its ground.
 */
import { BLOCK, findLightOnDarkZones } from '@/utils/offscreen/ocr/polarity';

const MARGIN = 16;

export interface Crop {
  image: Blob;
  /** Where the crop's (0, 0) is in the whole image. */
  dx: number;
  dy: number;
  width: number;
  height: number;
}

/** Rec. 709 luma, in 0–255. */
export function grayscale(rgba: Uint8ClampedArray): Uint8Array {
  const gray = new Uint8Array(rgba.length / 4);
  for (let i = 0; i < gray.length; i++)
    gray[i] = (54 * rgba[4 * i]! + 183 * rgba[4 * i + 1]! + 19 * rgba[4 * i + 2]!) >> 8;
  return gray;
}

function median(values: Uint32Array, total: number): number {
  let seen = 0;
  for (let v = 0; v < values.length; v++) if ((seen += values[v]!) * 2 >= total) return v;
  return 0;
}

export async function lightOnDarkCrops(bitmap: ImageBitmap): Promise<Crop[]> {
  const { width, height } = bitmap;
  const canvas = new OffscreenCanvas(width, height);
  const ctx = canvas.getContext('2d', { willReadFrequently: true })!;
  ctx.drawImage(bitmap, 0, 0);
  const gray = grayscale(ctx.getImageData(0, 0, width, height).data);
  const { cols, zoneOf, boxes } = findLightOnDarkZones(gray, width, height);
  const inZone = (zone: number, x: number, y: number) =>
    x >= 0 &&
    y >= 0 &&
    x < width &&
    y < height &&
    zoneOf[Math.floor(y / BLOCK) * cols + Math.floor(x / BLOCK)] === zone;

  return Promise.all(
    boxes.map(async (box, zone) => {
      const histogram = new Uint32Array(256);
      let total = 0;
      for (let y = box.y; y < box.y + box.height; y++) {
        for (let x = box.x; x < box.x + box.width; x++) {
          if (!inZone(zone, x, y)) continue;
          histogram[255 - gray[y * width + x]!]!++;
          total++;
        }
      }
      const ground = median(histogram, total);
      const out = new ImageData(box.width + 2 * MARGIN, box.height + 2 * MARGIN);
      for (let y = 0; y < out.height; y++) {
        for (let x = 0; x < out.width; x++) {
          const sx = box.x + x - MARGIN;
          const sy = box.y + y - MARGIN;
          const v = inZone(zone, sx, sy) ? 255 - gray[sy * width + sx]! : ground;
          const i = 4 * (y * out.width + x);
          out.data[i] = out.data[i + 1] = out.data[i + 2] = v;
          out.data[i + 3] = 255;
        }
      }
      const crop = new OffscreenCanvas(out.width, out.height);
      crop.getContext('2d')!.putImageData(out, 0, 0);
      const image = await crop.convertToBlob({ type: 'image/png' });
      return { image, dx: box.x - MARGIN, dy: box.y - MARGIN, width: out.width, height: out.height };
    }),
  );
}
