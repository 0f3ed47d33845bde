import { describe, expect, it } from 'vitest';
import { lockedChanges } from '@/utils/core/verify/locked';
import { matchRegions } from '@/utils/core/verify/match';
import { region } from '@/test/fixtures/regions';

describe('lockedChanges', () => {
  const title = region('r1', { text: 'Keep me' });
  const body = region('r2', { text: 'Body', box: { y: 40 } });

  it('is silent when a kept region is as it was', () => {
    const later = [
      region('r1', { text: 'Keep me' }),
      region('r2', { text: 'Body', box: { y: 40 }, style: { fontSize: 20 } }),
    ];
    expect(lockedChanges([title, body], later, new Set(['r1']), matchRegions([title, body], later))).toEqual(
      [],
    );
  });

  it('reports a kept region whose style or size changed, by the later id', () => {
    const later = [
      body,
      { ...title, id: 'r3', style: { ...title.style, fontSize: 24 }, box: { ...title.box, height: 36 } },
    ];
    const found = lockedChanges([title, body], later, new Set(['r1']), matchRegions([title, body], later));
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({ basis: 'measured', regionIds: ['r3'], rule: 'restage-kept-as-is' });
    expect(found[0]!.detail).toBe('Kept as is (r1), yet font size 16px → 24px, height 24 → 36 px.');
  });

  it('reports a kept region that is gone', () => {
    const found = lockedChanges([title, body], [body], new Set(['r1']), matchRegions([title, body], [body]));
    expect(found[0]!.detail).toBe('Kept as is (r1), yet it is no longer on the page.');
  });
});
