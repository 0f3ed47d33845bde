/**
 * Modular type scales: sizes that grow by one ratio from a base (Tim Brown, "More Meaningful
 * Typography", https://alistapart.com/article/more-meaningful-typography/). The page's own
 * scale is fitted here, for the off-scale finding and for the restage.
 */
import type { Region } from '@/utils/core/schemas/region';
import { textRegions } from '@/utils/core/measure/layout';

/** A size is on the scale within 3% of a step (0.5px at least, for rounding). */
const SCALE_TOLERANCE = 0.03;

/** Ratios of the classic modular scales, major second (1.125) to golden section (1.618). */
export const SCALE_RATIOS = [1.125, 1.2, 1.25, 1.333, 1.414, 1.5, 1.618] as const;

/** The body size: the font size carrying the most characters. */
export function bodySize(regions: readonly Region[]): number {
  const chars = new Map<number, number>();
  for (const r of textRegions(regions)) {
    if (r.kind === 'text') chars.set(r.style.fontSize, (chars.get(r.style.fontSize) ?? 0) + r.textLength);
  }
  let best = 16;
  let most = 0;
  for (const [size, count] of chars)
    if (count > most || (count === most && size < best)) [best, most] = [size, count];
  return best;
}

export function onScale(size: number, base: number, ratio: number): boolean {
  const step = base * ratio ** Math.round(Math.log(size / base) / Math.log(ratio));
  return Math.abs(size - step) <= Math.max(0.5, SCALE_TOLERANCE * step);
}

export interface TypeScaleFit {
  base: number;
  ratio: number;
  sizes: number[];
  offScale: number[];
}

/**
 * The scale on the page's body size that fits the most text regions. Ties (a page with one or
 * two sizes fits several) go to the ratio nearest the common major third, 1.25.
 */
export function fitTypeScale(regions: readonly Region[]): TypeScaleFit {
  const base = bodySize(regions);
  const sizes = textRegions(regions).map((r) => r.style.fontSize);
  let ratio: number = SCALE_RATIOS[0];
  let fitted = -1;
  for (const candidate of SCALE_RATIOS) {
    const count = sizes.filter((s) => onScale(s, base, candidate)).length;
    const nearer = Math.abs(candidate - 1.25) < Math.abs(ratio - 1.25);
    if (count > fitted || (count === fitted && nearer)) [ratio, fitted] = [candidate, count];
  }
  const distinct = [...new Set(sizes)].sort((a, b) => a - b);
  return { base, ratio, sizes: distinct, offScale: distinct.filter((s) => !onScale(s, base, ratio)) };
}
