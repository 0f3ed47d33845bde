import { describe, expect, it } from 'vitest';
import { annotationLayout } from '@/utils/background/render/annotate';
import { flaggedRegionIds, markTones } from '@/utils/core/render/marks';
import type { Shot } from '@/utils/core/schemas/capture';
import type { Finding } from '@/utils/core/schemas/finding';
import { region } from '@/test/fixtures/regions';

const finding = (id: string, severity: Finding['severity'], regionIds: string[]): Finding => ({
  id,
  title: id,
  detail: '',
  severity,
  category: 'contrast',
  basis: 'measured',
  regionIds,
  confidence: 1,
});

// A card (r1) holding a heading (r2) and a button (r3); a paragraph (r4) on its own.
const regions = [
  region('r1', { kind: 'container', text: '', box: { x: 0, y: 0, width: 400, height: 200 } }),
  region('r2', { parentId: 'r1', box: { x: 10, y: 40, width: 200, height: 24 } }),
  region('r3', { parentId: 'r1', kind: 'control', box: { x: 10, y: 120, width: 120, height: 40 } }),
  region('r4', { box: { x: 0, y: 300, width: 400, height: 24 } }),
];
const shot: Shot = {
  mode: 'viewport',
  width: 800,
  height: 800,
  dpr: 2,
  area: { x: 0, y: 0, width: 400, height: 400 },
  ms: 1,
  bytes: 1,
  masked: 0,
  notes: [],
};

describe('which regions are drawn strong, faint or lighter', () => {
  it('numbers only the regions with findings, and draws a container lighter than the leaves in it', () => {
    const findings = [finding('a', 'major', ['r3']), finding('b', 'minor', ['r1'])];
    expect(Object.fromEntries(markTones(regions, findings, false))).toEqual({
      r1: 'container',
      r2: 'faint',
      r3: 'strong',
      r4: 'faint',
    });
  });

  it('leaves info notes out: they are not known problems', () => {
    const findings = [finding('aaa', 'info', ['r2', 'r4'])];
    expect(flaggedRegionIds(findings).size).toBe(0);
    expect([...markTones(regions, findings, false).values()]).toEqual(['faint', 'faint', 'faint', 'faint']);
  });

  it('"Show all regions" numbers every region, containers still lighter', () => {
    expect(Object.fromEntries(markTones(regions, [], true))).toEqual({
      r1: 'container',
      r2: 'strong',
      r3: 'strong',
      r4: 'strong',
    });
  });

  it('annotated.png places badges for numbered regions only, and none for faint ones', () => {
    const tones = markTones(regions, [finding('a', 'major', ['r3'])], false);
    const layout = annotationLayout(shot, regions, { width: 800, height: 800 }, tones);
    const badged = layout.marks.filter((m) => m.badge).map((m) => [m.region.id, m.tone]);
    expect(badged).toEqual([['r3', 'strong']]);
    expect(layout.marks.map((m) => m.tone)).toEqual(['faint', 'faint', 'strong', 'faint']);
    // Without tones, as the model's copy is drawn: every region numbered.
    expect(annotationLayout(shot, regions, { width: 800, height: 800 }).marks.every((m) => m.badge)).toBe(
      true,
    );
  });
});
