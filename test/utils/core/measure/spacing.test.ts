import { describe, expect, it } from 'vitest';
import { siblingGaps, spacingFindings } from '@/utils/core/measure/spacing';
import { region } from '@/test/fixtures/regions';

/** Regions stacked from y = 0 with the given gaps between them, each 20px tall. */
function stack(
  gaps: number[],
  parentId: string | null = null,
  firstId = 1,
  x = 0,
): ReturnType<typeof region>[] {
  let y = 0;
  return [0, ...gaps].map((gap, i) => {
    y += gap;
    const r = region(`r${firstId + i}`, { parentId, box: { x, y, height: 20 } });
    y += 20;
    return r;
  });
}

describe('siblingGaps', () => {
  it('measures vertical gaps between stacked siblings', () => {
    expect(siblingGaps(stack([8, 16]))).toEqual([
      { above: 'r1', below: 'r2', px: 8 },
      { above: 'r2', below: 'r3', px: 16 },
    ]);
  });

  it('skips siblings side by side and fixed regions', () => {
    const row = [
      region('r1', { box: { x: 0, width: 100 } }),
      region('r2', { box: { x: 200, width: 100, y: 10 } }),
    ];
    expect(siblingGaps(row)).toEqual([]);
    expect(siblingGaps([region('r1'), region('r2', { box: { y: 40 }, flags: { fixed: true } })])).toEqual([]);
  });
});

describe('spacingFindings', () => {
  it('flags more than eight distinct gaps and lists them', () => {
    const finding = spacingFindings(stack([3, 5, 7, 9, 11, 13, 15, 17, 19])).find((f) =>
      f.title.startsWith('Too many'),
    );
    expect(finding?.detail).toBe(
      '9 distinct vertical gaps between siblings: 3, 5, 7, 9, 11, 13, 15, 17, 19 px',
    );
    expect(spacingFindings(stack([8, 8, 16, 16, 24, 32])).some((f) => f.title.startsWith('Too many'))).toBe(
      false,
    );
  });

  it('flags a left edge 2px off a shared line, not one 5px off', () => {
    const page = [...stack([8, 8], null, 1, 40), region('r4', { box: { x: 42, y: 200 } })];
    const finding = spacingFindings(page).find((f) => f.title === 'Edges that almost align');
    expect(finding).toMatchObject({
      regionIds: ['r4'],
      detail: 'r4 at 42px, 2px off the 40px edge of r1, r2, r3',
    });
    const apart = [...stack([8, 8], null, 1, 40), region('r4', { box: { x: 45, y: 200 } })];
    expect(spacingFindings(apart).some((f) => f.title === 'Edges that almost align')).toBe(false);
  });

  it('flags groups whose inner gap is at least the gap between them (proximity)', () => {
    const group = (id: string, y: number, height: number) =>
      region(id, { kind: 'container', tag: 'div', text: '', box: { y, height, width: 400 } });
    const child = (id: string, parentId: string, y: number) =>
      region(id, { parentId, box: { y, height: 20 } });
    const loose = [
      group('r1', 0, 64),
      child('r2', 'r1', 0),
      child('r3', 'r1', 44),
      group('r4', 80, 44),
      child('r5', 'r4', 80),
      child('r6', 'r4', 104),
    ];
    expect(spacingFindings(loose).find((f) => f.rule === 'proximity')).toMatchObject({
      regionIds: ['r1', 'r4'],
      detail: 'gap inside r2→r3 24px >= gap between r1 and r4 16px',
    });
    const tight = [
      group('r1', 0, 48),
      child('r2', 'r1', 0),
      child('r3', 'r1', 28),
      group('r4', 80, 48),
      child('r5', 'r4', 80),
      child('r6', 'r4', 108),
    ];
    expect(spacingFindings(tight).some((f) => f.rule === 'proximity')).toBe(false);
  });
});
