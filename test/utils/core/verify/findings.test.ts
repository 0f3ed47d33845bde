import { describe, expect, it } from 'vitest';
import type { Finding } from '@/utils/core/schemas/finding';
import { matchFindings, titleStem } from '@/utils/core/verify/findings';
import type { RegionMatch } from '@/utils/core/verify/match';

const finding = (id: string, overrides: Partial<Finding>): Finding => ({
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

/** Earlier r1…r9 are later r11…r19: a recapture renumbered everything. */
const shifted: RegionMatch = {
  after: new Map(Array.from({ length: 9 }, (_, i) => [`r${i + 1}`, `r${i + 11}`])),
  before: new Map(Array.from({ length: 9 }, (_, i) => [`r${i + 11}`, `r${i + 1}`])),
  by: new Map(Array.from({ length: 9 }, (_, i) => [`r${i + 1}`, 'key' as const])),
};

describe('matchFindings', () => {
  it('reports a finding whose regions are no longer named as resolved, and a new problem as new', () => {
    const before = [finding('contrast-1', { regionIds: ['r1'] })];
    const after = [
      finding('targets-1', {
        category: 'targets',
        rule: 'wcag-2.5.8',
        title: 'Target smaller than 24 × 24 px',
        regionIds: ['r12'],
      }),
    ];
    const result = matchFindings(before, after, shifted);
    expect(result.resolved.map((f) => f.id)).toEqual(['contrast-1']);
    expect(result.new.map((f) => f.id)).toEqual(['targets-1']);
    expect(result.still).toEqual([]);
  });

  it('keeps a grouped finding that lost some regions as still present, but smaller', () => {
    const before = [finding('contrast-1', { regionIds: ['r1', 'r2', 'r3', 'r4'] })];
    const after = [finding('contrast-3', { regionIds: ['r12', 'r14'] })];
    const [still] = matchFindings(before, after, shifted).still;
    expect(still).toMatchObject({
      id: 'contrast-1',
      nowId: 'contrast-3',
      regionIdsNow: ['r12', 'r14'],
      smaller: true,
      cleared: ['r1', 'r3'],
    });
    expect(still?.note).toBe('still present but smaller: 2 of 4 regions (r1, r3 fixed)');
  });

  it('needs the same problem: same rule and title, numbers aside', () => {
    expect(titleStem('3 targets smaller than 24 × 24 px')).toBe(titleStem('Target smaller than 24 × 24 px'));
    const before = [finding('contrast-1', { regionIds: ['r1'] })];
    const aaa = finding('contrast-2', {
      rule: 'wcag-1.4.6',
      title: 'Text contrast below WCAG AAA (meets AA)',
      regionIds: ['r11'],
    });
    const result = matchFindings(before, [aaa], shifted);
    // Fixed to AA but short of AAA: the AA failure is resolved, the AAA one is a new, smaller problem.
    expect(result.resolved.map((f) => f.id)).toEqual(['contrast-1']);
    expect(result.new.map((f) => f.id)).toEqual(['contrast-2']);
  });

  it('knows a problem by its rule when it has one, whatever words the title quotes', () => {
    const before = [
      finding('contrast-1', { title: "'Start free trial' is too faint", regionIds: ['r1', 'r2'] }),
    ];
    const after = [finding('contrast-1', { title: "'Watch a video' is too faint", regionIds: ['r12'] })];
    expect(matchFindings(before, after, shifted).still.map((s) => [s.id, s.nowId])).toEqual([
      ['contrast-1', 'contrast-1'],
    ]);
    // Without a rule, the title still tells problems apart.
    const bare = (id: string, title: string, regionIds: string[]) =>
      finding(id, { rule: undefined, title, regionIds });
    const result = matchFindings(
      [bare('a', 'Too many font sizes', ['r1'])],
      [bare('b', 'Too many font weights', ['r11'])],
      shifted,
    );
    expect(result.resolved.map((f) => f.id)).toEqual(['a']);
  });

  it('pairs each earlier finding with the later one that overlaps it most, one to one', () => {
    const before = [
      finding('contrast-1', { regionIds: ['r1', 'r2'] }),
      finding('contrast-2', { regionIds: ['r3', 'r4', 'r5'] }),
    ];
    const after = [finding('contrast-1', { regionIds: ['r13', 'r14', 'r15', 'r11'] })];
    const result = matchFindings(before, after, shifted);
    expect(result.still.map((s) => [s.id, s.nowId])).toEqual([['contrast-2', 'contrast-1']]);
    expect(result.resolved.map((f) => f.id)).toEqual(['contrast-1']);
  });

  it('matches findings about the whole page by problem alone', () => {
    const page = {
      category: 'typography' as const,
      rule: undefined,
      title: 'Too many font sizes',
      severity: 'minor' as const,
    };
    const result = matchFindings([finding('typography-1', page)], [finding('typography-4', page)], shifted);
    expect(result.still.map((s) => s.note)).toEqual(['still present']);
  });
});
