import { describe, expect, it } from 'vitest';
import { charsPerLine, primaryFamily, typographyFindings } from '@/utils/core/measure/typography';
import { heading, region } from '@/test/fixtures/regions';

const body = region('r1', { text: 'Body '.repeat(40) });
const titled = (sizes: number[]) => sizes.map((s, i) => heading(`r${i + 2}`, 2, s));

describe('off-scale sizes', () => {
  it('reports off-scale sizes with the scale it measured against', () => {
    const finding = typographyFindings([body, ...titled([20, 22, 25, 31.25])]).find((f) =>
      f.title.includes('off the type scale'),
    );
    expect(finding).toMatchObject({
      regionIds: ['r3'],
      detail: '1 of 5 sizes are off the closest scale (16px × 1.25): 22px (r3)',
    });
  });
});

describe('distinct sizes, weights and families', () => {
  it('flags more than six sizes and names the rarest users', () => {
    const page = [
      body,
      region('r2'),
      ...[12, 13, 14, 18, 20, 24, 28].map((s, i) => region(`r${i + 3}`, { style: { fontSize: s } })),
    ];
    const finding = typographyFindings(page).find((f) => f.title === 'Too many font sizes');
    expect(finding?.detail).toBe(
      '8 sizes, at most 6 read as a system: 16px (2), 12px (1), 13px (1), 14px (1), 18px (1), 20px (1), 24px (1), 28px (1)',
    );
    expect(finding?.regionIds).toEqual(['r8', 'r9']);
  });

  it('flags more than three weights', () => {
    const page = [300, 400, 600, 700].map((w, i) => region(`r${i + 1}`, { style: { fontWeight: w } }));
    expect(typographyFindings(page).some((f) => f.title === 'Too many font weights')).toBe(true);
    expect(typographyFindings(page.slice(0, 3)).some((f) => f.title === 'Too many font weights')).toBe(false);
  });

  it('flags three families by their first choice in the stack', () => {
    expect(primaryFamily('"Helvetica Neue", Arial, sans-serif')).toBe('helvetica neue');
    const page = ['Arial, sans-serif', '"Times New Roman", serif', 'Georgia'].map((f, i) =>
      region(`r${i + 1}`, { style: { fontFamily: f } }),
    );
    expect(typographyFindings(page).find((f) => f.title === 'Too many font families')?.detail).toBe(
      '3 families, at most 2 read as a system: arial (1), times new roman (1), georgia (1)',
    );
    expect(typographyFindings(page.slice(0, 2)).some((f) => f.title === 'Too many font families')).toBe(
      false,
    );
  });
});

describe('line length and line height', () => {
  it('estimates characters per line at 0.5em per glyph, capped by the text length', () => {
    const wide = region('r1', { text: 'x'.repeat(300), box: { width: 960, height: 72 } });
    expect(charsPerLine(wide)).toBe(120);
    expect(charsPerLine(region('r2', { text: 'x'.repeat(50), box: { width: 960 } }))).toBe(50);
  });

  it('flags lines over 90 characters and says it is an estimate', () => {
    const wide = region('r1', { text: 'x'.repeat(300), box: { width: 960, height: 72 } });
    const narrow = region('r2', { text: 'x'.repeat(300), box: { width: 600, height: 120 } });
    const finding = typographyFindings([wide, narrow]).find((f) => f.title.startsWith('Lines too long'));
    expect(finding?.regionIds).toEqual(['r1']);
    expect(finding?.detail).toBe(
      'estimated characters per line, from box width at 0.5em per glyph: r1 ~120 (960px at 16px)',
    );
  });

  it('flags wrapped body text set tighter than 1.3, and "normal" with less confidence', () => {
    const tight = region('r1', { style: { lineHeight: 18 }, box: { height: 54 } });
    const normal = region('r2', { style: { lineHeight: null }, box: { height: 58 } });
    const airy = region('r3', { style: { lineHeight: 24 }, box: { height: 72 } });
    const oneLine = region('r4', { style: { lineHeight: 18 }, box: { height: 18 } });
    const finding = typographyFindings([tight, normal, airy, oneLine]).find((f) =>
      f.title.startsWith('Body line height'),
    );
    expect(finding).toMatchObject({
      regionIds: ['r1', 'r2'],
      detail: 'line-height / font-size: r1 1.13, r2 normal (~1.2)',
      confidence: 0.8,
    });
    expect(typographyFindings([normal]).find((f) => f.title.startsWith('Body line height'))?.confidence).toBe(
      0.5,
    );
  });
});
