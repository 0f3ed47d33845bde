/**
 * The offline critique engine: every measure over the page's regions, as findings with stable
 * ids (`contrast-1`, `hierarchy-2`, …) in a fixed order, so the same page gives the same list.
 */
import type { Finding } from '@/utils/core/schemas/finding';
import type { Region } from '@/utils/core/schemas/region';
import { contrastFindings } from '@/utils/core/measure/contrast';
import { densityFindings } from '@/utils/core/measure/density';
import { hierarchyFindings } from '@/utils/core/measure/hierarchy';
import { textRegions, type ViewportSize } from '@/utils/core/measure/layout';
import { spacingFindings } from '@/utils/core/measure/spacing';
import { targetFindings } from '@/utils/core/measure/targets';
import { typographyFindings } from '@/utils/core/measure/typography';
import type { MeasuredDraft } from '@/utils/core/measure/rules';
import { visualWeights } from '@/utils/core/measure/weight';

export type { ViewportSize } from '@/utils/core/measure/layout';

export function measure(regions: readonly Region[], viewport: ViewportSize): Finding[] {
  const weights = visualWeights(regions);
  const drafts: MeasuredDraft[] = [
    ...contrastFindings(regions),
    ...hierarchyFindings(regions, viewport, weights),
    ...typographyFindings(regions),
    ...spacingFindings(regions),
    ...targetFindings(regions),
    ...densityFindings(regions, viewport),
  ];
  const known = new Set(regions.map((r) => r.id));
  const extent = extentOf(regions);
  const counters = new Map<string, number>();
  return drafts.map((draft) => {
    const n = (counters.get(draft.category) ?? 0) + 1;
    counters.set(draft.category, n);
    const regionIds = draft.regionIds.filter((id) => known.has(id));
    return { id: `${draft.category}-${n}`, ...draft, regionIds, extent: extent(regionIds) };
  });
}

/** A finding's share of the page: its regions' area over the area of every region with text. */
export function extentOf(regions: readonly Region[]): (ids: readonly string[]) => number {
  const area = (r: Region) => r.box.width * r.box.height;
  const byId = new Map(regions.map((r) => [r.id, r]));
  const total = textRegions(regions).reduce((sum, r) => sum + area(r), 0);
  return (ids) => {
    if (total === 0) return 0;
    const covered = ids.reduce((sum, id) => sum + (byId.has(id) ? area(byId.get(id)!) : 0), 0);
    return Math.min(1, Math.round((covered / total) * 1000) / 1000);
  };
}
