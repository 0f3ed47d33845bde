import { describe, expect, it } from 'vitest';
import { checkImageText, INVENTED_MIN_CONFIDENCE } from '@/utils/core/ocr/check';
import { MASKED_TEXT } from '@/utils/page/regions/privacy';
import { type OcrWord } from '@/utils/core/schemas/ocr';
import { ImageCheck } from '@/utils/core/schemas/record';
import { region } from '@/test/fixtures/regions';

/** OCR words as tesseract would give them, all read with confidence 0.9 unless given. */
function read(text: string, confidence = 0.9): OcrWord[] {
  return text
    .split(/\s+/)
    .filter(Boolean)
    .map((word, i) => ({ text: word, confidence, box: { x: i * 50, y: 0, width: 40, height: 20 } }));
}

const regions = [
  region('r1', { text: 'Plans for every team' }),
  region('r2', { text: 'Start free trial' }),
  region('r3', { text: 'Cancel anytime, no card needed.' }),
];

describe('checking a generated image’s text against the regions', () => {
  it('passes when every word is there, in any order and case', () => {
    const check = checkImageText(
      regions,
      read('START FREE TRIAL Plans for every team cancel anytime no card needed'),
    );
    expect(ImageCheck.parse(check)).toEqual({
      expectedWords: 12,
      foundWords: 12,
      missing: [],
      invented: [],
      lostRegionIds: [],
      pass: true,
      reason: 'All 12 words are in the image and none is invented.',
    });
  });

  it('fails a misspelled word: the page’s word is missing and the image’s is invented', () => {
    const check = checkImageText(
      regions,
      read('Plans for every team Start frea trial Cancel anytime no card needed'),
    );
    expect(check).toMatchObject({
      foundWords: 11,
      missing: ['free'],
      invented: ['frea'],
      lostRegionIds: ['r2'],
    });
    expect(check.pass).toBe(false);
    expect(check.reason).toBe('1 of 12 words missing, 1 invented.');
  });

  it('fails dropped words and names the regions that lost them', () => {
    const check = checkImageText(regions, read('Plans for every team Start free trial'));
    expect(check.missing).toEqual(['Cancel', 'anytime', 'no', 'card', 'needed']);
    expect(check.lostRegionIds).toEqual(['r3']);
    expect(check.foundWords).toBe(check.expectedWords - check.missing.length);
    expect(check.pass).toBe(false);
  });

  it('counts repeated words per occurrence, and charges a shortfall to the region that lost the rest', () => {
    const twice = [region('r1', { text: 'Get the app' }), region('r2', { text: 'Read the docs' })];
    const check = checkImageText(twice, read('Get the app'));
    expect(check.missing).toEqual(['Read', 'the', 'docs']);
    expect(check.lostRegionIds).toEqual(['r2']);
  });

  it('fails invented words', () => {
    const check = checkImageText(
      regions,
      read('Plans for every team Start free trial Cancel anytime no card needed Buy now'),
    );
    expect(check.invented).toEqual(['Buy', 'now']);
    expect(check.missing).toEqual([]);
    expect(check.pass).toBe(false);
  });

  it('does not call low-confidence specks and single letters invented', () => {
    const noise = [...read('ee', INVENTED_MIN_CONFIDENCE - 0.2), ...read('Q'), ...read('—')];
    const check = checkImageText(regions, [...read(regions.map((r) => r.text).join(' ')), ...noise]);
    expect(check.invented).toEqual([]);
    expect(check.pass).toBe(true);
  });

  it('fails an image with no readable text, whatever the regions hold', () => {
    for (const words of [[], read('| · —'), read('xx yy', 0.2)]) {
      const check = checkImageText(regions, words);
      expect(check.pass).toBe(false);
      expect(check.foundWords).toBe(0);
      expect(check.lostRegionIds).toEqual(['r1', 'r2', 'r3']);
      expect(check.reason).toMatch(/no readable text/);
    }
    expect(checkImageText([], []).pass).toBe(false);
  });

  it('never passes when there is no region text to compare with', () => {
    const check = checkImageText([region('r1', { text: '' })], read('Hello world'));
    expect(check).toMatchObject({ expectedWords: 0, invented: ['Hello', 'world'], pass: false });
  });

  it('skips private and masked regions: their text never left the page', () => {
    const withPrivate = [
      ...regions,
      region('r4', { text: 'Jane Doe', flags: { private: true } }),
      region('r5', { text: MASKED_TEXT }),
    ];
    const check = checkImageText(withPrivate, read(regions.map((r) => r.text).join(' ')));
    expect(check.expectedWords).toBe(12);
    expect(check.pass).toBe(true);
  });

  it('skips regions whose text is the colour of its background: the screenshot does not show it', () => {
    const withUnseen = [
      ...regions,
      region('r4', { text: 'CANARY white on white', flags: { sameColorText: true } }),
    ];
    const check = checkImageText(withUnseen, read(regions.map((r) => r.text).join(' ')));
    expect(check.expectedWords).toBe(12);
    expect(check.lostRegionIds).toEqual([]);
    expect(check.pass).toBe(true);
  });

  it('accepts words OCR split or joined, but not pieces from far apart', () => {
    const split = checkImageText(
      regions,
      read('Plans for every team Start free tri al Cancel anytime no card needed'),
    );
    expect(split.pass).toBe(true);
    const joined = checkImageText(
      regions,
      read('Plans for everyteam Start free trial Cancel anytime no card needed'),
    );
    expect(joined.pass).toBe(true);
    const scattered = checkImageText(
      regions,
      read('Plans tri for every team Start free Cancel anytime no card needed al'),
    );
    expect(scattered.missing).toEqual(['trial']);
  });

  it('does not require the last word of a text cut at the length cap', () => {
    const capped = region('r1', { text: 'A very long paragraph that was cut in the midd…', textLength: 900 });
    const check = checkImageText([capped], read('A very long paragraph that was cut in the'));
    expect(check.pass).toBe(true);
    expect(check.expectedWords).toBe(9);
  });
});
