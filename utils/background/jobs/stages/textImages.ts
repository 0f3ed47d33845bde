import { browser } from '#imports';
import { extentOf } from '@/utils/core/measure';
import { imageTextFindings } from '@/utils/core/measure/imagesOfText';
import { score } from '@/utils/core/measure/score';
import { ignoresFor, scored, setAside } from '@/utils/extension/ignores';
import { MAX_IMAGES, readImageRegions } from '@/utils/background/ocr/imageRegions';
import { readImageText } from '@/utils/background/ocr/offscreen';
import { isPicture } from '@/utils/background/render/crops';
import { defineStage } from '@/utils/background/jobs/stage';

/**
 * Images of text: the image regions whose pixels or alt text suggest words are cut from the
 * capture and read by the bundled OCR, and their words' contrast is measured from those pixels
 * (utils/core/measure/imagesOfText.ts). Its findings join the critique's, and the score is counted
 * again with them. It runs after the plans, which predict scores from the DOM alone and so
 * compare like with like. Optional: without a capture or OCR the critique stands as it is.
 */
export const textImagesStage = defineStage({
  name: 'text-images',
  optional: true,
  needs: ['regions', 'shot'],
  uses: ['findings', 'ignored'],
  skip: (_, draft) => {
    if (!browser.offscreen)
      return 'images of text are not read in this browser: OCR runs in an offscreen document, which only Chromium has';
    return draft.regions.some(isPicture) ? null : 'no images on the page';
  },
  async run({ regions, findings, ignored: before, shot }, io) {
    const png = await io.load(shot.image);
    if (!png) throw new Error('the screenshot is not available');
    io.progress('looking for text in images');
    const read = await readImageRegions(png, shot, regions, readImageText, io.signal);
    const notes: string[] = [];
    if (read.readings.length > 0)
      notes.push(
        `OCR read ${read.readings.length} ${read.readings.length === 1 ? 'image' : 'images'} for text; the contrast of the words found is measured from the image’s own pixels.`,
      );
    if (read.capped > 0)
      notes.push(
        `${read.capped} more images that may hold text were not read: at most ${MAX_IMAGES} are read a page.`,
      );
    if (read.outside > 0)
      notes.push(
        read.outside === 1
          ? '1 image lies mostly outside the screenshot, so any text in it was not measured.'
          : `${read.outside} images lie mostly outside the screenshot, so any text in them was not measured.`,
      );
    const imagesRead = read.readings.map((r) => r.region.id);
    const drafts = imageTextFindings(read.readings);
    if (drafts.length === 0) return { notes, imagesRead };
    const extent = extentOf(regions);
    const added = drafts.map((draft, i) => ({
      id: `image-text-${i + 1}`,
      ...draft,
      extent: extent(draft.regionIds),
    }));
    const kept = setAside(added, regions, await ignoresFor(io.job.url));
    const all = [...findings, ...kept.findings];
    const ignored = [...(before ?? []), ...kept.ignored];
    const measured = scored(all, ignored).filter((f) => f.basis === 'measured');
    return { findings: all, ignored, score: score(measured), notes, imagesRead };
  },
});
