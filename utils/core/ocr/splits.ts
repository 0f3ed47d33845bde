/**
 * OCR splits a word at a wide letter gap ("Pri cing") and joins two words set tight
 * ("SignUp"). After the exact matching, an expected word still unmatched may match two or
 * three consecutive unmatched OCR words joined, and an OCR word still unmatched may match
 * two or three consecutive unmatched words of one region joined. Only adjacent leftovers
 * are joined, so a word cannot be assembled from pieces scattered over the image.
 */
import type { ExpectedWord, ReadWord } from '@/utils/core/ocr/words';

const MAX_PIECES = 3;

/** The first run of 2…MAX_PIECES consecutive free items whose keys join to `key`. */
function findRun<T extends { key: string }>(items: T[], free: (item: T) => boolean, key: string): T[] | null {
  for (let start = 0; start < items.length; start++) {
    let joined = '';
    for (let end = start; end < Math.min(items.length, start + MAX_PIECES); end++) {
      const item = items[end]!;
      if (!free(item)) break;
      joined += item.key;
      if (!key.startsWith(joined)) break;
      if (end > start && joined === key) return items.slice(start, end + 1);
    }
  }
  return null;
}

export function joinSplitWords(byRegion: ExpectedWord[][], read: ReadWord[]): void {
  for (const word of byRegion.flat()) {
    if (word.found) continue;
    const run = findRun(read, (w) => !w.used, word.key);
    if (!run) continue;
    word.found = true;
    for (const piece of run) piece.used = true;
  }
  for (const word of read) {
    if (word.used) continue;
    for (const words of byRegion) {
      const run = findRun(words, (w) => !w.found, word.key);
      if (!run) continue;
      word.used = true;
      for (const piece of run) piece.found = true;
      break;
    }
  }
}
