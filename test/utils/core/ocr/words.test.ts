import { describe, expect, it } from 'vitest';
import { tokenize, wordKey } from '@/utils/core/ocr/words';

const keys = (text: string) => tokenize(text).map((t) => t.key);

describe('word normalisation', () => {
  it('ignores case, surrounding punctuation, accents and ligatures', () => {
    expect(new Set(keys('“Pricing,” PRICING pricing.'))).toEqual(new Set([wordKey('pricing')]));
    expect(wordKey('Café')).toBe(wordKey('cafe'));
    expect(wordKey('ﬁnd')).toBe(wordKey('find'));
  });

  it('splits on dashes and slashes the same way on both sides', () => {
    expect(keys('Sign-up — free / paid')).toEqual(keys('Sign up free paid'));
  });

  it('drops pieces with no letter or digit, such as separators between links', () => {
    expect(tokenize('Home | About · Blog • ©').map((t) => t.surface)).toEqual(['Home', 'About', 'Blog']);
  });

  it('folds the glyphs OCR confuses, and only those', () => {
    expect(wordKey('L0GIN')).toBe(wordKey('login'));
    expect(wordKey('|ogin')).toBe(wordKey('login'));
    expect(wordKey('c1ick')).toBe(wordKey('click'));
    expect(wordKey('5ave')).toBe(wordKey('save'));
    expect(wordKey('modern')).toBe(wordKey('rnodern'));
    expect(wordKey('Subscirbe')).not.toBe(wordKey('Subscribe'));
    expect(wordKey('Pricnig')).not.toBe(wordKey('Pricing'));
  });

  it('keeps the written form for reports', () => {
    expect(tokenize('Don’t miss: $29.99!')).toEqual([
      { surface: 'Don’t', key: 'dont' },
      { surface: 'miss', key: 'mlss' },
      { surface: '29.99', key: '2999' },
    ]);
  });
});
