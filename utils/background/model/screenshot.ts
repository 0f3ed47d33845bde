/**
 * The labelled screenshot as the planner receives it: downscaled so it costs at most the
 * image budget (imageBudget.ts), as a data URL (JPEG when resized, else as captured). Resizing runs in the MV3 service worker,
 * which has no DOM: `createImageBitmap` with resize options and an `OffscreenCanvas`.
 */
import { blobToDataUrl, dataUrlBytes, dataUrlToBlob } from '@/utils/core/dataUrl';
import {
  fitImageToTokens,
  IMAGE_TOKEN_BUDGET,
  IMAGE_TOKEN_FACTOR,
  type Size,
} from '@/utils/background/model/imageBudget';

export interface ScreenshotInput extends Size {
  /** A PNG as a Blob or a `data:image/png;base64,…` URL; `width`/`height` are its pixel size. */
  image: Blob | string;
}

export interface PreparedImage extends Size {
  dataUrl: string;
  /** Estimated input tokens for the image. */
  tokens: number;
  bytes: number;
  scaled: boolean;
}

export type Resize = (image: Blob, size: Size) => Promise<Blob>;

/**
 * The browser's own resampler ('high' is a Lanczos-like filter in Chromium), then JPEG at
 * quality 0.9: a tenth of the PNG encoder's time in the worker (measured about 15 ms against
 * 160 ms for 1248×780) and a third of its bytes, with text still sharp at this size.
 */
export const resizeWithCanvas: Resize = async (image, { width, height }) => {
  const bitmap = await createImageBitmap(image, {
    resizeWidth: width,
    resizeHeight: height,
    resizeQuality: 'high',
  });
  try {
    const canvas = new OffscreenCanvas(width, height);
    const context = canvas.getContext('2d');
    if (!context) throw new Error('No 2D context for resizing the screenshot');
    context.drawImage(bitmap, 0, 0);
    return await canvas.convertToBlob({ type: 'image/jpeg', quality: 0.9 });
  } finally {
    bitmap.close();
  }
};

export async function prepareScreenshot(
  shot: ScreenshotInput,
  options: { budget?: number; factor?: number; resize?: Resize } = {},
): Promise<PreparedImage> {
  const target = fitImageToTokens(
    shot,
    options.budget ?? IMAGE_TOKEN_BUDGET,
    options.factor ?? IMAGE_TOKEN_FACTOR,
  );
  if (!target.scaled) {
    const dataUrl =
      typeof shot.image === 'string' ? shot.image : await blobToDataUrl(shot.image, 'image/png');
    const bytes = typeof shot.image === 'string' ? dataUrlBytes(shot.image) : shot.image.size;
    return {
      dataUrl,
      width: target.width,
      height: target.height,
      tokens: target.tokens,
      bytes,
      scaled: false,
    };
  }
  const blob = typeof shot.image === 'string' ? dataUrlToBlob(shot.image) : shot.image;
  const resized = await (options.resize ?? resizeWithCanvas)(blob, target);
  return {
    dataUrl: await blobToDataUrl(resized, 'image/png'),
    width: target.width,
    height: target.height,
    tokens: target.tokens,
    bytes: resized.size,
    scaled: true,
  };
}
