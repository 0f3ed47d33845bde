/**
 * Does a generated image show the regions' text? Compares the words of every region that
 * carries text (regions whose text is withheld from models are skipped, as utils/core/text/pageData.ts
 * decides: private and masked text never left the page, and the screenshot does not show text
 * the colour of its background)
 * with the words OCR read, as multisets of keys (utils/core/ocr/words.ts): each occurrence on
 * the page needs its own occurrence in the image, wherever in the image it is, since a
 * restaged layout may move regions around.
 */
import { withheld } from '@/utils/core/text/pageData';
import type { OcrWord } from '@/utils/core/schemas/ocr';
import type { ImageCheck } from '@/utils/core/schemas/record';
import type { Region } from '@/utils/core/schemas/region';
import { joinSplitWords } from '@/utils/core/ocr/splits';
import { tokenize, type ExpectedWord, type ReadWord } from '@/utils/core/ocr/words';

/**
 * An unmatched OCR word counts as invented only when tesseract is at least this sure of it
 * and it has two or more characters: icons and rules in UI images read as stray letters
 * ("Q" for a magnifier, "ee") with low confidence.
 */
export const INVENTED_MIN_CONFIDENCE = 0.6;

/** The words a region's text must show, without the last one when the text was capped mid-word. */
function expectedWords(region: Region): ExpectedWord[] {
  if (withheld(region) !== null) return [];
  const tokens = tokenize(region.text);
  if (region.textLength > region.text.length) tokens.pop();
  return tokens.map((token) => ({ ...token, regionId: region.id, found: false }));
}

export function checkImageText(regions: readonly Region[], ocr: readonly OcrWord[]): ImageCheck {
  const byRegion = regions.map(expectedWords);
  const read: ReadWord[] = ocr.flatMap((word) =>
    tokenize(word.text).map((token) => ({ ...token, confidence: word.confidence, used: false })),
  );
  const pool = new Map<string, ReadWord[]>();
  for (const word of read) {
    const same = pool.get(word.key);
    if (same) same.push(word);
    else pool.set(word.key, [word]);
  }

  // Shared words ("the", "and") go first to the regions most evidently in the image, so a
  // shortfall lands on the regions that lost the rest of their text too.
  const presence = (words: ExpectedWord[]) =>
    words.length === 0 ? 0 : words.filter((w) => pool.has(w.key)).length / words.length;
  const order = byRegion.map((words, index) => ({ words, score: presence(words), index }));
  order.sort((a, b) => b.score - a.score || a.index - b.index);
  for (const { words } of order) {
    for (const word of words) {
      const match = pool.get(word.key)?.find((candidate) => !candidate.used);
      if (match) word.found = match.used = true;
    }
  }
  joinSplitWords(byRegion, read);

  const expected = byRegion.flat();
  const missing = expected.filter((w) => !w.found).map((w) => w.surface);
  const unmatched = read.filter((w) => !w.used);
  const invented = unmatched
    .filter((w) => w.confidence >= INVENTED_MIN_CONFIDENCE && w.key.length >= 2)
    .map((w) => w.surface);
  const readable = read.length - unmatched.length + invented.length;
  const lostRegionIds = regions.filter((_, i) => byRegion[i]!.some((w) => !w.found)).map((r) => r.id);
  const pass = readable > 0 && expected.length > 0 && missing.length === 0 && invented.length === 0;
  return {
    expectedWords: expected.length,
    foundWords: expected.length - missing.length,
    missing,
    invented,
    lostRegionIds,
    pass,
    reason: verdict(expected.length, readable, missing.length, invented.length),
  };
}

function verdict(expected: number, readable: number, missing: number, invented: number): string {
  if (readable === 0) return 'The image has no readable text, so its text cannot be confirmed.';
  if (expected === 0) return 'No region text to compare with: every word read in the image is invented.';
  if (missing === 0 && invented === 0) return `All ${expected} words are in the image and none is invented.`;
  const parts = [];
  if (missing > 0) parts.push(`${missing} of ${expected} words missing`);
  if (invented > 0) parts.push(`${invented} invented`);
  return `${parts.join(', ')}.`.replace(/^./, (c) => c.toUpperCase());
}
