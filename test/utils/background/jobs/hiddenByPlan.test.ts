import { describe, expect, it } from 'vitest';
import { hiddenByPlan } from '@/utils/background/jobs/stages/preview';

describe('hiddenByPlan', () => {
  it('names the hidden regions and the declarations behind them, a nested region by its patched parent', () => {
    const sentence = hiddenByPlan(
      [
        { regionId: 'r4', reason: 'off-screen' },
        { regionId: 'r5', reason: 'clipped by an overflow ancestor' },
      ],
      [{ regionId: 'r4', declarations: { 'margin-top': '400px', 'font-weight': '700' } }],
      [
        { id: 'r4', parentId: null },
        { id: 'r5', parentId: 'r4' },
      ],
    );
    expect(sentence).toBe(
      'The plan was rejected: it hides r4 (off-screen), r5 (clipped by an overflow ancestor) through r4 { margin-top: 400px; font-weight: 700 }; the page is back as it was.',
    );
  });
});
