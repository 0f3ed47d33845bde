import { describe, expect, it } from 'vitest';
import { measure } from '@/utils/core/measure';
import { Finding } from '@/utils/core/schemas/finding';
import { button, heading, region, rgba, syntheticRegions } from '@/test/fixtures/regions';

const viewport = { width: 1280, height: 800 };

const page = [
  heading('r1', 2, 20),
  heading('r2', 3, 28, { box: { y: 40 } }),
  region('r3', { box: { y: 100 }, style: { color: rgba('#999') } }),
  button('r4', { text: '', box: { y: 200, width: 16, height: 16 } }),
  button('r5', { text: '', box: { x: 18, y: 200, width: 16, height: 16 } }),
  region('r6', { box: { y: 300 }, style: { backgroundKind: 'image/gradient', contrast: null } }),
];

describe('measure', () => {
  it('returns schema-valid, measured findings with stable ids per category', () => {
    const findings = measure(page, viewport);
    for (const f of findings) expect(Finding.parse(f)).toEqual(f);
    expect(findings.every((f) => f.basis === 'measured')).toBe(true);
    expect(findings.map((f) => [f.id, f.rule])).toEqual([
      ['contrast-1', 'wcag-1.4.3'],
      ['contrast-2', 'needs-review:wcag-1.4.3'],
      ['hierarchy-1', 'heading-inversion'],
      ['targets-1', 'wcag-2.5.8'],
    ]);
  });

  it('finds nothing to say about an empty page', () => {
    expect(measure([], viewport)).toEqual([]);
  });

  it('is deterministic', () => {
    expect(measure(page, viewport)).toEqual(measure(page, viewport));
  });

  it('runs on 1,000 synthetic regions and names only regions that exist', () => {
    const regions = syntheticRegions(1000);
    expect(regions).toHaveLength(1000);
    const findings = measure(regions, viewport);
    const ids = new Set(regions.map((r) => r.id));
    expect(findings.length).toBeGreaterThan(0);
    expect(new Set(findings.map((f) => f.id)).size).toBe(findings.length);
    for (const f of findings) {
      expect(Finding.safeParse(f).success).toBe(true);
      expect(f.regionIds.every((id) => ids.has(id))).toBe(true);
    }
  });
});

describe('every measured finding names its rule', () => {
  it('on a long synthetic page and a small broken one', () => {
    const findings = [...measure(syntheticRegions(200), viewport), ...measure(page, viewport)];
    const rules = new Set(findings.map((f) => f.rule));
    expect(rules.has(undefined)).toBe(false);
    // Rules are stable names, not sentences: lower case words and numbers joined by - . :
    for (const rule of rules) expect(rule).toMatch(/^[a-z0-9.:-]+$/);
  });
});
