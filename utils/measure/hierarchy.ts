/**
 * Hierarchy: whether the page's most important things look most important. Heading levels
 * should not invert visually, the first screen should have one clear primary, and the main
 * call to action should lead (./primaryAction.ts). Weights come from ./weight.ts and are
 * heuristic, so confidence stays moderate.
 */
import type { Region } from '@/utils/schemas';
import type { MeasuredDraft } from './rules';
import { fixed, listIds, px } from './format';
import { screenOf, structuralIds, type ViewportSize } from './layout';
import { primaryActionFindings } from './primaryAction';
import { visualWeights } from './weight';

type Draft = MeasuredDraft;

const headingLabel = (r: Region) =>
  `h${r.headingLevel} ${r.id} ${px(r.style.fontSize)} ${r.style.fontWeight}`;

/** A lower-level heading (h3) rendered larger than, or as large and heavier than, a higher one (h2). */
function outranks(lower: Region, higher: Region): boolean {
  const dSize = lower.style.fontSize - higher.style.fontSize;
  return dSize > 0.5 || (Math.abs(dSize) <= 0.5 && lower.style.fontWeight > higher.style.fontWeight);
}

/**
 * One finding per heading level that visually outranks a more important level, reported against
 * the most important level it outranks (an h3 bigger than the h1 is named once, as such).
 */
export function headingInversions(regions: readonly Region[]): Draft[] {
  const byLevel = new Map<number, Region[]>();
  for (const r of regions) {
    if (r.kind !== 'heading' || r.headingLevel === null) continue;
    const level = byLevel.get(r.headingLevel) ?? [];
    level.push(r);
    byLevel.set(r.headingLevel, level);
  }
  const levels = [...byLevel.keys()].sort((a, b) => a - b);
  const weakest = (level: number) => (byLevel.get(level) ?? []).reduce((w, r) => (outranks(w, r) ? r : w));
  const findings: Draft[] = [];
  for (const low of levels) {
    const lows = byLevel.get(low) ?? [];
    for (const high of levels.filter((l) => l < low)) {
      const target = weakest(high);
      const offenders = lows.filter((r) => outranks(r, target));
      const strongest = offenders.reduce<Region | undefined>(
        (s, r) => (!s || outranks(r, s) ? r : s),
        undefined,
      );
      if (!strongest) continue;
      const ratio = strongest.style.fontSize / target.style.fontSize;
      findings.push({
        title: `h${low} heading${offenders.length === 1 ? ' outranks' : 's outrank'} an h${high}`,
        detail: `${headingLabel(strongest)} vs ${headingLabel(target)}; ${offenders.length} h${low} affected: ${listIds(offenders.map((r) => r.id))}`,
        severity: ratio > 1.2 ? 'major' : 'minor',
        category: 'hierarchy',
        basis: 'measured',
        rule: 'heading-inversion',
        regionIds: [target.id, ...offenders.map((r) => r.id)],
        // Small eyebrow headings are sometimes deliberate.
        confidence: 0.7,
      });
      break;
    }
  }
  return findings;
}

/** Two or more headings or controls in the first screen within 10% of the heaviest one there. */
export function competingPrimaries(
  regions: readonly Region[],
  viewport: ViewportSize,
  weights: Map<string, number>,
): Draft[] {
  const structural = structuralIds(regions);
  const candidates = regions
    .filter((r) => (r.kind === 'heading' || r.kind === 'control') && !structural.has(r.id))
    .filter((r) => screenOf(r.box, viewport) === 0)
    .map((r) => ({ region: r, weight: weights.get(r.id) ?? 0 }))
    .sort((a, b) => b.weight - a.weight);
  const top = candidates[0]?.weight ?? 0;
  if (top <= 0) return [];
  const rivals = candidates.filter((c) => c.weight >= top * 0.9);
  if (rivals.length < 2) return [];
  const kinds = new Set(rivals.map((c) => c.region.kind));
  const noun = kinds.size > 1 ? 'headings and controls' : kinds.has('heading') ? 'headings' : 'buttons';
  const spread = Math.round((1 - (rivals.at(-1)?.weight ?? top) / top) * 100);
  return [
    {
      title: 'Competing primaries in the first screen',
      detail: `${rivals.length} ${noun} within ${spread}% of top visual weight: ${rivals.map((c) => `${c.region.id} ${fixed(c.weight / top)}`).join(', ')}`,
      severity: rivals.length >= 3 ? 'major' : 'minor',
      category: 'hierarchy',
      basis: 'measured',
      rule: 'competing-primaries',
      regionIds: rivals.map((c) => c.region.id),
      confidence: 0.6,
    },
  ];
}

export function hierarchyFindings(
  regions: readonly Region[],
  viewport: ViewportSize,
  weights: Map<string, number> = visualWeights(regions),
): Draft[] {
  return [
    ...headingInversions(regions),
    ...competingPrimaries(regions, viewport, weights),
    ...primaryActionFindings(regions, viewport, weights),
  ];
}
