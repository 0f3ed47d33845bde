import { describe, expect, it } from 'vitest';
import { measure } from '@/utils/core/measure';
import { screenOf } from '@/utils/core/measure/layout';
import { toCssPatch } from '@/utils/core/plan/cssPatch';
import { restage, spacingUnitOf, typeScaleOf } from '@/utils/core/plan/restage';
import { contentRegions } from '@/utils/core/plan/validate';
import { type Finding } from '@/utils/core/schemas/finding';
import { Blueprint } from '@/utils/core/schemas/plan';
import { type Region } from '@/utils/core/schemas/region';
import { WHITE, button, heading, region, rgba, syntheticRegions } from '@/test/fixtures/regions';

const viewport = { width: 1280, height: 800 };

const page = [
  button('r1', { tag: 'a', landmark: 'nav', box: { x: 0, y: 16, width: 80, height: 24 } }),
  button('r2', { tag: 'a', landmark: 'nav', box: { x: 100, y: 16, width: 80, height: 24 } }),
  heading('r3', 1, 48, { box: { y: 80, height: 60 } }),
  region('r4', { box: { y: 150 }, text: 'Body '.repeat(30) }),
  button('r5', { box: { y: 220 }, style: { color: WHITE, background: rgba('#0a66c2') } }),
  region('r6', { kind: 'container', tag: 'section', text: '', box: { y: 900, height: 200 } }),
  heading('r7', 2, 25, { parentId: 'r6', box: { y: 900, height: 30 } }),
  region('r8', { parentId: 'r6', box: { y: 960 } }),
  region('r9', { landmark: 'footer', box: { y: 1700 } }),
];

/** Exactly one primary section per screen that has sections. */
function primariesPerScreen(blueprint: Blueprint, regions: readonly Region[]): number[] {
  const byId = new Map(regions.map((r) => [r.id, r]));
  const counts = new Map<number, number>();
  for (const s of blueprint.sections) {
    const screen = screenOf(byId.get(s.regionIds[0] ?? '')!.box, viewport);
    counts.set(screen, (counts.get(screen) ?? 0) + (s.emphasis === 'primary' ? 1 : 0));
  }
  return [...counts.values()];
}

describe('restage', () => {
  it('lists every content region once, grouped by landmark and heading in reading order', () => {
    const { blueprint, contentCheck } = restage(page, [], viewport);
    expect(blueprint.sections.map((s) => [s.id, s.source, s.emphasis, s.regionIds])).toEqual([
      ['s1', 'nav', 'tertiary', ['r1', 'r2']],
      ['s2', 'main', 'primary', ['r3', 'r4', 'r5']],
      ['s3', 'main', 'primary', ['r7', 'r8']],
      ['s4', 'footer', 'primary', ['r9']],
    ]);
    // 2 words per link, button and heading, 30 in r4, 4 in r8 and r9.
    expect(contentCheck).toEqual({
      regions: 8,
      kept: 8,
      words: 48,
      wordsKept: 48,
      images: 0,
      imagesKept: 0,
      missing: [],
      duplicated: [],
      invented: [],
      structure: null,
    });
  });

  it('derives its type scale and spacing unit from the page', () => {
    const { blueprint } = restage(page, [], viewport);
    expect(blueprint.typeScale).toEqual({ base: 16, ratio: 1.25 });
    expect(typeScaleOf([region('r1', { style: { fontSize: 15 } })])).toEqual({ base: 15, ratio: 1.25 });
    // A page on a 1.125 scale is restaged on 1.2, the smallest ratio whose steps read as distinct.
    expect(
      typeScaleOf([region('r1'), ...[18, 20.25, 22.78].map((s, i) => heading(`r${i + 2}`, 2, s))]),
    ).toEqual({
      base: 16,
      ratio: 1.2,
    });
  });

  it('picks an 8px unit when most gaps are multiples of 8, else 4', () => {
    /** 24px-tall regions stacked with these gaps between them. */
    const stacked = (gaps: number[]) => {
      const tops = gaps.reduce((ys, gap) => [...ys, (ys.at(-1) ?? 0) + 24 + gap], [0]);
      return tops.map((y, i) => region(`r${i + 1}`, { box: { y, height: 24 } }));
    };
    expect(spacingUnitOf(stacked([8, 16, 24, 12]))).toBe(8);
    expect(spacingUnitOf(stacked([12, 20, 28, 8]))).toBe(4);
    expect(spacingUnitOf([region('r1')])).toBe(8);
  });

  it('leads a screen with its shallowest heading, then with the section holding the primary action', () => {
    const screen = [
      button('r1', {
        tag: 'a',
        landmark: 'nav',
        box: { width: 80, height: 24 },
        style: { fontSize: 18, fontWeight: 700 },
      }),
      heading('r2', 2, 48, { box: { y: 40, height: 60 } }),
      region('r3', { box: { y: 120 } }),
      heading('r4', 2, 20, { box: { y: 300 } }),
      button('r5', { box: { y: 340 }, style: { fontSize: 14, color: WHITE, background: rgba('#0a66c2') } }),
      button('r6', {
        box: { x: 200, y: 340 },
        style: { fontSize: 18, fontWeight: 700 },
        flags: { bordered: true },
      }),
    ];
    const emphasis = (regions: Region[], findings: Finding[]) =>
      restage(regions, findings, viewport).blueprint.sections.map((s) => s.emphasis);
    const weak = measure(screen, viewport).filter((f) => f.rule === 'primary-action-weak');
    // Outweighed by the outlined button beside it; the bold nav link is no rival.
    expect(weak.map((f) => f.regionIds)).toEqual([['r5', 'r6']]);
    // Two h2 sections: the one holding the action leads, found outweighed or not.
    expect(emphasis(screen, weak)).toEqual(['tertiary', 'secondary', 'primary']);
    expect(emphasis(screen, [])).toEqual(['tertiary', 'secondary', 'primary']);
    // Without a call to action there is no action to go by: the heavier section leads.
    const plain = screen
      .filter((r) => r.id !== 'r6')
      .map((r) => (r.id === 'r5' ? { ...r, style: { ...r.style, background: WHITE } } : r));
    expect(emphasis(plain, [])).toEqual(['tertiary', 'primary', 'secondary']);
    // An h1 leads its screen whatever the action: the plan sets it above every h2.
    const titled = screen.map((r) => (r.id === 'r2' ? { ...r, headingLevel: 1, tag: 'h1' } : r));
    expect(emphasis(titled, weak)).toEqual(['tertiary', 'primary', 'secondary']);
  });

  it('plans an empty page as no sections, on default scale and unit', () => {
    expect(restage([], [], viewport)).toEqual({
      blueprint: { sections: [], typeScale: { base: 16, ratio: 1.25 }, spacingUnit: 8 },
      contentCheck: {
        regions: 0,
        kept: 0,
        words: 0,
        wordsKept: 0,
        images: 0,
        imagesKept: 0,
        missing: [],
        duplicated: [],
        invented: [],
        structure: null,
      },
    });
  });

  it('is deterministic', () => {
    expect(restage(page, [], viewport)).toEqual(restage(page, [], viewport));
  });

  it('runs with measure and the CSS patch on 1,000 synthetic regions', () => {
    const regions = syntheticRegions(1000);
    const { blueprint, contentCheck } = restage(regions, measure(regions, viewport), viewport);
    expect(Blueprint.parse(blueprint)).toEqual(blueprint);
    const content = contentRegions(regions).map((r) => r.id);
    expect(blueprint.sections.flatMap((s) => s.regionIds)).toEqual(content);
    expect(contentCheck).toMatchObject({
      regions: content.length,
      kept: content.length,
      missing: [],
      duplicated: [],
    });
    expect(primariesPerScreen(blueprint, regions).every((n) => n === 1)).toBe(true);
    expect(toCssPatch(blueprint, regions).length).toBeGreaterThan(0);
  });
});
