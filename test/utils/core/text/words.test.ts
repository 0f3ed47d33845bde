import { describe, expect, it } from 'vitest';
import { addCountedWords, addWords, countWords, distinctWords, wordsOf } from '@/utils/core/text/words';

describe('wordsOf', () => {
  it('splits on spaces, punctuation and symbols, and lowers the case', () => {
    expect(wordsOf('Hello, World! It’s 9:30 — “quoted” (text) & more…')).toEqual([
      'hello',
      'world',
      'it',
      's',
      '9',
      '30',
      'quoted',
      'text',
      'more',
    ]);
  });

  it('keeps letters with diacritics, combining marks and other scripts whole', () => {
    expect(wordsOf('Crème brûlée, ÉTÉ')).toEqual(['crème', 'brûlée', 'été']);
    // e + U+0301 COMBINING ACUTE ACCENT stays one word.
    expect(wordsOf('cafe\u0301 noir')).toEqual(['cafe\u0301', 'noir']);
    expect(wordsOf('Привет мир, नमस्ते दुनिया')).toEqual(['привет', 'мир', 'नमस्ते', 'दुनिया']);
  });

  it('cuts scripts written without spaces into their words, losing no letter', () => {
    for (const text of [
      '这个页面的文字没有空格，每个区域的编号都应该落在对应的元素上。',
      'このページには漢字とひらがなとカタカナが混ざっています。',
      'ภาษาไทยเขียนติดกันโดยไม่เว้นวรรค',
    ]) {
      const words = wordsOf(text);
      // At most four characters a word on average: a sentence is many words, not one per run.
      expect(words.length, text).toBeGreaterThanOrEqual([...text].length / 4);
      expect(words.join(''), text).toBe(text.replace(/[，。]/g, ''));
      expect(countWords(text)).toBe(words.length);
    }
    // Mixed with spaced text, the spaced words are cut as before.
    expect(wordsOf('Restage 中文 OK')).toEqual(['restage', '中文', 'ok']);
  });

  it('finds no words in whitespace, separators or emoji', () => {
    expect(wordsOf('')).toEqual([]);
    expect(wordsOf('  \n\t ')).toEqual([]);
    expect(wordsOf(' | · — → ★ 🎉 ')).toEqual([]);
  });

  it('reads numbers and identifiers as words', () => {
    expect(wordsOf('v2.4.1 costs $1,299.00')).toEqual(['v2', '4', '1', 'costs', '1', '299', '00']);
  });
});

describe('distinctWords', () => {
  it('counts each word once across texts, whatever its case', () => {
    const words = distinctWords(['The cat', 'the CAT sat', '']);
    expect([...words].sort()).toEqual(['cat', 'sat', 'the']);
    expect(addWords(words, 'A mat').size).toBe(5);
  });
});

describe('addCountedWords', () => {
  it('adds the distinct words and counts them all, as countWords does', () => {
    const text = 'The cat, the CAT sat. Σίσυφος ΟΔΟΣ İstanbul ǅemal';
    const words = new Set<string>(['dog']);
    expect(addCountedWords(words, text)).toBe(countWords(text));
    expect(words).toEqual(addWords(new Set(['dog']), text));
    expect(addCountedWords(new Set(), ' | · ')).toBe(0);
  });

  it('never moves a word boundary: in lower case every character keeps its class', () => {
    // Starts a word, only continues one, or separates words (see WORD).
    const classOf = (ch: string) => (/[\p{L}\p{N}]/u.test(ch) ? 2 : /\p{M}/u.test(ch) ? 1 : 0);
    const moved: string[] = [];
    for (let cp = 0; cp <= 0x10ffff; cp++) {
      if (cp >= 0xd800 && cp <= 0xdfff) continue;
      const ch = String.fromCodePoint(cp);
      const lower = ch.toLowerCase();
      if (lower === ch) continue;
      const [first, ...rest] = [...lower];
      const kind = classOf(ch);
      if (classOf(first!) !== kind || rest.some((c) => (classOf(c) === 0) !== (kind === 0)))
        moved.push(cp.toString(16));
    }
    expect(moved).toEqual([]);
  });
});
