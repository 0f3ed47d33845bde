import { describe, expect, it } from 'vitest';
import type { Finding } from '@/utils/core/schemas/finding';
import type { Region } from '@/utils/core/schemas/region';
import { extentOf, measure } from '@/utils/core/measure';
import { textContrast } from '@/utils/core/measure/color';
import { SCORE_WEIGHTS, score } from '@/utils/core/measure/score';
import { region, rgba, syntheticRegions } from '@/test/fixtures/regions';

const finding = (
  category: Finding['category'],
  severity: Finding['severity'],
  confidence = 1,
  extent?: number,
): Finding => ({
  id: `${category}-1`,
  title: 't',
  detail: '',
  severity,
  category,
  basis: 'measured',
  regionIds: [],
  confidence,
  ...(extent === undefined ? {} : { extent }),
});

/** The score without rounding: a page whose only findings are in `category`. */
const exact = (findings: Finding[]) => {
  const category = findings[0]!.category;
  return score(findings).breakdown[category]!;
};

describe('score', () => {
  it('has weights that sum to 100', () => {
    expect(Object.values(SCORE_WEIGHTS).reduce((a, b) => a + b, 0)).toBe(100);
  });

  it('gives a page without findings 100 in every category', () => {
    expect(score([])).toEqual({
      value: 100,
      breakdown: { hierarchy: 100, contrast: 100, typography: 100, spacing: 100, targets: 100, density: 100 },
    });
  });

  it('takes 20% of a category for a sure major finding, weighted into the total', () => {
    const result = score([finding('contrast', 'major')]);
    expect(result.breakdown.contrast).toBe(80);
    expect(result.value).toBe(95);
  });

  it('scales penalties by confidence and ignores info findings', () => {
    expect(score([finding('hierarchy', 'critical', 0.5)]).breakdown.hierarchy).toBe(75);
    expect(score([finding('contrast', 'info')]).value).toBe(100);
  });

  it('compounds repeated findings without going below 0', () => {
    const many = Array.from({ length: 50 }, () => finding('targets', 'critical'));
    const result = score(many);
    expect(result.breakdown.targets).toBe(0);
    expect(result.value).toBe(90);
  });

  it('weighs hierarchy 30, contrast 25, typography 15, spacing 15, targets 10, density 5', () => {
    expect(SCORE_WEIGHTS).toEqual({
      hierarchy: 30,
      contrast: 25,
      typography: 15,
      spacing: 15,
      targets: 10,
      density: 5,
    });
    // A category at 0 takes exactly its weight off the total.
    for (const [category, weight] of Object.entries(SCORE_WEIGHTS)) {
      const zeroed = Array.from({ length: 50 }, () => finding(category as Finding['category'], 'critical'));
      expect(score(zeroed).value, category).toBe(100 - weight);
    }
  });

  it('penalises critical 0.5, major 0.2, minor 0.08 and info 0 of a category at full confidence', () => {
    expect(exact([finding('spacing', 'critical')])).toBe(50);
    expect(exact([finding('spacing', 'major')])).toBe(80);
    expect(exact([finding('spacing', 'minor')])).toBe(92);
    expect(exact([finding('spacing', 'info')])).toBe(100);
  });

  it('multiplies by (1 − penalty × confidence)^(1 + extent): a finding over the whole page counts twice', () => {
    expect(exact([finding('contrast', 'major', 1, 1)])).toBe(
      exact([finding('contrast', 'major'), finding('contrast', 'major')]),
    );
    expect(exact([finding('contrast', 'major', 1, 1)])).toBe(64);
    expect(exact([finding('contrast', 'major', 0.5, 1)])).toBe(81);
    // A few small links: about as much as one finding.
    expect(exact([finding('contrast', 'major', 1, 0.02)])).toBe(80);
  });
});

describe('extent', () => {
  it('is the share of the page’s text area a finding’s regions cover', () => {
    const page = [
      region('r1', { box: { width: 100, height: 10 } }),
      region('r2', { box: { y: 20, width: 100, height: 30 } }),
      region('r3', { box: { y: 60, width: 100, height: 60 } }),
    ];
    const extent = extentOf(page);
    expect(extent(['r1'])).toBe(0.1);
    expect(extent(['r1', 'r2'])).toBe(0.4);
    expect(extent(['r1', 'r2', 'r3'])).toBe(1);
    expect(extent(['r9'])).toBe(0);
  });
});

describe('a broken copy of a page never scores higher than the page', () => {
  const viewport = { width: 1280, height: 800 };
  const page = syntheticRegions(60);
  const valueOf = (regions: Region[]) => score(measure(regions, viewport)).value;
  const restyle = (r: Region, style: Partial<Region['style']>): Region => {
    const next = { ...r.style, ...style };
    return { ...r, style: { ...next, contrast: textContrast(next.color, next.background)?.ratio ?? null } };
  };
  const breaks: Record<string, (regions: Region[]) => Region[]> = {
    'pale text': (regions) =>
      regions.map((r) => (r.text && r.kind !== 'control' ? restyle(r, { color: rgba('#c8c8c8') }) : r)),
    'small crowded targets': (regions) =>
      regions.map((r, i) =>
        r.flags.interactive ? { ...r, box: { ...r.box, x: 10 + (i % 8) * 16, width: 14, height: 14 } } : r,
      ),
    'flat headings and pale buttons': (regions) =>
      regions.map((r) =>
        r.kind === 'heading'
          ? restyle(r, { fontSize: 14, fontWeight: 400 })
          : r.kind === 'control' && r.landmark === 'main'
            ? restyle(r, { color: rgba('#cccccc'), background: rgba('#f2f2f2') })
            : r,
      ),
  };

  it.each(Object.keys(breaks))('%s', (name) => {
    const broken = breaks[name]!(page);
    expect(valueOf(broken)).toBeLessThan(valueOf(page));
  });

  it('all at once', () => {
    const all = Object.values(breaks).reduce((regions, b) => b(regions), page);
    for (const b of Object.values(breaks)) expect(valueOf(all)).toBeLessThanOrEqual(valueOf(b(page)));
  });
});
