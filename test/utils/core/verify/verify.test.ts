import { describe, expect, it } from 'vitest';
import { measure } from '@/utils/core/measure';
import { score } from '@/utils/core/measure/score';
import { restage } from '@/utils/core/plan/restage';
import { type Region } from '@/utils/core/schemas/region';
import { Verify } from '@/utils/core/schemas/verify';
import { verify } from '@/utils/core/verify/verify';
import { WHITE, button, heading, region, rgba } from '@/test/fixtures/regions';

const viewport = { width: 1280, height: 800 };

/** A small landing page: a title with a pale call to action, and a second section. */
function page(overrides: Record<string, Partial<Region>> = {}): Region[] {
  const regions = [
    heading('r1', 1, 40, { box: { x: 40, y: 40, width: 800, height: 48 } }),
    region('r2', { text: 'Backups for every laptop', box: { x: 40, y: 100, width: 800, height: 24 } }),
    button('r3', {
      text: 'Start free trial',
      box: { x: 40, y: 140, width: 140, height: 40 },
      style: { color: rgba('#a9b4c2'), background: rgba('#e9eef5') },
    }),
    heading('r4', 2, 28, { box: { x: 40, y: 300, width: 800, height: 34 } }),
    region('r5', { text: 'Restores in an afternoon', box: { x: 40, y: 350, width: 800, height: 24 } }),
  ];
  return regions.map((r) => ({ ...r, ...overrides[r.id], style: { ...r.style, ...overrides[r.id]?.style } }));
}

function critique(regions: Region[]) {
  const findings = measure(regions, viewport);
  return {
    regions,
    findings,
    score: score(findings),
    blueprint: restage(regions, findings, viewport).blueprint,
  };
}

describe('verify', () => {
  const before = critique(page());

  it('reports the fixed contrast finding as resolved, and the score before and after', () => {
    expect(before.findings.map((f) => f.rule)).toContain('wcag-1.4.3');
    const fixed = page({
      r3: { style: { ...page()[2]!.style, color: WHITE, background: rgba('#0a66c2'), contrast: 5.7 } },
    });
    const result = verify(before, { ...critique(fixed), blueprint: null });
    expect(Verify.parse(result)).toEqual(result);
    expect(result.resolved.map((f) => f.rule)).toContain('wcag-1.4.3');
    expect(result.still.map((f) => f.rule)).not.toContain('wcag-1.4.3');
    expect(result.scoreAfter).toBeGreaterThan(result.scoreBefore);
    expect(result.matched).toMatchObject({ before: 5, after: 5, byKey: 5, unmatched: [] });
    expect(result.intents.find((i) => i.intent === 'contrast')).toMatchObject({ met: true });
  });

  it('reports a problem the change introduced as new, and the unmet intents with reasons', () => {
    // The second heading grows past the first: an inversion, and two competing primaries.
    const worse = page({ r4: { style: { ...page()[3]!.style, fontSize: 41 } } });
    const result = verify(before, critique(worse));
    expect(result.new.map((f) => f.rule)).toEqual(expect.arrayContaining(['heading-inversion']));
    const intents = Object.fromEntries(result.intents.map((i) => [i.intent, i]));
    expect(intents['one-primary']).toMatchObject({ met: false });
    expect(intents['one-primary']?.reason).toMatch(/r1, r4|r4, r1/);
    expect(intents.contrast).toMatchObject({ met: false, reason: '1 regions still below WCAG AA (1.4.3)' });
    expect(intents['emphasis-order']).toMatchObject({ met: false });
  });

  it('checks grouping against where the regions were, and says which moved in', () => {
    const moved = page({ r5: { box: { x: 40, y: 110, width: 800, height: 24 } } });
    const grouping = verify(before, critique(moved)).intents.find((i) => i.intent === 'grouping');
    expect(grouping).toMatchObject({ met: false });
    expect(grouping?.reason).toContain('r5 moved in');
    expect(verify(before, critique(page())).intents.find((i) => i.intent === 'grouping')?.met).toBe(true);
  });

  it('cannot check the plan’s intents without a plan, and says so', () => {
    const result = verify({ ...before, blueprint: null }, critique(page()));
    expect(result.intents.filter((i) => i.met === null).map((i) => i.intent)).toEqual([
      'emphasis-order',
      'grouping',
    ]);
  });
});
