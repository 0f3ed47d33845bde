/**
 * Hierarchy: whether the page's most important things look most important. Heading levels
 * should not invert visually or skip, the first screen should have one clear primary, and the main
 * call to action should lead (./primaryAction.ts). Weights come from ./weight.ts and are
 * heuristic, so confidence stays moderate.
 */
import type { Region } from '@/utils/core/schemas/region';
import type { MeasuredDraft } from '@/utils/core/measure/rules';
import { fixed, listIds, px } from '@/utils/core/measure/format';
import { readingIndex, screenOf, structuralIds, type ViewportSize } from '@/utils/core/measure/layout';
import { primaryActionFindings } from '@/utils/core/measure/primaryAction';
import { visualWeights } from '@/utils/core/measure/weight';

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

/**
 * Heading levels that skip (an h2 followed by an h4) in document order: the outline a screen
 * reader user moves through then has a gap, and sighted readers lose the nesting the levels
 * promise. The same test as axe-core's `heading-order` rule: each heading after the first may
 * be at most one level deeper than the one before it. A best practice, not a WCAG failure
 * (it bears on 1.3.1 Info and Relationships), so it is minor.
 */
export function headingOrder(regions: readonly Region[]): Draft[] {
  const headings = regions
    .filter((r) => r.kind === 'heading' && r.headingLevel !== null)
    .sort((a, b) => (a.domOrder ?? readingIndex(a.id)) - (b.domOrder ?? readingIndex(b.id)));
  const skips = headings.flatMap((h, i) => {
    const before = headings[i - 1];
    return before && h.headingLevel! - before.headingLevel! > 1 ? [{ h, before }] : [];
  });
  if (skips.length === 0) return [];
  return [
    {
      title: skips.length === 1 ? 'Heading level skipped' : `${skips.length} heading levels skipped`,
      detail: skips
        .map(({ h, before }) => `h${before.headingLevel} ${before.id} → h${h.headingLevel} ${h.id}`)
        .join(', '),
      severity: 'minor',
      category: 'hierarchy',
      basis: 'measured',
      rule: 'heading-order',
      regionIds: skips.map(({ h }) => h.id),
      confidence: 0.9,
    },
  ];
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
    ...headingOrder(regions),
    ...competingPrimaries(regions, viewport, weights),
    ...primaryActionFindings(regions, viewport, weights),
  ];
}
