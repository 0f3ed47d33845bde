/**
 * Words, as every word count in Restage sees them: page coverage, the same-content check and
 * the mockup check all use this one tokenizer, so their numbers can be compared.
 *
 * A word is a run of letters, combining marks and digits (Unicode general categories L, M and
 * N, https://www.unicode.org/reports/tr44/#General_Category_Values) that starts with a letter
 * or digit; everything else (spaces, punctuation, symbols, emoji) separates words. Words are
 * compared in lower case, because `text-transform` and headings in capitals change the case
 * the page shows, not the word.
 *
 * Scripts written without spaces between words (Chinese, Japanese, Thai, Lao, Khmer, Myanmar)
 * have their runs cut into words by the dictionary word breaker (Intl.Segmenter, Unicode UAX
 * #29 with ICU's dictionaries), so that a Chinese sentence counts as its words, not as one.
 * The cut depends on the ICU version: compare counts made in the same context.
 */
const WORD = /[\p{L}\p{N}][\p{L}\p{M}\p{N}]*/gu;
const UNSPACED = /[\p{sc=Han}\p{sc=Hiragana}\p{sc=Katakana}\p{sc=Thai}\p{sc=Lao}\p{sc=Khmer}\p{sc=Myanmar}]/u;
let segmenter: Intl.Segmenter | null = null;
/** The last text cut by the segmenter, and its words: extraction asks for a region's words, then its count. */
let last = { text: '', words: [] as string[] };

/** The words of `text` (case kept), or null when it holds no script written without spaces. */
function segmented(text: string): string[] | null {
  if (!UNSPACED.test(text)) return null;
  if (last.text !== text) {
    segmenter ??= new Intl.Segmenter('und', { granularity: 'word' });
    const words = (text.match(WORD) ?? []).flatMap((run) =>
      UNSPACED.test(run)
        ? [...segmenter!.segment(run)].flatMap((s) => (s.isWordLike ? [s.segment] : []))
        : [run],
    );
    last = { text, words };
  }
  return last.words;
}

/** The words of `text`, in order, repeats kept. */
export function wordsOf(text: string): string[] {
  const cut = segmented(text);
  return cut ? cut.map((word) => word.toLowerCase()) : (text.toLowerCase().match(WORD) ?? []);
}

/** Adds the words of `text` to `into` (distinct words) and returns it. */
export function addWords(into: Set<string>, text: string): Set<string> {
  const cut = segmented(text);
  if (cut) for (const word of cut) into.add(word.toLowerCase());
  else for (const word of text.toLowerCase().match(WORD) ?? []) into.add(word);
  return into;
}

/**
 * Adds the words of `text` to `into` and returns how many it has, repeats counted: countWords
 * in the same pass, since lower case never moves a word boundary (every character keeps its
 * class, test/utils/core/text/words.test.ts).
 */
export function addCountedWords(into: Set<string>, text: string): number {
  const cut = segmented(text);
  const words = cut ? cut.map((word) => word.toLowerCase()) : text.toLowerCase().match(WORD);
  if (!words) return 0;
  for (const word of words) into.add(word);
  return words.length;
}

/** How many words `text` has, repeats counted. */
export function countWords(text: string): number {
  return (segmented(text) ?? text.match(WORD) ?? []).length;
}

/** The distinct words of all `texts`. */
export function distinctWords(texts: Iterable<string>): Set<string> {
  const words = new Set<string>();
  for (const text of texts) addWords(words, text);
  return words;
}
