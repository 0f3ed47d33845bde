import { describe, expect, it } from 'vitest';
import type { Finding } from '@/utils/schemas';
import { SCORE_WEIGHTS, score } from '@/utils/measure/score';

const finding = (category: Finding['category'], severity: Finding['severity'], confidence = 1): Finding => ({
  id: `${category}-1`,
  title: 't',
  detail: '',
  severity,
  category,
  basis: 'measured',
  regionIds: [],
  confidence,
});

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
});
