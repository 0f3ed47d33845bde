/**
 * The background's way to read text in an image: it opens the offscreen document that runs
 * the OCR engine (once, and again after the document closed itself when idle) and asks it
 * over the typed protocol. A service worker cannot run the engine itself: tesseract.js
 * needs to start a Worker, and service workers have no Worker constructor.
 */
import { browser } from '#imports';
import { sendMessage } from '@/utils/messaging/protocol';
import type { ImageText } from '@/utils/core/schemas/ocr';
import { OCR_DOCUMENT_PATH } from '@/utils/core/ocr/assets';
import { blobToDataUrl } from '@/utils/core/dataUrl';

export class OcrUnavailableError extends Error {
  override name = 'OcrUnavailableError';
}

let opening: Promise<void> | null = null;

export async function documentIsOpen(): Promise<boolean> {
  const contexts = await browser.runtime.getContexts({
    contextTypes: ['OFFSCREEN_DOCUMENT'],
    documentUrls: [browser.runtime.getURL(OCR_DOCUMENT_PATH)],
  });
  return contexts.length > 0;
}

/**
 * Opens the document unless it is open; returns how long opening took, or null. The same
 * document lays out HTML mockups to measure them (utils/background/render/measureMockup.ts): Chromium
 * allows one offscreen document per extension.
 */
export async function openDocument(): Promise<number | null> {
  if (opening) return opening.then(() => null);
  if (await documentIsOpen()) return null;
  const started = performance.now();
  opening ??= browser.offscreen
    .createDocument({
      url: OCR_DOCUMENT_PATH,
      reasons: ['WORKERS', 'DOM_SCRAPING'],
      justification:
        'Reads the text in generated mockup images, and lays out HTML mockups, to check them against the page.',
    })
    .finally(() => (opening = null));
  await opening;
  return performance.now() - started;
}

/**
 * Reads the words in a PNG, JPEG or WebP image. Throws OcrUnavailableError in browsers
 * without offscreen documents (Firefox): there the generated image's text goes unchecked,
 * and callers say so rather than pass the check.
 */
export async function readImageText(image: Blob | string): Promise<ImageText> {
  if (!browser.offscreen)
    throw new OcrUnavailableError(
      'Text in generated images is not checked in this browser: OCR runs in an offscreen document, which only Chromium has.',
    );
  const dataUrl = typeof image === 'string' ? image : await blobToDataUrl(image);
  const documentStartMs = await openDocument();
  try {
    return { ...(await sendMessage('recognizeImageText', { image: dataUrl })), documentStartMs };
  } catch (error) {
    // The document may have closed itself for idleness just as this image was sent.
    if (await documentIsOpen()) throw error;
    const reopenMs = await openDocument();
    return { ...(await sendMessage('recognizeImageText', { image: dataUrl })), documentStartMs: reopenMs };
  }
}
