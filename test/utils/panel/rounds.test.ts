import { describe, expect, it } from 'vitest';
import { CRITIQUE_STAGE_NAMES, emptyRecord } from '@/utils/core/jobs/record';
import { predictedScore } from '@/utils/core/plan/choose';
import { roundsOf } from '@/utils/panel/rounds';
import type { CritiqueRecord } from '@/utils/core/schemas/record';
import type { Verify } from '@/utils/core/schemas/verify';
import { region } from '@/test/fixtures/regions';

const base = {
  tabId: 1,
  url: 'https://example.test/',
  title: 'Example',
  mode: 'viewport' as const,
  request: null,
  against: null,
  preview: false,
};
const regions = [region('r1', { style: { fontSize: 11 } }), region('r2')];
const plan = {
  blueprint: { sections: [], typeScale: { base: 16, ratio: 1.25 }, spacingUnit: 8 as const },
  cssPatch: [{ regionId: 'r1', declarations: { 'font-size': '16px' } }],
  contentCheck: {
    regions: 2,
    kept: 2,
    words: 8,
    wordsKept: 8,
    images: 0,
    imagesKept: 0,
    missing: [],
    duplicated: [],
    invented: [],
    structure: null,
  },
};
function critique(id: string, createdAt: number, refines: string | null = null, round = 1): CritiqueRecord {
  const record = emptyRecord(
    id,
    { ...base, kind: 'critique', request: refines ? `from ${refines}` : null, refines, round },
    CRITIQUE_STAGE_NAMES,
    createdAt,
  );
  record.job.state = 'done';
  record.draft.regions = regions;
  record.draft.thumb = { id: `${id}:thumb`, stored: true };
  record.draft.plan = plan;
  record.draft.extraction = {
    viewport: { width: 1280, height: 800 },
  } as CritiqueRecord['draft']['extraction'];
  return record;
}
function check(id: string, against: string, createdAt: number, scoreAfter: number): CritiqueRecord {
  const record = emptyRecord(id, { ...base, kind: 'check', against, preview: true }, ['verify'], createdAt);
  record.job.state = 'done';
  record.draft.verify = { scoreBefore: 50, scoreAfter, scoreAfterMatched: scoreAfter } as Verify;
  record.draft.thumb = { id: `${id}:thumb`, stored: true };
  return record;
}

describe('the rounds of a critique', () => {
  const records = [
    critique('a', 1),
    critique('b', 2, 'a', 2),
    critique('c', 3, 'b', 3),
    critique('d', 4, 'a', 2),
    critique('other', 5),
    check('check-b-old', 'b', 6, 70),
    check('check-b', 'b', 7, 81),
  ];

  it('lists the family of any of its rounds, oldest first, with primes for a round started again', () => {
    for (const id of ['a', 'c', 'd']) {
      const rounds = roundsOf(records, id);
      expect(rounds.map((r) => [r.id, r.label, r.from])).toEqual([
        ['a', 'Round 1', null],
        ['b', 'Round 2', null],
        ['c', 'Round 3', null],
        ['d', 'Round 2′', 'Round 1'],
      ]);
    }
    expect(roundsOf(records, 'other').map((r) => r.id)).toEqual(['other']);
    expect(roundsOf(records, 'check-b')).toEqual([]);
  });

  it('says which score: the latest check of its preview (and shows its capture), else what its plan predicts', () => {
    const rounds = roundsOf(records, 'a');
    expect(rounds.find((r) => r.id === 'b')?.score).toEqual({ value: 81, kind: 'verified' });
    expect(rounds.find((r) => r.id === 'b')?.thumb).toEqual({ id: 'check-b:thumb', stored: true });
    expect(rounds.find((r) => r.id === 'c')?.thumb).toEqual({ id: 'c:thumb', stored: true });
    expect(rounds.find((r) => r.id === 'c')?.score).toEqual({
      value: predictedScore(regions, plan.cssPatch, { width: 1280, height: 800 }),
      kind: 'predicted',
    });
  });
});
