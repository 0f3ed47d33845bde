/**
 * How text on the page and text read by OCR are made comparable. Both sides go through the
 * same rule, so a word matches exactly when its key is equal:
 *
 * 1. Unicode NFKC (ligatures such as "ﬁ", full-width forms), then accents dropped
 *    (tesseract's English model reads "é" as "e"), then lower case.
 * 2. Words split on white space, dashes and slashes ("sign-up" is "sign" and "up" on both
 *    sides, whether or not OCR kept the hyphen). A piece with no letter or digit in it
 *    (a "|" or "·" between links, a bullet) is punctuation, not a word.
 * 3. Glyphs OCR commonly confuses fold together: 0→o; 1, i and | → l; 5→s; "rn"→m;
 *    "vv"→w. This folds misreadings of one character, not misspellings: a model that
 *    writes "Subscirbe" for "Subscribe" still fails the check.
 * 4. Everything but letters and digits is dropped ("Pricing," "pricing" and "PRICING"
 *    match; "29.99" is "2999" on both sides).
 *
 * The comparison deliberately has no edit-distance tolerance: it is better to show a
 * designer one spurious "missing" word to look at than to hide a real misspelling.
 */

export interface Token {
  /** The word as written (page) or read (OCR), trimmed of surrounding punctuation. */
  surface: string;
  /** The comparison key. */
  key: string;
}

/** A word a region's text must show, and whether the image shows it. */
export interface ExpectedWord extends Token {
  regionId: string;
  found: boolean;
}

/** A word OCR read, and whether it matched a region's word. */
export interface ReadWord extends Token {
  confidence: number;
  used: boolean;
}

const SEPARATORS = /[\s\-‐‑‒–—―/\\]+/u;
const HAS_WORD_CHAR = /[\p{L}\p{N}]/u;
const NOT_WORD_CHAR = /[^\p{L}\p{N}]+/gu;
const EDGE_PUNCTUATION = /^[^\p{L}\p{N}]+|[^\p{L}\p{N}]+$/gu;
const COMBINING_MARKS = /\p{M}+/gu;

/** The comparison key of one word (empty when it has no letter or digit). */
export function wordKey(word: string): string {
  const plain = word.normalize('NFKC').normalize('NFD').replace(COMBINING_MARKS, '').toLowerCase();
  if (!HAS_WORD_CHAR.test(plain)) return '';
  return plain
    .replace(/\|/g, 'l')
    .replace(NOT_WORD_CHAR, '')
    .replace(/0/g, 'o')
    .replace(/[1i]/g, 'l')
    .replace(/5/g, 's')
    .replace(/rn/g, 'm')
    .replace(/vv/g, 'w');
}

/** Splits text into comparable words, in order, skipping pieces that are only punctuation. */
export function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  for (const piece of text.normalize('NFKC').split(SEPARATORS)) {
    const key = wordKey(piece);
    if (key) tokens.push({ surface: piece.replace(EDGE_PUNCTUATION, ''), key });
  }
  return tokens;
}
