import { describe, expect, it } from 'vitest';
import {
  checkContent,
  contentRegions,
  describeContentCheck,
  isSameContent,
  regionContent,
} from '@/utils/core/plan/validate';
import type { Blueprint } from '@/utils/core/schemas/plan';
import { button, region } from '@/test/fixtures/regions';

// 4 + 3 + 5 words.
const regions = [
  region('r1', { kind: 'container', tag: 'main', text: '' }),
  region('r2', { parentId: 'r1', text: 'Some text in English' }),
  region('r3', { parentId: 'r1', text: 'Three more words' }),
  region('r4', { text: 'and the last five words' }),
];

const plan = (...groups: string[][]): Blueprint => ({
  sections: groups.map((regionIds, i) => ({
    id: `s${i + 1}`,
    source: 'main',
    emphasis: 'secondary',
    regionIds,
  })),
  typeScale: { base: 16, ratio: 1.25 },
  spacingUnit: 8,
});

describe('checkContent', () => {
  it('treats containers that hold regions as structure, not content', () => {
    expect(contentRegions(regions).map((r) => r.id)).toEqual(['r2', 'r3', 'r4']);
    const emptyBox = region('r5', { kind: 'container', tag: 'div', text: '' });
    const captioned = region('r6', { kind: 'container', tag: 'figure', text: 'A caption' });
    expect(contentRegions([emptyBox, captioned]).map((r) => r.id)).toEqual(['r6']);
  });

  it('accepts a blueprint listing every content region once', () => {
    const check = checkContent(plan(['r2', 'r3'], ['r4']), regions);
    expect(check).toEqual({
      regions: 3,
      kept: 3,
      words: 12,
      wordsKept: 12,
      images: 0,
      imagesKept: 0,
      missing: [],
      duplicated: [],
      invented: [],
      structure: null,
    });
    expect(isSameContent(check)).toBe(true);
    expect(describeContentCheck(check)).toBe('same content: 3 of 3 regions and 12 of 12 words kept');
  });

  it('allows a structural container to be listed', () => {
    expect(isSameContent(checkContent(plan(['r1', 'r2', 'r3', 'r4']), regions))).toBe(true);
  });

  it('names missing, duplicated and invented ids', () => {
    const check = checkContent(plan(['r2', 'r9'], ['r2', 'r12']), regions);
    expect(check).toEqual({
      regions: 3,
      kept: 1,
      words: 12,
      wordsKept: 4,
      images: 0,
      imagesKept: 0,
      missing: ['r3', 'r4'],
      duplicated: ['r2'],
      invented: ['r9', 'r12'],
      structure: null,
    });
    expect(isSameContent(check)).toBe(false);
    expect(describeContentCheck(check)).toBe(
      'content changed: 8 of 12 words dropped; missing r3, r4; duplicated r2; invented r9, r12',
    );
  });

  it('counts a duplicated region’s words once', () => {
    const check = checkContent(plan(['r2', 'r3', 'r4', 'r2']), regions);
    expect(check).toMatchObject({ words: 12, wordsKept: 12, duplicated: ['r2'] });
  });
});

describe('regionContent', () => {
  it('is the visible text, or the name of a control, field or image without text', () => {
    expect(regionContent(region('r1', { text: 'Read the docs' }))).toBe('Read the docs');
    expect(regionContent(button('r2', { tag: 'a', text: '', name: 'Home' }))).toBe('Home');
    expect(regionContent(region('r3', { kind: 'media', tag: 'img', text: '', name: 'ACME Corp' }))).toBe(
      'ACME Corp',
    );
    expect(regionContent(region('r4', { kind: 'field', tag: 'input', text: '', name: 'Email' }))).toBe(
      'Email',
    );
    // A paragraph without text has no words, whatever its name; masked text has none either.
    expect(regionContent(region('r5', { text: '', name: 'title attribute' }))).toBe('');
    expect(regionContent(region('r6', { text: '•••', flags: { private: true } }))).toBe('');
  });

  it('counts the words a text-less image or control brings', () => {
    const page = [
      region('r1', { kind: 'media', tag: 'img', text: '', name: 'Spring sale banner' }),
      button('r2', { tag: 'a', text: '', name: 'Products' }),
    ];
    expect(checkContent(plan(['r1']), page)).toMatchObject({ words: 4, wordsKept: 3, missing: ['r2'] });
  });
});
