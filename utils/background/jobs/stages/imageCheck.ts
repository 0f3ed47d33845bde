import { checkImageText } from '@/utils/core/ocr/check';
import { readImageText } from '@/utils/background/ocr/offscreen';
import { clipBox } from '@/utils/core/render/badges';
import { defineStage } from '@/utils/background/jobs/stage';

/**
 * Image check: OCR reads the generated image, and its words are compared with the text of the
 * regions the screenshot showed. Misspelled, dropped and invented words are named, and an
 * image with no readable text fails (utils/core/ocr/check.ts).
 */
export const imageCheckStage = defineStage({
  name: 'image-check',
  optional: true,
  needs: ['image', 'regions', 'shot'],
  async run({ image, regions, shot }, io) {
    const blob = await io.load(image);
    if (!blob) throw new Error('the generated image is not available');
    io.progress('reading the text in the generated image');
    const { words } = await readImageText(blob);
    io.signal.throwIfAborted();
    const shown = regions.filter((r) => clipBox(r.box, shot.area) !== null);
    return { imageCheck: checkImageText(shown, words) };
  },
});
