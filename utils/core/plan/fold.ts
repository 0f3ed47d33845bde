/**
 * The height of a screen, for code that has a page's regions but not the viewport they were
 * taken in (a saved critique, the plan stage). Extraction flags a region above the fold when
 * it starts within the first viewport height, so the first region it does not flag starts at
 * or below that height, and the last one it flags starts above it. With every region above the
 * fold, the viewport is at least as tall as the page: 800 px, the CLI's default, or more.
 */
import type { Region } from '@/utils/core/schemas/region';

export function foldOf(regions: readonly Region[]): number {
  const below = regions.filter((r) => !r.flags.aboveFold).map((r) => r.box.y);
  const above = regions.filter((r) => r.flags.aboveFold).map((r) => r.box.y + 1);
  if (below.length === 0) return Math.max(800, ...above);
  return Math.max(Math.min(...below), ...above);
}
