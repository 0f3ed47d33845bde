import { describe, expect, it } from 'vitest';
import { checkContent, contentRegions, describeContentCheck, isSameContent } from '@/utils/plan/validate';
import type { Blueprint } from '@/utils/schemas';
import { region } from '../../fixtures/regions';

const regions = [
  region('r1', { kind: 'container', tag: 'main', text: '' }),
  region('r2', { parentId: 'r1' }),
  region('r3', { parentId: 'r1' }),
  region('r4'),
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
    expect(check).toEqual({ regions: 3, kept: 3, missing: [], duplicated: [], invented: [] });
    expect(isSameContent(check)).toBe(true);
    expect(describeContentCheck(check)).toBe('same content: 3 of 3 regions kept');
  });

  it('allows a structural container to be listed', () => {
    expect(isSameContent(checkContent(plan(['r1', 'r2', 'r3', 'r4']), regions))).toBe(true);
  });

  it('names missing, duplicated and invented ids', () => {
    const check = checkContent(plan(['r2', 'r9'], ['r2', 'r12']), regions);
    expect(check).toEqual({
      regions: 3,
      kept: 1,
      missing: ['r3', 'r4'],
      duplicated: ['r2'],
      invented: ['r9', 'r12'],
    });
    expect(isSameContent(check)).toBe(false);
    expect(describeContentCheck(check)).toBe(
      'content changed: missing r3, r4; duplicated r2; invented r9, r12',
    );
  });
});
