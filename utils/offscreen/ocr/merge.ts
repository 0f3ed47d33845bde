/**
 * Merges the words of the whole-image pass with those of the inverted light-on-dark crops
 * (utils/offscreen/ocr/crops.ts). A crop word is moved into image coordinates; where it covers the
 * same place as a word already read (half the smaller box or more), the surer reading wins,
 * so a word is never counted twice.
 */
import type { OcrWord } from '@/utils/core/schemas/ocr';
import type { Box } from '@/utils/core/schemas/region';

const SAME_PLACE = 0.5;

function overlap(a: Box, b: Box): number {
  const w = Math.min(a.x + a.width, b.x + b.width) - Math.max(a.x, b.x);
  const h = Math.min(a.y + a.height, b.y + b.height) - Math.max(a.y, b.y);
  if (w <= 0 || h <= 0) return 0;
  return (w * h) / Math.max(1, Math.min(a.width * a.height, b.width * b.height));
}

export function shift(words: readonly OcrWord[], dx: number, dy: number): OcrWord[] {
  return words.map((w) => ({ ...w, box: { ...w.box, x: w.box.x + dx, y: w.box.y + dy } }));
}

/** `words` plus every word of `more` not already read in the same place by a surer pass. */
export function mergeWords(words: readonly OcrWord[], more: readonly OcrWord[]): OcrWord[] {
  const merged = [...words];
  for (const word of more) {
    const same = merged.findIndex((w) => overlap(w.box, word.box) >= SAME_PLACE);
    if (same < 0) merged.push(word);
    else if (word.confidence > merged[same]!.confidence) merged[same] = word;
  }
  return merged;
}
