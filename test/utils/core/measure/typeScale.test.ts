import { describe, expect, it } from 'vitest';
import { bodySize, fitTypeScale, onScale } from '@/utils/core/measure/typeScale';
import { heading, region } from '@/test/fixtures/regions';

const body = region('r1', { text: 'Body '.repeat(40) });
const titled = (sizes: number[]) => sizes.map((s, i) => heading(`r${i + 2}`, 2, s));

describe('type scale', () => {
  it('takes the body size from the size carrying the most characters', () => {
    expect(bodySize([body, region('r2', { text: 'tiny', style: { fontSize: 12 } })])).toBe(16);
    expect(bodySize([])).toBe(16);
  });

  it('finds the major third (1.25) in 16, 20, 25 and 31.25 px', () => {
    const fit = fitTypeScale([body, ...titled([20, 25, 31.25])]);
    expect(fit).toEqual({ base: 16, ratio: 1.25, sizes: [16, 20, 25, 31.25], offScale: [] });
  });

  it('names sizes off the scale', () => {
    expect(fitTypeScale([body, ...titled([20, 22, 25, 31.25])]).offScale).toEqual([22]);
    expect(onScale(31, 16, 1.25)).toBe(true);
    expect(onScale(22, 16, 1.25)).toBe(false);
  });

  it('breaks ties toward 1.25, since a page with one size fits every ratio', () => {
    expect(fitTypeScale([body]).ratio).toBe(1.25);
  });
});
