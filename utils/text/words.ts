/**
 * Words, as every word count in Restage sees them: page coverage, the same-content check and
 * the mockup check all use this one tokenizer, so their numbers can be compared.
 *
 * A word is a run of letters, combining marks and digits (Unicode general categories L, M and
 * N, https://www.unicode.org/reports/tr44/#General_Category_Values) that starts with a letter
 * or digit; everything else (spaces, punctuation, symbols, emoji) separates words. Words are
 * compared in lower case, because `text-transform` and headings in capitals change the case
 * the page shows, not the word. Scripts written without spaces (Chinese, Japanese, Thai) come
 * out as one word per run, which is enough to compare two renderings of the same text.
 */
const WORD = /[\p{L}\p{N}][\p{L}\p{M}\p{N}]*/gu;

/** The words of `text`, in order, repeats kept. */
export function wordsOf(text: string): string[] {
  return text.toLowerCase().match(WORD) ?? [];
}

/** Adds the words of `text` to `into` (distinct words) and returns it. */
export function addWords(into: Set<string>, text: string): Set<string> {
  const words = text.toLowerCase().match(WORD);
  if (words) for (const word of words) into.add(word);
  return into;
}

/**
 * Adds the words of `text` to `into` and returns how many it has, repeats counted: countWords
 * in the same pass, since lower case never moves a word boundary (every character keeps its
 * class, test/utils/text/words.test.ts).
 */
export function addCountedWords(into: Set<string>, text: string): number {
  const words = text.toLowerCase().match(WORD);
  if (!words) return 0;
  for (const word of words) into.add(word);
  return words.length;
}

/** How many words `text` has, repeats counted. */
export function countWords(text: string): number {
  return text.match(WORD)?.length ?? 0;
}

/** The distinct words of all `texts`. */
export function distinctWords(texts: Iterable<string>): Set<string> {
  const words = new Set<string>();
  for (const text of texts) addWords(words, text);
  return words;
}
