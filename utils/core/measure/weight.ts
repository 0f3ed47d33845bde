/**
 * Visual weight: how strongly a region pulls the eye, a heuristic for hierarchy checks.
 *
 *   weight = S × F × C × A, then divided by the page's heaviest region (which becomes 1.00)
 *   S = (fontSize / 16)²         size dominates: glyph ink grows with the square of the size
 *   F = fontWeight / 400         bold (700) counts 1.75× regular
 *   C = ln(contrast) / ln(21)    0 for invisible (1:1), 1 for black on white (21:1), at least 0.05;
 *                                the region's measured contrast, else its colors', else 4.5:1;
 *                                for a region painting its own fill, the larger of its text contrast
 *                                and its fill's contrast against the surroundings
 *   A = 1 + log10(1 + ink / (20 × fontSize²))
 *                                area helps, with diminishing returns; ink is the whole box for a
 *                                filled region and a quarter of it for bare text, measured in units
 *                                of a 20 em² label so a big font is not counted twice
 *
 * Media use S = F = C = 1 and their whole box as ink. Structural containers (./layout.ts) weigh 0:
 * their children carry the ink.
 */
import type { Region } from '@/utils/core/schemas/region';
import {
  contrastRatio,
  parseColor,
  textContrast,
  WHITE,
  composite,
  type Rgba,
} from '@/utils/core/measure/color';
import { structuralIds } from '@/utils/core/measure/layout';

/** The effective background covering the most area: what a top-level region sits on. */
export function pageBackground(regions: readonly Region[]): string {
  const areas = new Map<string, number>();
  for (const r of regions) {
    areas.set(r.style.background, (areas.get(r.style.background) ?? 0) + r.box.width * r.box.height);
  }
  let best = 'rgba(255, 255, 255, 1)';
  let most = 0;
  for (const [background, area] of areas) if (area > most) [best, most] = [background, area];
  return best;
}

function opaque(css: string): Rgba | null {
  const color = parseColor(css);
  return color ? composite(color, WHITE) : null;
}

/** Contrast of a region's own fill against what surrounds it; 1 when it paints no fill of its own. */
export function fillContrast(region: Region, surroundings: string): number {
  if (region.style.backgroundKind !== 'solid') return 1;
  const fill = opaque(region.style.background);
  const around = opaque(surroundings);
  return fill && around ? contrastRatio(fill, around) : 1;
}

/** What a region sits on: its parent's effective background, or the page's. */
export function surroundingsOf(region: Region, byId: ReadonlyMap<string, Region>, page: string): string {
  return (region.parentId && byId.get(region.parentId)?.style.background) || page;
}

/** Below 1.1:1 a fill is indistinguishable from its surroundings. */
export const isFilled = (region: Region, surroundings: string) => fillContrast(region, surroundings) >= 1.1;

export function rawWeight(region: Region, surroundings: string): number {
  const area = region.box.width * region.box.height;
  if (region.kind === 'media') return 1 + Math.log10(1 + area / (20 * 16 * 16));
  const size = Math.max(1, region.style.fontSize);
  const text =
    region.style.contrast ?? textContrast(region.style.color, region.style.background)?.ratio ?? 4.5;
  const fill = fillContrast(region, surroundings);
  const filled = isFilled(region, surroundings);
  const s = (size / 16) ** 2;
  const f = region.style.fontWeight / 400;
  const c = Math.max(0.05, Math.log(Math.max(text, filled ? fill : 1)) / Math.log(21));
  const ink = filled ? area : area / 4;
  const a = 1 + Math.log10(1 + ink / (20 * size * size));
  return s * f * c * a;
}

/** Normalized visual weights by region id: the heaviest region is 1, containers are 0. */
export function visualWeights(regions: readonly Region[]): Map<string, number> {
  // measure, restage and the CSS patch all ask for the same page's weights.
  let weights = computed.get(regions);
  if (!weights) computed.set(regions, (weights = computeWeights(regions)));
  return weights;
}

const computed = new WeakMap<readonly Region[], Map<string, number>>();

function computeWeights(regions: readonly Region[]): Map<string, number> {
  const structural = structuralIds(regions);
  const byId = new Map(regions.map((r) => [r.id, r]));
  const page = pageBackground(regions);
  const raw = regions.map((r): [string, number] => [
    r.id,
    structural.has(r.id) || (r.kind === 'container' && r.text === '')
      ? 0
      : rawWeight(r, surroundingsOf(r, byId, page)),
  ]);
  const top = raw.reduce((max, [, w]) => Math.max(max, w), 0);
  return new Map(raw.map(([id, w]) => [id, top > 0 ? w / top : 0]));
}
