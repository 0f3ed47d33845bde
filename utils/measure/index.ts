/**
 * The offline critique engine: every measure over the page's regions, as findings with stable
 * ids (`contrast-1`, `hierarchy-2`, …) in a fixed order, so the same page gives the same list.
 */
import type { Finding, Region } from '@/utils/schemas';
import { contrastFindings } from './contrast';
import { densityFindings } from './density';
import { hierarchyFindings } from './hierarchy';
import type { ViewportSize } from './layout';
import { spacingFindings } from './spacing';
import { targetFindings } from './targets';
import { typographyFindings } from './typography';
import { visualWeights } from './weight';

export type { ViewportSize } from './layout';

export function measure(regions: readonly Region[], viewport: ViewportSize): Finding[] {
  const weights = visualWeights(regions);
  const drafts = [
    ...contrastFindings(regions),
    ...hierarchyFindings(regions, viewport, weights),
    ...typographyFindings(regions),
    ...spacingFindings(regions),
    ...targetFindings(regions),
    ...densityFindings(regions, viewport),
  ];
  const known = new Set(regions.map((r) => r.id));
  const counters = new Map<string, number>();
  return drafts.map((draft) => {
    const n = (counters.get(draft.category) ?? 0) + 1;
    counters.set(draft.category, n);
    return {
      id: `${draft.category}-${n}`,
      ...draft,
      regionIds: draft.regionIds.filter((id) => known.has(id)),
    };
  });
}
