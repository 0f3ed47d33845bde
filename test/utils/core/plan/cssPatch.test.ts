import { describe, expect, it } from 'vitest';
import { primaryActionFindings } from '@/utils/core/measure/primaryAction';
import { visualWeights } from '@/utils/core/measure/weight';
import { parsePatch, toCssPatch } from '@/utils/core/plan/cssPatch';
import { predictPatch } from '@/utils/core/plan/predict';
import { restage } from '@/utils/core/plan/restage';
import { type Blueprint } from '@/utils/core/schemas/plan';
import { ALLOWED_CSS_PROPERTIES } from '@/utils/core/schemas/region';
import { WHITE, button, heading, region, rgba, syntheticRegions } from '@/test/fixtures/regions';

const blueprint = (
  emphasis: Blueprint['sections'][number]['emphasis'],
  regionIds: string[],
  unit: 4 | 8 = 8,
): Blueprint => ({
  sections: [{ id: 's1', source: 'main', emphasis, regionIds }],
  typeScale: { base: 16, ratio: 1.25 },
  spacingUnit: unit,
});

describe('toCssPatch', () => {
  it('sets headings on the scale, one step per level, whatever the emphasis', () => {
    const h1 = heading('r1', 1, 30, { style: { fontWeight: 400, lineHeight: 45 } });
    expect(toCssPatch(blueprint('secondary', ['r1']), [h1])).toEqual([
      {
        regionId: 'r1',
        declarations: {
          'font-size': '39px',
          'font-weight': '700',
          'line-height': '1.2',
          'margin-bottom': '16px',
        },
      },
    ]);
    // 16 × 1.25⁴ = 39.06 for an h1, 16 × 1.25³ = 31.25 for an h2: on the scale in any section.
    expect(toCssPatch(blueprint('primary', ['r1']), [h1])[0]?.declarations['font-size']).toBe('39px');
    const h2 = heading('r1', 2, 20);
    expect(toCssPatch(blueprint('tertiary', ['r1']), [h2])[0]?.declarations['font-size']).toBe('31px');
  });

  it('snaps a field onto the scale with the text around it, and nothing else', () => {
    // 16 × 1.25 = 20: a 21px search box is off the scale, by more than the measure's 3%.
    const search = region('r1', { kind: 'field', tag: 'input', text: 'Search', style: { fontSize: 21 } });
    const body = region('r2', { box: { y: 40 } });
    expect(toCssPatch(blueprint('secondary', ['r1', 'r2']), [search, body])).toEqual([
      { regionId: 'r1', declarations: { 'font-size': '20px' } },
    ]);
  });

  it('centres a narrowed paragraph whose text is centred, and underlines a link its new colour hides', () => {
    const lede = region('r1', {
      text: 'x'.repeat(300),
      box: { width: 960, height: 80 },
      style: { textAlign: 'center', lineHeight: 24 },
    });
    expect(toCssPatch(blueprint('secondary', ['r1']), [lede])[0]?.declarations).toMatchObject({
      'max-width': '70ch',
      'margin-left': 'auto',
      'margin-right': 'auto',
    });
    const pale = region('r1', { text: 'Read the policy first', style: { color: rgba('#aaaaaa') } });
    const link = region('r2', {
      kind: 'control',
      tag: 'a',
      role: 'link',
      parentId: 'r1',
      text: 'the policy',
      box: { x: 40, width: 60 },
      style: { color: rgba('#0b7285') },
    });
    const patch = toCssPatch(blueprint('secondary', ['r1', 'r2']), [pale, link]);
    expect(patch.find((p) => p.regionId === 'r1')?.declarations.color).toBeDefined();
    expect(patch.find((p) => p.regionId === 'r2')?.declarations['text-decoration-line']).toBe('underline');
  });

  it('opens each later section with space above its heading', () => {
    const bp: Blueprint = {
      ...blueprint('secondary', ['r1']),
      sections: [
        { id: 's1', source: 'main', emphasis: 'primary', regionIds: ['r1'] },
        { id: 's2', source: 'main', emphasis: 'secondary', regionIds: ['r2'] },
      ],
    };
    const patch = toCssPatch(bp, [heading('r1', 1, 49), heading('r2', 2, 31)]);
    expect(patch.find((p) => p.regionId === 'r2')?.declarations['margin-top']).toBe('32px');
    expect(patch.find((p) => p.regionId === 'r1')?.declarations['margin-top']).toBeUndefined();
  });

  it('gives body text air and a readable measure, and leaves tidy text alone', () => {
    const crowded = region('r1', {
      text: 'x'.repeat(300),
      style: { lineHeight: null },
      box: { width: 960, height: 80 },
    });
    const tidy = region('r2');
    expect(toCssPatch(blueprint('secondary', ['r1', 'r2']), [crowded, tidy])).toEqual([
      { regionId: 'r1', declarations: { 'line-height': '1.5', 'max-width': '70ch' } },
    ]);
    const small = region('r1', { style: { fontSize: 15 } });
    expect(toCssPatch(blueprint('secondary', ['r1']), [small])[0]?.declarations['font-size']).toBe('16px');
  });

  it("strengthens a primary section's filled control until the measure finds it the strongest", () => {
    const cta = button('r1', { style: { fontSize: 14, color: WHITE, background: rgba('#0a66c2') } });
    const other = button('r2', { style: { fontSize: 18, fontWeight: 700 }, flags: { bordered: true } });
    const intro = region('r3', { style: { lineHeight: 24 }, box: { width: 600, height: 24 } });
    const page = [cta, other, intro];
    const viewport = { width: 1280, height: 800 };
    const weak = (regions: typeof page) =>
      primaryActionFindings(regions, viewport, visualWeights(regions)).map((f) => f.rule);
    expect(weak(page)).toEqual(['primary-action-weak']);
    const patch = toCssPatch(blueprint('primary', ['r1', 'r2', 'r3'], 4), page);
    const d = patch.find((p) => p.regionId === 'r1')?.declarations ?? {};
    expect(d['font-weight']).toBe('700');
    // Its fill already stands out (5.7:1 on white), so it keeps its colours and grows instead.
    expect(d['background-color']).toBeUndefined();
    expect(weak(predictPatch(page, patch))).toEqual([]);
    // Outside a primary section a control only moves onto the scale (14px → 16 × 1.25⁻¹ = 12.8),
    // but never below the page's smallest text, 14px here: raised to it, the size would be off
    // the scale, so it keeps its own.
    expect(toCssPatch(blueprint('secondary', ['r1']), [cta])).toEqual([]);
  });

  it('never makes a tab, a page number or a search submit the lead action of a section', () => {
    const filled = { style: { fontSize: 14, color: WHITE, background: rgba('#0a66c2') } };
    const intro = region('r4', { box: { y: 100, width: 600, height: 24 } });
    for (const purpose of ['tab', 'pagination', 'search', 'menu'] as const) {
      const control = button('r1', { ...filled, purpose });
      const patch = toCssPatch(blueprint('primary', ['r1', 'r4']), [control, intro]);
      expect(patch.find((p) => p.regionId === 'r1')?.declarations['font-weight'], purpose).toBeUndefined();
    }
    // The same button as a form's submit leads.
    const submit = button('r1', { ...filled, purpose: 'submit' });
    const patch = toCssPatch(blueprint('primary', ['r1', 'r4']), [submit, intro]);
    expect(patch.find((p) => p.regionId === 'r1')?.declarations['font-weight']).toBe('700');
  });

  it('uses only allow-listed properties, and colours only where text fails AA, on a 1,000-region page', () => {
    const regions = syntheticRegions(1000);
    const patch = toCssPatch(restage(regions, [], { width: 1280, height: 800 }).blueprint, regions);
    const properties = new Set(patch.flatMap((p) => Object.keys(p.declarations)));
    expect([...properties].every((p) => (ALLOWED_CSS_PROPERTIES as readonly string[]).includes(p))).toBe(
      true,
    );
    const byId = new Map(regions.map((r) => [r.id, r]));
    const recoloured = patch.filter((p) => p.declarations.color).map((p) => byId.get(p.regionId)!);
    // The synthetic page's failures: white on #999999 buttons (2.85:1), #888888 captions (3.54:1).
    expect(recoloured.length).toBeGreaterThan(0);
    for (const region of recoloured) {
      expect(['rgba(255, 255, 255, 1)', 'rgba(136, 136, 136, 1)']).toContain(region.style.color);
    }
  });
});

describe('toCssPatch on text hidden at font-size 0', () => {
  it('leaves it unsized, so the preview never reveals it', () => {
    // Image replacement: a link whose text is set at font-size 0 over a logo.
    const hidden = button('r1', { tag: 'a', text: 'View in iTunes', style: { fontSize: 0 } });
    const heading0 = heading('r2', 2, 0);
    const patch = toCssPatch(blueprint('primary', ['r1', 'r2', 'r3']), [
      hidden,
      heading0,
      region('r3', { box: { y: 100 } }),
    ]);
    expect(patch.flatMap((p) => (p.declarations['font-size'] ? [p.regionId] : []))).toEqual([]);
  });
});

describe('parsePatch', () => {
  it('keeps only what the entry set', () => {
    expect(parsePatch([{ regionId: 'r1', declarations: { 'font-size': '20px' } }])).toEqual([
      { regionId: 'r1', declarations: { 'font-size': '20px' } },
    ]);
  });

  it('rejects unsafe values, unknown properties and bad ids', () => {
    expect(() => parsePatch([{ regionId: 'r1', declarations: { 'max-width': 'url(x)' } }])).toThrow(/url\(/);
    const display = { display: 'none' } as unknown as { 'font-size': string };
    expect(() => parsePatch([{ regionId: 'r1', declarations: display }])).toThrow(/display/);
    expect(() => parsePatch([{ regionId: 'x1', declarations: {} }])).toThrow(/region ids/);
  });
});
