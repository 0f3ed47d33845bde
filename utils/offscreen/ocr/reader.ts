/**
 * Reads the words in an image with the bundled tesseract.js, inside the offscreen document
 * (it needs Worker and WebAssembly, which a service worker cannot host for it). One engine
 * is started on first use and kept warm until the document closes when idle. Each image is
 * read whole, then its light-on-dark zones are read again inverted, and the two merged.
 */
import { createWorker, OEM, PSM, type Worker } from 'tesseract.js';
import type { OcrReading, OcrWord } from '@/utils/core/schemas/ocr';
import { OCR_CORE_DIR, OCR_LANG_DIR, OCR_WORKER_PATH } from '@/utils/core/ocr/assets';
import { lightOnDarkCrops } from '@/utils/offscreen/ocr/crops';
import { mergeWords, shift } from '@/utils/offscreen/ocr/merge';

/** Images tesseract's image loader (leptonica) decodes. */
export const OCR_IMAGE_TYPES = ['image/png', 'image/jpeg', 'image/webp'];

/** A core that cannot start (WebAssembly blocked, a file missing) hangs instead of failing. */
export const OCR_START_TIMEOUT_MS = 60_000;

let engine: Promise<Worker> | null = null;

const extensionUrl = (path: string) => new URL(`/${path}`, location.origin).href;

async function startEngine(): Promise<Worker> {
  // Every path is inside the extension: tesseract.js would otherwise fetch its worker, core
  // and model from a CDN. Options are createWorker's third argument in tesseract.js 7.
  const worker = await createWorker('eng', OEM.LSTM_ONLY, {
    workerPath: extensionUrl(OCR_WORKER_PATH),
    corePath: extensionUrl(OCR_CORE_DIR),
    langPath: extensionUrl(OCR_LANG_DIR),
    // A blob: worker would need `worker-src blob:`, which MV3 does not allow in its CSP.
    workerBlobURL: false,
    // The model is already in the package; caching would copy it into IndexedDB too.
    cacheMethod: 'none',
    gzip: true,
  });
  return worker;
}

/**
 * A mockup is not a page of prose: labels, buttons and headings sit apart, so the whole
 * image is read as sparse text (text anywhere, in no particular order; order does not
 * matter to the check). A small crop (a button, a bar) is one block of text: sparse
 * segmentation drops words there, e.g. an underlined last word of a button.
 */
function segmentation(
  crop: { width: number; height: number } | null,
  whole: { width: number; height: number },
) {
  return crop && crop.width * crop.height < (whole.width * whole.height) / 4
    ? PSM.SINGLE_BLOCK
    : PSM.SPARSE_TEXT;
}

async function recognizeWords(worker: Worker, image: Blob, psm: PSM): Promise<OcrWord[]> {
  await worker.setParameters({ tessedit_pageseg_mode: psm });
  const { data } = await worker.recognize(image, {}, { text: true, blocks: true });
  return (data.blocks ?? []).flatMap((block) =>
    block.paragraphs.flatMap((paragraph) =>
      paragraph.lines.flatMap((line) =>
        line.words.map(({ text, confidence, bbox }) => ({
          text,
          confidence: Math.min(1, Math.max(0, confidence / 100)),
          box: { x: bbox.x0, y: bbox.y0, width: bbox.x1 - bbox.x0, height: bbox.y1 - bbox.y0 },
        })),
      ),
    ),
  );
}

export async function readImage(image: Blob): Promise<OcrReading> {
  if (!OCR_IMAGE_TYPES.includes(image.type))
    throw new Error(`OCR reads PNG, JPEG or WebP images, not ${image.type || 'untyped data'}.`);
  let workerStartMs: number | null = null;
  if (!engine) {
    const started = performance.now();
    engine = Promise.race([
      startEngine(),
      new Promise<never>((_, reject) =>
        setTimeout(
          () => reject(new Error('The OCR engine did not start within a minute.')),
          OCR_START_TIMEOUT_MS,
        ),
      ),
    ]);
    engine.catch(() => (engine = null));
    await engine;
    workerStartMs = performance.now() - started;
  }
  const worker = await engine;
  const started = performance.now();
  const bitmap = await createImageBitmap(image);
  const { width, height } = bitmap;
  const crops = await lightOnDarkCrops(bitmap).finally(() => bitmap.close());
  const whole = { width, height };
  let words = await recognizeWords(worker, image, segmentation(null, whole));
  for (const crop of crops) {
    const read = await recognizeWords(worker, crop.image, segmentation(crop, whole));
    words = mergeWords(words, shift(read, crop.dx, crop.dy));
  }
  const recognizeMs = performance.now() - started;
  return { words, width, height, workerStartMs, recognizeMs };
}

/** Stops the engine (it is started again on the next image). */
export async function stopEngine(): Promise<void> {
  const running = engine;
  engine = null;
  if (running) await (await running).terminate();
}
