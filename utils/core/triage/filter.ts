import type { Finding } from '@/utils/core/schemas/finding';
import type { Region } from '@/utils/core/schemas/region';

export const SEVERITIES: Finding['severity'][] = ['critical', 'major', 'minor', 'info'];

/** Which findings the list shows: null in a field means any. */
export interface FindingFilter {
  category: Finding['category'] | null;
  severity: Finding['severity'] | null;
  basis: Finding['basis'] | null;
}

export const ANY: FindingFilter = { category: null, severity: null, basis: null };

export type FindingSort = 'severity' | 'position';

export function filterFindings(findings: readonly Finding[], filter: FindingFilter): Finding[] {
  return findings.filter(
    (f) =>
      (filter.category === null || f.category === filter.category) &&
      (filter.severity === null || f.severity === filter.severity) &&
      (filter.basis === null || f.basis === filter.basis),
  );
}

/**
 * Worst first (ties keep the engine's order), or by place on the page: the top of the
 * finding's highest region, then its left edge. Findings about the whole page (no region on
 * the page) come last, worst first.
 */
export function sortFindings(
  findings: readonly Finding[],
  by: FindingSort,
  regions: readonly Region[],
): Finding[] {
  const bySeverity = (a: Finding, b: Finding) =>
    SEVERITIES.indexOf(a.severity) - SEVERITIES.indexOf(b.severity);
  if (by === 'severity') return [...findings].sort(bySeverity);
  const boxes = new Map(regions.map((r) => [r.id, r.box]));
  const place = (f: Finding) => {
    const found = f.regionIds.flatMap((id) => boxes.get(id) ?? []);
    if (found.length === 0) return null;
    return found.reduce((top, box) => (box.y < top.y || (box.y === top.y && box.x < top.x) ? box : top));
  };
  const placed = new Map(findings.map((f) => [f, place(f)]));
  return [...findings].sort((a, b) => {
    const pa = placed.get(a);
    const pb = placed.get(b);
    if (!pa || !pb) return pa ? -1 : pb ? 1 : bySeverity(a, b);
    return pa.y - pb.y || pa.x - pb.x || bySeverity(a, b);
  });
}

/** The values present, in a fixed order, for a filter's choices. */
export function present<K extends keyof FindingFilter>(
  findings: readonly Finding[],
  key: K,
  order: readonly NonNullable<FindingFilter[K]>[],
): NonNullable<FindingFilter[K]>[] {
  const seen = new Set<unknown>(findings.map((f) => f[key]));
  return order.filter((value) => seen.has(value));
}
