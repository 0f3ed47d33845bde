/**
 * Spacing: how many distinct vertical gaps the page uses, edges that almost align, and groups
 * whose inner gaps are as large as the gaps between them (Gestalt proximity: what is close reads
 * as related). Thresholds are design practice, not WCAG.
 */
import type { Region } from '@/utils/core/schemas/region';
import type { MeasuredDraft } from '@/utils/core/measure/rules';
import { listIds, px } from '@/utils/core/measure/format';
import { bottom, overlapsHorizontally } from '@/utils/core/measure/layout';

type Draft = MeasuredDraft;

/** A 4 or 8 px system rarely needs more than eight steps (4, 8, 12, 16, 24, 32, 48, 64). */
const MAX_GAPS = 8;

export interface Gap {
  above: string;
  below: string;
  px: number;
}

function childrenByParent(regions: readonly Region[]): Map<string | null, Region[]> {
  const groups = new Map<string | null, Region[]>();
  for (const r of regions) {
    if (r.flags.fixed) continue;
    const siblings = groups.get(r.parentId) ?? [];
    siblings.push(r);
    groups.set(r.parentId, siblings);
  }
  return groups;
}

export function gapsWithin(siblings: readonly Region[]): Gap[] {
  const stacked = [...siblings].sort((a, b) => a.box.y - b.box.y || a.box.x - b.box.x);
  const gaps: Gap[] = [];
  for (let i = 1; i < stacked.length; i++) {
    const [above, below] = [stacked[i - 1], stacked[i]];
    if (!above || !below || !overlapsHorizontally(above.box, below.box)) continue;
    const gap = Math.round(below.box.y - bottom(above.box));
    if (gap >= 0) gaps.push({ above: above.id, below: below.id, px: gap });
  }
  return gaps;
}

/** Vertical gaps between consecutive stacked siblings (same parent), rounded to whole px. */
export function siblingGaps(regions: readonly Region[]): Gap[] {
  return [...childrenByParent(regions).values()].flatMap(gapsWithin);
}

function distinctGaps(regions: readonly Region[]): Draft[] {
  const gaps = siblingGaps(regions).filter((g) => g.px > 0);
  const values = [...new Set(gaps.map((g) => g.px))].sort((a, b) => a - b);
  if (values.length <= MAX_GAPS) return [];
  const ids = [...new Set(gaps.flatMap((g) => [g.above, g.below]))];
  return [
    {
      title: 'Too many distinct spacing values',
      detail: `${values.length} distinct vertical gaps between siblings: ${values.join(', ')} px`,
      severity: 'minor',
      category: 'spacing',
      basis: 'measured',
      rule: 'spacing-values',
      regionIds: ids,
      confidence: 0.6,
    },
  ];
}

/**
 * Left edges 1–4 px off a line that at least two other regions share (and more regions than
 * share this edge), within one landmark.
 * Inline regions (inside a text region) follow the text flow and are left out.
 */
function nearMisses(regions: readonly Region[]): Draft[] {
  const byId = new Map(regions.map((r) => [r.id, r]));
  const blocks = regions.filter(
    (r) => !r.flags.fixed && r.box.width > 0 && byId.get(r.parentId ?? '')?.kind !== 'text',
  );
  const lines = new Map<string, Map<number, string[]>>();
  for (const r of blocks) {
    const edges = lines.get(r.landmark ?? '') ?? new Map<number, string[]>();
    const x = Math.round(r.box.x);
    const ids = edges.get(x) ?? [];
    ids.push(r.id);
    edges.set(x, ids);
    lines.set(r.landmark ?? '', edges);
  }
  const misses: string[] = [];
  const examples: string[] = [];
  for (const edges of lines.values()) {
    for (const [x, ids] of edges) {
      // The line to snap to: the most shared edge within 4px (ties to the nearer, then the left one).
      const line = [-1, 1, -2, 2, -3, 3, -4, 4]
        .map((d) => ({ x: x + d, ids: edges.get(x + d) ?? [] }))
        .filter(
          (l) => l.ids.length >= 2 && (l.ids.length > ids.length || (l.ids.length === ids.length && l.x < x)),
        )
        .reduce<{ x: number; ids: string[] } | undefined>(
          (best, l) => (!best || l.ids.length > best.ids.length ? l : best),
          undefined,
        );
      if (!line) continue;
      misses.push(...ids);
      examples.push(
        `${listIds(ids, 3)} at ${x}px, ${Math.abs(line.x - x)}px off the ${line.x}px edge of ${listIds(line.ids, 3)}`,
      );
    }
  }
  if (misses.length === 0) return [];
  return [
    {
      title: 'Edges that almost align',
      detail: `${examples.slice(0, 4).join('; ')}${examples.length > 4 ? `; and ${examples.length - 4} more` : ''}`,
      severity: 'minor',
      category: 'spacing',
      basis: 'measured',
      rule: 'near-alignment',
      regionIds: misses,
      confidence: 0.6,
    },
  ];
}

/** Groups (a parent's children) stacked under one grandparent whose inner gap is at least the gap between them. */
function proximity(regions: readonly Region[]): Draft[] {
  const children = childrenByParent(regions);
  const groups = regions.filter((r) => (children.get(r.id)?.length ?? 0) >= 2);
  const findings: Draft[] = [];
  for (const siblings of childrenByParent(groups).values()) {
    for (const { above, below } of gapsWithin(siblings)) {
      const first = children.get(above) ?? [];
      const second = children.get(below) ?? [];
      const lastOfFirst = Math.max(...first.map((r) => bottom(r.box)));
      const between = Math.min(...second.map((r) => r.box.y)) - lastOfFirst;
      const inner = [...gapsWithin(first), ...gapsWithin(second)].sort((a, b) => b.px - a.px)[0];
      if (!inner || between < 0 || inner.px < between) continue;
      findings.push({
        title: 'Groups closer to each other than to their own items',
        detail: `gap inside ${inner.above}→${inner.below} ${px(inner.px)} >= gap between ${above} and ${below} ${px(between)}`,
        severity: 'minor',
        category: 'spacing',
        basis: 'measured',
        rule: 'proximity',
        regionIds: [above, below],
        // Borders or fills can separate groups where space does not; styles do not show borders.
        confidence: 0.5,
      });
    }
  }
  return findings;
}

export function spacingFindings(regions: readonly Region[]): Draft[] {
  return [...distinctGaps(regions), ...nearMisses(regions), ...proximity(regions)];
}
