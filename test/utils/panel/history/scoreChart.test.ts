import { describe, expect, it } from 'vitest';
import { placePoints, scorePoints, scoreY, type ChartBox } from '@/utils/panel/history/scoreChart';
import { entry } from '@/test/utils/panel/history/entries';

const BOX: ChartBox = { width: 200, height: 120, top: 10, right: 10, bottom: 10, left: 30 };

describe('score chart', () => {
  it('has one point per run with a score, oldest first, whatever order the runs come in', () => {
    const runs = [
      entry('c', 30, { score: 80, kind: 'check', against: 'a', preview: true }),
      entry('failed', 25, { score: null, state: 'failed' }),
      entry('a', 10, { score: 40 }),
      entry('b', 20, { score: 60, round: 2, refines: 'a' }),
    ];
    const points = scorePoints(runs);
    expect(points.map((p) => [p.id, p.score, p.label, p.check, p.previewed])).toEqual([
      ['a', 40, 'Critique', false, false],
      ['b', 60, 'Round 2', false, false],
      ['c', 80, 'Check', true, true],
    ]);
  });

  it('keeps the newest runs when there are more than the limit', () => {
    const runs = Array.from({ length: 25 }, (_, i) => entry(`r${i}`, i, { score: i }));
    expect(scorePoints(runs, 20).map((p) => p.id)).toEqual(runs.slice(5).map((r) => r.id));
  });

  it('puts the axis at 0–100 whatever the scores: 0 at the bottom, 100 at the top', () => {
    expect(scoreY(100, BOX)).toBe(BOX.top);
    expect(scoreY(0, BOX)).toBe(BOX.height - BOX.bottom);
    // Two close scores stay close: no zoomed axis.
    const [low, high] = placePoints(
      scorePoints([entry('a', 1, { score: 70 }), entry('b', 2, { score: 72 })]),
      BOX,
    );
    expect(Math.abs(high!.y - low!.y)).toBeCloseTo(((BOX.height - BOX.top - BOX.bottom) * 2) / 100);
    expect(high!.y).toBeLessThan(low!.y);
  });

  it('spaces points evenly left to right in time order; one point sits in the middle', () => {
    const placed = placePoints(scorePoints([entry('a', 1), entry('b', 2), entry('c', 1_000_000)]), BOX);
    expect(placed.map((p) => p.x)).toEqual([30, 110, 190]);
    const [one] = placePoints(scorePoints([entry('a', 1)]), BOX);
    expect(one!.x).toBe(BOX.left + (BOX.width - BOX.left - BOX.right) / 2);
  });

  it('clamps a score outside 0–100 onto the axis', () => {
    expect(
      scorePoints([entry('a', 1, { score: 120 }), entry('b', 2, { score: -3 })]).map((p) => p.score),
    ).toEqual([100, 0]);
  });
});
