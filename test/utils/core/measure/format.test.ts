import { describe, expect, it } from 'vitest';
import { listIds, px, ratioText } from '@/utils/core/measure/format';

describe('finding detail formatting', () => {
  it('shows ratios to two decimals', () => {
    expect(ratioText(4.4782)).toBe('4.48:1');
    expect(ratioText(21)).toBe('21.00:1');
  });

  it('never rounds a failing ratio up to its threshold', () => {
    expect(ratioText(4.4996, 4.5)).toBe('4.499:1');
    expect(ratioText(2.9999, 3)).toBe('2.999:1');
    expect(ratioText(4.5, 4.5)).toBe('4.50:1');
  });

  it('keeps long id lists short and px values to one decimal', () => {
    expect(listIds(['r1', 'r2', 'r3'], 2)).toBe('r1, r2 and 1 more');
    expect(listIds(['r1', 'r2'])).toBe('r1, r2');
    expect(px(18.6667)).toBe('18.7px');
    expect(px(16)).toBe('16px');
  });
});
