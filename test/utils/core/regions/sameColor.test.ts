import { describe, expect, it } from 'vitest';
import { textContrast } from '@/utils/core/measure/color';
import { isSameColor, SAME_COLOR_RATIO } from '@/utils/core/regions/sameColor';

const onWhite = (color: string) => textContrast(color, '#ffffff')!.ratio;

describe('text the colour of its background', () => {
  it('is text below 1.1:1: #fefefe (1.01:1) and #f5f5f5 (1.09:1) on white, not #eeeeee (1.16:1)', () => {
    expect(SAME_COLOR_RATIO).toBe(1.1);
    expect(onWhite('#fefefe')).toBeCloseTo(1.01, 2);
    expect(onWhite('#f5f5f5')).toBeCloseTo(1.09, 2);
    expect(onWhite('#eeeeee')).toBeCloseTo(1.16, 2);
    expect(isSameColor(onWhite('#ffffff'))).toBe(true);
    expect(isSameColor(onWhite('#fefefe'))).toBe(true);
    expect(isSameColor(onWhite('#f5f5f5'))).toBe(true);
    expect(isSameColor(onWhite('#eeeeee'))).toBe(false);
    expect(isSameColor(Infinity)).toBe(false);
  });
});
