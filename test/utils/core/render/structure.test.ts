import { describe, expect, it } from 'vitest';
import { contentCheckLine, contentCheckPassed } from '@/utils/core/plan/validate';
import { keptBeside, measureStructure, sideBySide, structureKept } from '@/utils/core/render/structure';
import type { ContentCheck } from '@/utils/core/schemas/plan';
import type { Box } from '@/utils/core/schemas/region';
import { region } from '@/test/fixtures/regions';

const box = (x: number, y: number, width = 100, height = 20): Box => ({ x, y, width, height });

// A nav of three items in a row, a heading, then two cards side by side.
const page = [
  region('r1', { text: 'Home', box: box(0, 0) }),
  region('r2', { text: 'Pricing', box: box(120, 0) }),
  region('r3', { text: 'Docs', box: box(240, 0) }),
  region('r4', { text: 'Title', box: box(0, 40, 340, 40) }),
  region('r5', { text: 'Card one', box: box(0, 100, 160, 80) }),
  region('r6', { text: 'Card two', box: box(180, 100, 160, 80) }),
];
const asOnPage = Object.fromEntries(page.map((r) => [r.id, r.box]));

describe('sideBySide and keptBeside', () => {
  it('pairs boxes that share half the shorter height and no width', () => {
    expect(sideBySide(box(0, 0), box(100, 0))).toBe(true); // touching
    expect(sideBySide(box(0, 0), box(100, 10))).toBe(true); // half shared
    expect(sideBySide(box(0, 0), box(100, 11))).toBe(false);
    expect(sideBySide(box(0, 0), box(50, 0))).toBe(false); // overlapping across
    expect(sideBySide(box(0, 0), box(0, 30))).toBe(false); // stacked
  });

  it('keeps a pair that stays apart across in the same order, however far one drifts down', () => {
    expect(keptBeside([box(0, 0), box(120, 0)], [box(0, 0), box(120, 30)])).toBe(true);
    expect(keptBeside([box(0, 0), box(120, 0)], [box(120, 0), box(0, 0)])).toBe(false);
    expect(keptBeside([box(0, 0), box(120, 0)], [box(0, 0), box(0, 30)])).toBe(false);
  });
});

describe('measureStructure', () => {
  it('finds the page’s pairs and keeps them all in a faithful mockup', () => {
    const s = measureStructure({
      regions: page,
      patch: [],
      pageHeight: 200,
      mockup: { boxes: asOnPage, height: 210 },
    });
    expect(s).toEqual({ pairs: 4, pairsKept: 4, heightRatio: 1.05, outOfOrder: 0, orderKept: true });
    expect(structureKept(s)).toBe(true);
  });

  it('reports a linearised mockup: no pairs kept, taller, order still kept', () => {
    const column = Object.fromEntries(page.map((r, i) => [r.id, box(0, i * 60, 340, 40)]));
    const s = measureStructure({
      regions: page,
      patch: [],
      pageHeight: 200,
      mockup: { boxes: column, height: 360 },
    });
    expect(s).toMatchObject({ pairs: 4, pairsKept: 0, heightRatio: 1.8, orderKept: true });
    expect(structureKept(s)).toBe(false);
  });

  it('counts a region the mockup moved above one that was above it, unless the plan reorders it', () => {
    const swapped = { ...asOnPage, r4: box(0, 200, 340, 40) };
    const broken = measureStructure({
      regions: page,
      patch: [],
      pageHeight: 200,
      mockup: { boxes: swapped, height: 240 },
    });
    expect(broken).toMatchObject({ outOfOrder: 2, orderKept: false });
    const planned = measureStructure({
      regions: page,
      patch: [{ regionId: 'r4', declarations: { order: '2' } }],
      pageHeight: 200,
      mockup: { boxes: swapped, height: 240 },
    });
    expect(planned).toMatchObject({ outOfOrder: 0, orderKept: true });
  });

  it('breaks the pairs of a region the mockup does not show, and leaves fixed regions out', () => {
    const fixed = [...page, region('r7', { text: 'Chat', box: box(400, 0), flags: { fixed: true } })];
    const { r2: _gone, ...rest } = asOnPage;
    const s = measureStructure({
      regions: fixed,
      patch: [],
      pageHeight: 200,
      mockup: { boxes: rest, height: 200 },
    });
    expect(s).toMatchObject({ pairs: 4, pairsKept: 2 });
  });

  it('holds height to within 1.3× either way and pairs to 95 %', () => {
    const base = { pairs: 20, pairsKept: 19, heightRatio: 1.3, outOfOrder: 0, orderKept: true };
    expect(structureKept(base)).toBe(true);
    expect(structureKept({ ...base, pairsKept: 18 })).toBe(false);
    expect(structureKept({ ...base, heightRatio: 1.31 })).toBe(false);
    expect(structureKept({ ...base, heightRatio: 0.76 })).toBe(false);
    expect(structureKept({ ...base, heightRatio: 0.77 })).toBe(true);
    expect(structureKept({ ...base, outOfOrder: 1, orderKept: false })).toBe(false);
    expect(structureKept({ ...base, pairs: 0, pairsKept: 0 })).toBe(true);
  });
});

describe('the content check with structure', () => {
  const words: ContentCheck = {
    regions: 6,
    kept: 6,
    words: 9,
    wordsKept: 9,
    images: 0,
    imagesKept: 0,
    missing: [],
    duplicated: [],
    invented: [],
    structure: null,
  };

  it('does not pass on words alone: an unmeasured mockup is not passed', () => {
    expect(contentCheckPassed(words)).toBe(false);
    expect(contentCheckLine(words)).toBe('6/6 regions, 9/9 words, 0/0 images kept, 0 invented');
  });

  it('passes only when the structure is kept too, and says so with the three figures', () => {
    const kept = {
      ...words,
      structure: { pairs: 4, pairsKept: 4, heightRatio: 1.05, outOfOrder: 0, orderKept: true },
    };
    expect(contentCheckPassed(kept)).toBe(true);
    expect(contentCheckLine(kept)).toBe(
      '6/6 regions, 9/9 words, 0/0 images kept, 0 invented; layout: 4/4 side-by-side pairs kept, height 1.05×, reading order kept (passed)',
    );
    const lost = {
      ...words,
      structure: { pairs: 4, pairsKept: 0, heightRatio: 1.8, outOfOrder: 2, orderKept: false },
    };
    expect(contentCheckPassed(lost)).toBe(false);
    expect(contentCheckLine(lost)).toBe(
      '6/6 regions, 9/9 words, 0/0 images kept, 0 invented; layout: 0/4 side-by-side pairs kept, height 1.80×, 2 pairs out of reading order (not passed)',
    );
  });
});
