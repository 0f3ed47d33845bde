import { describe, expect, it } from 'vitest';
import type { Finding } from '@/utils/core/schemas/finding';
import { ANY, filterFindings, present, SEVERITIES, sortFindings } from '@/utils/core/triage/filter';
import { region } from '@/test/fixtures/regions';

const finding = (id: string, over: Partial<Finding>): Finding => ({
  id,
  title: id,
  detail: '',
  severity: 'minor',
  category: 'spacing',
  basis: 'measured',
  regionIds: [],
  confidence: 1,
  ...over,
});

// r1 at the top right, r2 at the top left (same top), r3 lower down.
const regions = [
  region('r1', { box: { x: 600, y: 10 } }),
  region('r2', { box: { x: 20, y: 10 } }),
  region('r3', { box: { x: 0, y: 500 } }),
];
const findings = [
  finding('low', { severity: 'minor', regionIds: ['r3'] }),
  finding('wide', { severity: 'critical', category: 'typography', regionIds: [] }),
  finding('right', { severity: 'major', category: 'contrast', basis: 'seen', regionIds: ['r1'] }),
  finding('left', { severity: 'info', category: 'contrast', regionIds: ['r3', 'r2'] }),
];
const ids = (list: Finding[]) => list.map((f) => f.id);

describe('filtering findings', () => {
  it('keeps all with no filter, and combines category, severity and basis', () => {
    expect(ids(filterFindings(findings, ANY))).toEqual(['low', 'wide', 'right', 'left']);
    expect(ids(filterFindings(findings, { ...ANY, category: 'contrast' }))).toEqual(['right', 'left']);
    expect(ids(filterFindings(findings, { ...ANY, severity: 'critical' }))).toEqual(['wide']);
    expect(ids(filterFindings(findings, { ...ANY, basis: 'seen' }))).toEqual(['right']);
    expect(
      ids(filterFindings(findings, { category: 'contrast', severity: null, basis: 'measured' })),
    ).toEqual(['left']);
    expect(filterFindings(findings, { ...ANY, category: 'density' })).toEqual([]);
  });

  it('offers only the values present, in a fixed order', () => {
    expect(present(findings, 'severity', SEVERITIES)).toEqual(['critical', 'major', 'minor', 'info']);
    expect(present(findings, 'basis', ['measured', 'seen', 'inferred'])).toEqual(['measured', 'seen']);
  });
});

describe('sorting findings', () => {
  it('worst first, ties in the engine’s order', () => {
    const tie = finding('low2', { severity: 'minor' });
    expect(ids(sortFindings([...findings, tie], 'severity', regions))).toEqual([
      'wide',
      'right',
      'low',
      'low2',
      'left',
    ]);
  });

  it('by place on the page: the highest region’s top, then its left; page-wide findings last', () => {
    // "left" names r3 and r2: it is placed by r2, which is level with r1 but further left.
    expect(ids(sortFindings(findings, 'position', regions))).toEqual(['left', 'right', 'low', 'wide']);
  });
});
