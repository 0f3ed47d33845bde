import { describe, expect, it } from 'vitest';
import { contrastRatio, parseColor } from '@/utils/core/measure/color';
import { rawWeight, visualWeights } from '@/utils/core/measure/weight';
import { WHITE, heading, region, rgba } from '@/test/fixtures/regions';

const ratio = (a: string, b: string) => contrastRatio(parseColor(a)!, parseColor(b)!);

describe('rawWeight', () => {
  it('scores 16px regular black text on white by the documented formula', () => {
    // S = 1, F = 1, C = 1, A = 1 + log10(1 + (400 × 24 / 4) / (20 × 16²)) = 1.16695
    expect(rawWeight(region('r1'), WHITE)).toBeCloseTo(1.16695, 5);
  });

  it('counts bold as 1.75× regular, and four times the size (squared) for 32px text in the same box', () => {
    const regular = rawWeight(region('r1'), WHITE);
    expect(rawWeight(region('r1', { style: { fontWeight: 700 } }), WHITE) / regular).toBeCloseTo(1.75, 10);
    const big = rawWeight(region('r1', { style: { fontSize: 32 } }), WHITE);
    // S = 4; A = 1 + log10(1 + 2400 / 20480)
    expect(big).toBeCloseTo(4 * (1 + Math.log10(1 + 2400 / 20480)), 5);
  });

  it('gives invisible text almost no weight', () => {
    const invisible = region('r1', { style: { color: WHITE } });
    expect(rawWeight(invisible, WHITE)).toBeCloseTo(0.05 * 1.16695, 5);
  });

  it('counts the whole box of a filled region and the larger of text and fill contrast', () => {
    const filled = region('r1', { box: { width: 120, height: 40 }, style: { background: rgba('#ccc') } });
    const c = Math.log(ratio(rgba('#000'), rgba('#ccc'))) / Math.log(21);
    expect(rawWeight(filled, WHITE)).toBeCloseTo(c * (1 + Math.log10(1 + 4800 / 5120)), 5);
  });
});

describe('visualWeights', () => {
  it('normalizes so the heaviest region is 1 and structure weighs 0', () => {
    const card = region('r1', { kind: 'container', tag: 'section', text: '' });
    const title = heading('r2', 1, 48, { parentId: 'r1', box: { width: 800, height: 60 } });
    const body = region('r3', { parentId: 'r1' });
    const weights = visualWeights([card, title, body]);
    expect(weights.get('r1')).toBe(0);
    expect(weights.get('r2')).toBe(1);
    // h1: 9 × 1.75 × 1 × (1 + log10(1 + 12000 / 46080)) = 17.51; body: 1.16695
    expect(weights.get('r3')).toBeCloseTo(1.16695 / (15.75 * (1 + Math.log10(1 + 12000 / 46080))), 5);
  });

  it('is all zeros for an empty or blank page', () => {
    expect(visualWeights([]).size).toBe(0);
  });
});
