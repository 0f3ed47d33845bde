import { describe, expect, it } from 'vitest';
import { score } from '@/utils/core/measure/score';
import { type Finding } from '@/utils/core/schemas/finding';
import { Critique, Draft } from '@/utils/core/schemas/record';
import { type Region } from '@/utils/core/schemas/region';
import { Verify } from '@/utils/core/schemas/verify';
import { compareScores } from '@/utils/core/verify/score';
import { verify } from '@/utils/core/verify/verify';
import { region } from '@/test/fixtures/regions';

const finding = (id: string, overrides: Partial<Finding> = {}): Finding => ({
  id,
  title: 'Text contrast below WCAG AA',
  detail: '',
  severity: 'major',
  category: 'contrast',
  basis: 'measured',
  rule: 'wcag-1.4.3',
  regionIds: [],
  confidence: 0.9,
  ...overrides,
});

const regions = (...ids: string[]): Region[] =>
  ids.map((id, i) => region(id, { text: `Text of ${id}`, box: { y: 40 * i } }));

const state = (rs: Region[], findings: Finding[]) => ({
  regions: rs,
  findings,
  score: score(findings.filter((f) => f.basis === 'measured')),
  blueprint: null,
});

const ids = (items: readonly { id: string }[]) => items.map((f) => f.id);

describe('a check says only what it measured', () => {
  const page = regions('r1', 'r2', 'r3', 'r4', 'r5');

  it('re-measures a measured finding: resolved when it is no longer found', () => {
    const result = verify(state(page, [finding('contrast-1', { regionIds: ['r2'] })]), state(page, []));
    expect(ids(result.resolved)).toEqual(['contrast-1']);
    expect(result.resolved[0]?.note).toBeUndefined();
    expect([result.still, result.new, result.gone, result.notRechecked]).toEqual([[], [], [], []]);
    expect(result.matched).toMatchObject({ before: 5, after: 5, matched: 5, gone: 0, added: 0 });
  });

  it('judges a finding from the pixels of an image only when the check read that image again', () => {
    const pixels = finding('image-text-1', { regionIds: ['r3'], source: 'pixels' });
    // OCR could not run, or read other images: an unread image is not a fixed one.
    for (const imagesRead of [[], ['r4']]) {
      const result = verify(state(page, [pixels]), state(page, []), { imagesRead });
      expect(ids(result.notRechecked)).toEqual(['image-text-1']);
      expect([result.resolved, result.still, result.gone]).toEqual([[], [], []]);
    }
    // Read again and no longer found: resolved; found again: still.
    expect(ids(verify(state(page, [pixels]), state(page, []), { imagesRead: ['r3'] }).resolved)).toEqual([
      'image-text-1',
    ]);
    const again = finding('image-text-2', { regionIds: ['r3'], source: 'pixels' });
    expect(ids(verify(state(page, [pixels]), state(page, [again]), { imagesRead: ['r3'] }).still)).toEqual([
      'image-text-1',
    ]);
  });

  it('still, when the same problem is found on the same region', () => {
    const before = [finding('contrast-1', { regionIds: ['r2'] })];
    const result = verify(state(page, before), state(page, [finding('contrast-4', { regionIds: ['r2'] })]));
    expect(result.still.map((s) => [s.id, s.nowId, s.note])).toEqual([
      ['contrast-1', 'contrast-4', 'still present'],
    ]);
    expect(result.resolved).toEqual([]);
    expect(result.new).toEqual([]);
    expect(result.scoreAfterMatched).toBe(result.scoreBefore);
  });

  it('new, for a measured problem the earlier critique did not have, with the later page’s region ids', () => {
    const later = regions('r1', 'r2', 'r3', 'r4', 'r5', 'r6');
    const result = verify(
      state(page, []),
      state(later, [
        finding('targets-1', {
          category: 'targets',
          rule: 'wcag-2.5.8',
          title: 'Target smaller than 24 × 24 px',
          regionIds: ['r6'],
        }),
      ]),
    );
    expect(ids(result.new)).toEqual(['targets-1']);
    expect(result.new[0]?.regionIds).toEqual(['r6']);
    expect(result.matched).toMatchObject({ matched: 5, gone: 0, added: 1 });
  });

  it('gone, never resolved, when none of a finding’s regions is on the later page', () => {
    const before = [finding('contrast-1', { regionIds: ['r4', 'r5'] })];
    const result = verify(state(page, before), state(regions('r1', 'r2', 'r3'), []));
    expect(ids(result.gone)).toEqual(['contrast-1']);
    expect(result.resolved).toEqual([]);
    expect(result.matched).toMatchObject({ matched: 3, gone: 2, added: 0, unmatched: ['r4', 'r5'] });
  });

  it('judges a partly gone finding on its matched regions, and names the others in its note', () => {
    const before = [
      finding('contrast-1', { regionIds: ['r1', 'r5'] }),
      finding('spacing-1', {
        category: 'spacing',
        rule: undefined,
        title: 'Uneven gaps',
        regionIds: ['r2', 'r3', 'r5'],
      }),
    ];
    const later = [
      finding('spacing-2', {
        category: 'spacing',
        rule: undefined,
        title: 'Uneven gaps',
        regionIds: ['r2', 'r3'],
      }),
    ];
    const result = verify(state(page, before), state(regions('r1', 'r2', 'r3', 'r4'), later));
    expect(result.resolved).toEqual([
      expect.objectContaining({
        id: 'contrast-1',
        note: 'resolved on 1 of 2 regions; r5 gone from the page, not checked',
      }),
    ]);
    expect(result.still).toEqual([
      expect.objectContaining({
        id: 'spacing-1',
        smaller: false,
        cleared: [],
        note: 'still present on 2 of 3 regions; r5 gone from the page, not checked',
      }),
    ]);
    expect(result.gone).toEqual([]);
    // Resolved where it could be measured, but r5 went with the page: the score does not credit it.
    expect(compareScores(result)).toBe('same');
  });

  it('does not re-check seen or inferred findings, and never lists a later model finding as new', () => {
    const before = [
      finding('measured-1', { regionIds: ['r1'] }),
      finding('seen-1', {
        basis: 'seen',
        category: 'hierarchy',
        rule: undefined,
        title: 'Two headlines compete',
        regionIds: ['r1', 'r2'],
      }),
      finding('inferred-1', {
        basis: 'inferred',
        category: 'spacing',
        rule: undefined,
        title: 'Pricing reads as a footer',
        regionIds: [],
      }),
    ];
    const after = [
      finding('seen-7', {
        basis: 'seen',
        category: 'hierarchy',
        rule: undefined,
        title: 'A new model worry',
        regionIds: ['r3'],
      }),
    ];
    const result = verify(state(page, before), state(page, after));
    expect(ids(result.notRechecked)).toEqual(['seen-1', 'inferred-1']);
    expect(result.notRechecked.map((f) => f.basis)).toEqual(['seen', 'inferred']);
    expect(ids(result.resolved)).toEqual(['measured-1']);
    for (const group of [result.resolved, result.still, result.gone, result.new])
      expect(ids(group)).not.toEqual(expect.arrayContaining(['seen-1', 'inferred-1', 'seen-7']));
    expect(result.new).toEqual([]);
  });

  it('a next state that lost most regions, and every finding with them, is not an improvement', () => {
    const rich = regions('r1', 'r2', 'r3', 'r4', 'r5', 'r6', 'r7', 'r8');
    const before = [
      finding('contrast-1', { regionIds: ['r3', 'r4'], extent: 0.3 }),
      finding('hierarchy-1', {
        category: 'hierarchy',
        rule: 'heading-inversion',
        title: 'Heading smaller than the next',
        regionIds: ['r2', 'r5'],
      }),
      finding('targets-1', {
        category: 'targets',
        rule: 'wcag-2.5.8',
        title: 'Target smaller than 24 × 24 px',
        severity: 'minor',
        regionIds: ['r8'],
      }),
      finding('typography-1', {
        category: 'typography',
        rule: undefined,
        title: 'Too many font sizes',
        severity: 'minor',
        regionIds: [],
      }),
    ];
    // A blank or broken page: one region survives, and nothing is measured on it.
    const blank = [region('r1', { text: 'Text of r1' })];
    const result = verify(state(rich, before), state(blank, []));
    expect(ids(result.gone)).toEqual(['contrast-1', 'hierarchy-1', 'targets-1', 'typography-1']);
    expect(result.resolved).toEqual([]);
    expect(result.scoreAfter).toBe(100);
    expect(result.scoreAfterMatched).toBeLessThanOrEqual(result.scoreBefore);
    expect(compareScores(result)).not.toBe('better');
    expect(result.matched).toMatchObject({ matched: 1, gone: 7, added: 0 });
  });

  it('parses a saved check and an earlier critique.json written before these fields', () => {
    const old = {
      scoreBefore: 60,
      scoreAfter: 70,
      resolved: [
        { id: 'contrast-1', title: 'x', category: 'contrast', severity: 'major', regionIds: ['r1'] },
      ],
      still: [],
      new: [],
      intents: [],
      matched: { before: 42, after: 41, byKey: 39, byText: 1, byPosition: 1, unmatched: ['r9'] },
    };
    const parsed = Verify.parse(old);
    expect(parsed).toMatchObject({ gone: [], notRechecked: [] });
    expect(parsed.scoreAfterMatched).toBeUndefined();
    expect(parsed.matched).toMatchObject({ matched: 41, gone: 1, added: 0 });
    expect(compareScores(parsed)).toBe('better');
    expect(Draft.shape.verify.parse(old)?.gone).toEqual([]);
    expect(Critique.shape.verify.parse(old)?.notRechecked).toEqual([]);
  });
});
