/**
 * Where the bundled OCR engine lives inside the built extension. The build copies these
 * files out of node_modules (scripts/lib/tesseractAssets.ts, called from wxt.config.ts) and
 * the offscreen document points tesseract.js at them, so nothing is fetched from a CDN:
 * Manifest V3 runs no remotely hosted code
 * (https://developer.chrome.com/docs/extensions/develop/migrate/remote-hosted-code).
 */

/** tesseract.js's own worker script (it loads the core with importScripts). */
export const OCR_WORKER_PATH = 'tesseract/worker.min.js';
/** A directory: tesseract.js picks the core variant the CPU supports at run time. */
export const OCR_CORE_DIR = 'tesseract/core';
/** `eng.traineddata.gz`, gunzipped inside the worker. */
export const OCR_LANG_DIR = 'tesseract/lang';

/**
 * The core builds the engine can load. With a directory as `corePath`, tesseract.js 7 loads
 * `<variant>.wasm.js` (the wasm is inlined), choosing relaxed SIMD, SIMD or plain by what the
 * CPU supports, and always a `-lstm` build when the worker is created with the LSTM-only
 * engine (OEM 1), as ours is (tesseract.js/src/worker-script/browser/getCore.js). The three
 * builds with the legacy engine could never load, so they are not shipped: 5.3 MB less.
 */
export const OCR_CORE_VARIANTS = [
  'tesseract-core-lstm',
  'tesseract-core-simd-lstm',
  'tesseract-core-relaxedsimd-lstm',
] as const;

/** The offscreen document that runs OCR (entrypoints/offscreen/), Chromium builds only. */
export const OCR_DOCUMENT_PATH = '/offscreen.html';
/** The document closes itself after this long without an image (utils/offscreen/ocr/document.ts). */
export const OCR_IDLE_CLOSE_MS = 60_000;
