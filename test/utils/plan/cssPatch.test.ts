import { describe, expect, it } from 'vitest';
import { parsePatch, toCssPatch } from '@/utils/plan/cssPatch';
import { restage } from '@/utils/plan/restage';
import { ALLOWED_CSS_PROPERTIES, type Blueprint } from '@/utils/schemas';
import { WHITE, button, heading, region, rgba, syntheticRegions } from '../../fixtures/regions';

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
  it('sets headings on the scale: h1 four steps up, one more in a primary section', () => {
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
    expect(toCssPatch(blueprint('primary', ['r1']), [h1])[0]?.declarations['font-size']).toBe('49px');
    const h2 = heading('r1', 2, 20);
    expect(toCssPatch(blueprint('tertiary', ['r1']), [h2])[0]?.declarations['font-size']).toBe('25px');
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

  it("strengthens a primary section's heaviest control, padded on the spacing unit", () => {
    const cta = button('r1', { style: { fontSize: 14, color: WHITE, background: rgba('#0a66c2') } });
    const other = button('r2', { style: { fontSize: 12 } });
    const intro = region('r3', { style: { lineHeight: 24 }, box: { width: 600, height: 24 } });
    expect(toCssPatch(blueprint('primary', ['r1', 'r2', 'r3'], 4), [cta, other, intro])).toEqual([
      {
        regionId: 'r1',
        declarations: {
          'font-weight': '700',
          'font-size': '16px',
          'padding-top': '12px',
          'padding-bottom': '12px',
          'padding-left': '24px',
          'padding-right': '24px',
        },
      },
    ]);
    expect(toCssPatch(blueprint('secondary', ['r1']), [cta])).toEqual([]);
  });

  it('uses only allow-listed properties and never sets a color, on a 1,000-region page', () => {
    const regions = syntheticRegions(1000);
    const patch = toCssPatch(restage(regions, [], { width: 1280, height: 800 }).blueprint, regions);
    const properties = new Set(patch.flatMap((p) => Object.keys(p.declarations)));
    expect([...properties].every((p) => (ALLOWED_CSS_PROPERTIES as readonly string[]).includes(p))).toBe(
      true,
    );
    expect(properties.has('color')).toBe(false);
    expect(properties.has('background-color')).toBe(false);
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
