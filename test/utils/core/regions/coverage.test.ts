import { describe, expect, it } from 'vitest';
import { coverageNotes, summarizeCoverage, type CoverageInput } from '@/utils/core/regions/coverage';
import { Coverage } from '@/utils/core/schemas/capture';
import { countWords, distinctWords } from '@/utils/core/text/words';

const words = (text: string) => distinctWords([text]);
const region = (text: string) => ({ words: words(text), count: countWords(text) });
const input = (overrides: Partial<CoverageInput> = {}): CoverageInput => ({
  page: words('one two three four five six seven eight nine ten'),
  pageCount: 10,
  regions: new Map([
    ['r1', region('one two three four')],
    ['r2', region('five six seven eight nine ten')],
  ]),
  capped: new Set(),
  canvases: 0,
  crossOriginFrames: 0,
  ...overrides,
});

describe('summarizeCoverage', () => {
  it('is the share of distinct page words some region holds, and the largest region’s share', () => {
    const coverage = Coverage.parse(summarizeCoverage(input()));
    expect(coverage).toMatchObject({
      pageWords: 10,
      regionWords: 10,
      share: 1,
      largestShare: 0.6,
      largestRegionId: 'r2',
      reasons: [],
    });
    expect(coverageNotes(coverage)).toEqual([]);
  });

  it('counts a word held by two regions once, and ignores region words the page does not show', () => {
    const coverage = summarizeCoverage(
      input({
        regions: new Map([
          ['r1', region('one two three alpha beta')],
          ['r2', region('one two three')],
        ]),
      }),
    );
    expect(coverage).toMatchObject({ regionWords: 3, share: 0.3, largestRegionId: 'r1' });
  });

  it('measures the largest region by its words with repeats, so one body of text shows', () => {
    // A page of 100 words whose vocabulary is ten words: the region with 60 of them holds 60 %.
    const coverage = summarizeCoverage(
      input({
        pageCount: 100,
        regions: new Map([
          ['r1', region('one two three four '.repeat(10))],
          ['r2', region('five six seven eight nine ten '.repeat(10))],
        ]),
      }),
    );
    expect(coverage).toMatchObject({ share: 1, largestShare: 0.6, largestRegionId: 'r2' });
  });

  it('names the region cap when left-out blocks hold the missing words, the largest cause first', () => {
    const coverage = summarizeCoverage(
      input({
        regions: new Map([['r1', region('one two three four five')]]),
        capped: words('six seven eight nine'),
      }),
    );
    expect(coverage).toMatchObject({ share: 0.5, capWords: 4, reasons: ['region-cap', 'unreadable-text'] });
    expect(coverageNotes(coverage, 200)).toEqual([
      'The regions hold 50 % of the 10 distinct words the page shows (below 90 %), so the critique sees only part of the page.',
      'A critique covers at most 200 regions; the content blocks left out hold 4 more words.',
      '1 word of visible text fall in no region (text that is clipped, too small, or could not be anchored to an element).',
    ]);
  });

  it('names canvases and cross-origin frames, and counts a page with only those as 0 %', () => {
    const low = summarizeCoverage(
      input({ regions: new Map([['r1', region('one two')]]), canvases: 2, crossOriginFrames: 1 }),
    );
    expect(low.reasons).toEqual(['unreadable-text', 'canvas', 'cross-origin-frame']);
    expect(coverageNotes(low).slice(2)).toEqual([
      '2 canvases draw content whose words cannot be read.',
      '1 frame from another site cannot be read from the page.',
    ]);

    const drawn = summarizeCoverage(
      input({ page: new Set(), pageCount: 0, regions: new Map(), canvases: 1 }),
    );
    expect(drawn).toMatchObject({ pageWords: 0, share: 0, reasons: ['canvas'] });
    expect(coverageNotes(drawn)[0]).toBe(
      'The page shows no text that can be read from the page itself, so the critique sees only part of it.',
    );
    // The same page without any canvas or frame simply has no words: nothing to cover.
    expect(summarizeCoverage(input({ page: new Set(), pageCount: 0, regions: new Map() })).share).toBe(1);
  });

  it('says nothing at 90 % or more, even with a canvas on the page', () => {
    const coverage = summarizeCoverage(
      input({
        regions: new Map([['r1', region('one two three four five six seven eight nine')]]),
        canvases: 1,
      }),
    );
    expect(coverage.share).toBe(0.9);
    expect(coverage.reasons).toEqual([]);
    expect(coverageNotes(coverage)).toEqual([]);
  });
});
