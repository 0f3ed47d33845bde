/**
 * The OCR engine's files, copied from node_modules into the build output at build time so
 * that the repository holds none of its ~30 MB of binaries. Used by wxt.config.ts's
 * `build:publicAssets` hook; the destinations come from utils/core/ocr/assets.ts, which the
 * offscreen document reads at run time.
 */
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { OCR_CORE_DIR, OCR_CORE_VARIANTS, OCR_LANG_DIR, OCR_WORKER_PATH } from '../../utils/core/ocr/assets';

const require = createRequire(import.meta.url);
const packageDir = (name: string) => dirname(require.resolve(`${name}/package.json`));

export interface CopiedAsset {
  absoluteSrc: string;
  relativeDest: string;
}

export function tesseractAssets(): CopiedAsset[] {
  const core = packageDir('tesseract.js-core');
  const assets: CopiedAsset[] = [
    { absoluteSrc: join(packageDir('tesseract.js'), 'dist/worker.min.js'), relativeDest: OCR_WORKER_PATH },
    ...OCR_CORE_VARIANTS.map((variant) => ({
      absoluteSrc: join(core, `${variant}.wasm.js`),
      relativeDest: `${OCR_CORE_DIR}/${variant}.wasm.js`,
    })),
    // The integer-quantised LSTM model: what tesseract.js itself fetches for the default
    // LSTM-only engine (OEM 1), a quarter of the size of the model with legacy data.
    {
      absoluteSrc: join(packageDir('@tesseract.js-data/eng'), '4.0.0_best_int/eng.traineddata.gz'),
      relativeDest: `${OCR_LANG_DIR}/eng.traineddata.gz`,
    },
  ];
  const absent = assets.filter((asset) => !existsSync(asset.absoluteSrc));
  if (absent.length > 0)
    throw new Error(`OCR files missing from node_modules: ${absent.map((a) => a.absoluteSrc).join(', ')}`);
  return assets;
}
