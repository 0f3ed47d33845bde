import { describe, expect, it } from 'vitest';
import {
  lockedIds,
  lockedNote,
  userLocks,
  withoutLocked,
  USER_LOCK_REASON,
} from '@/utils/core/plan/constraints';
import { region } from '@/test/fixtures/regions';

const card = region('r1', { kind: 'container', text: '' });
const title = region('r2', { parentId: 'r1', text: 'Card title' });
const price = region('r3', { parentId: 'r2', text: '$4' });
const other = region('r4', { text: 'Elsewhere' });
const regions = [card, title, price, other];

describe('constraints', () => {
  it('turns the user’s locked keys into a do-not-touch entry for this critique', () => {
    expect(userLocks(regions, new Set([title.key]))).toEqual({ regionIds: ['r2'], reason: USER_LOCK_REASON });
    expect(userLocks(regions, new Set(['k00000000']))).toBeNull();
  });

  it('locks every region inside a locked one', () => {
    expect([...lockedIds(regions, [{ regionIds: ['r1'], reason: 'brand' }])].sort()).toEqual([
      'r1',
      'r2',
      'r3',
    ]);
    expect([...lockedIds(regions, [])]).toEqual([]);
  });

  it('takes declarations on locked regions out of a plan and counts them', () => {
    const patch = [
      { regionId: 'r2', declarations: { 'font-size': '20px', color: '#111111' } },
      { regionId: 'r4', declarations: { 'font-weight': '700' } },
    ];
    const locked = lockedIds(regions, [{ regionIds: ['r1'], reason: 'brand' }]);
    const result = withoutLocked(patch, locked);
    expect(result).toEqual({ patch: [patch[1]], rejected: 2 });
    expect(lockedNote(result.rejected, locked, patch)).toBe(
      '2 CSS changes on regions kept as they are (r2) were left out of the plan.',
    );
    expect(lockedNote(0, locked, patch)).toBeNull();
  });
});
