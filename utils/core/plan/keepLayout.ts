/**
 * What a patch must not disturb around the regions it changes (issue 15, "a preview without
 * collateral damage"):
 *   - a block narrowed by `max-width` keeps its alignment: a centred one stays centred, a
 *     left-aligned one keeps its left edge with its siblings (which `max-width` alone does);
 *   - regions side by side in a row (card titles in a grid: same kind and role, same top edge)
 *     get the same change to what moves their edges, so none drops out of line.
 */
import { overlapsHorizontally } from '@/utils/core/measure/layout';
import type { Region } from '@/utils/core/schemas/region';
import type { Declarations } from '@/utils/core/plan/predict';

/** Boxes within this many px count as centred, or as sharing an edge. */
const SAME_EDGE = 2;

const centre = (r: Region) => r.box.x + r.box.width / 2;

/**
 * Whether a block is centred: its text is, or its box sits in the middle of its parent region
 * while no sibling starts at its left edge (a full-width block among full-width siblings is
 * left-aligned with them, not centred).
 */
export function isCentred(region: Region, parent: Region | undefined, siblings: readonly Region[]): boolean {
  if (region.style.textAlign === 'center') return true;
  if (!parent || region.box.width >= parent.box.width - 2 * SAME_EDGE) return false;
  if (Math.abs(centre(region) - centre(parent)) > SAME_EDGE) return false;
  return !siblings.some((s) => s.id !== region.id && Math.abs(s.box.x - region.box.x) <= SAME_EDGE);
}

/**
 * `max-width` keeps a block's start edge where it was and gives up the room at its end. For a
 * centred block, auto inline margins take that room on both sides, so it stays centred (CSS 2
 * §10.3.3: equal `auto` margins centre a block in its containing block).
 */
export function keepCentred(
  declarations: Declarations,
  region: Region,
  parent: Region | undefined,
  siblings: readonly Region[],
): Declarations {
  if (!declarations['max-width'] || !isCentred(region, parent, siblings)) return declarations;
  return { ...declarations, 'margin-left': 'auto', 'margin-right': 'auto' };
}

/**
 * What moves a box's edges or its height: one member of a row changed alone would leave its
 * siblings' line (a padded title drops below the others; a taller one, in a row whose items
 * are centred, rises above them).
 */
const ROW_PROPERTIES = [
  'margin-top',
  'margin-bottom',
  'padding-top',
  'padding-bottom',
  'font-size',
  'line-height',
] as const;
/** Sizes, unlike margins and padding, depend on the region's own: shared only between equals. */
const OWN_SIZE = new Set<string>(['font-size', 'line-height']);

/**
 * Rows: at least two regions of the same kind and role, with the same top edge (within 1 px),
 * side by side (no two share a column). Containers are left out: the row is their content's.
 */
export function rowsOf(regions: readonly Region[]): Region[][] {
  const groups = new Map<string, Region[]>();
  for (const r of regions) {
    if (r.kind === 'container' || r.box.width === 0 || r.box.height === 0) continue;
    const key = `${r.kind}|${r.role ?? ''}`;
    groups.set(key, [...(groups.get(key) ?? []), r]);
  }
  const rows: Region[][] = [];
  for (const group of groups.values()) {
    const sorted = [...group].sort((a, b) => a.box.y - b.box.y || a.box.x - b.box.x);
    let row: Region[] = [];
    const close = () => {
      if (row.length >= 2) rows.push(row);
      row = [];
    };
    for (const r of sorted) {
      if (row.length > 0 && Math.abs(r.box.y - row[0]!.box.y) > 1) close();
      row.push(r);
    }
    close();
  }
  // Side by side only: regions stacked in one column are a list, not a row.
  return rows.filter((row) =>
    row.every((a, i) => row.every((b, j) => i === j || !overlapsHorizontally(a.box, b.box))),
  );
}

const sizeOf = (r: Region, property: string) =>
  property === 'font-size' ? r.style.fontSize : (r.style.lineHeight ?? 1.2 * r.style.fontSize);

/**
 * The declarations that put each row back in line: where members of a row would get different
 * values of a ROW_PROPERTIES property, every member gets the value most of those changed get.
 * A size is shared only among members that had the same size (the same change); members of
 * another size keep their own planned value.
 */
export function alignRows(
  regions: readonly Region[],
  planned: (id: string) => Declarations | undefined,
): Map<string, Declarations> {
  const out = new Map<string, Declarations>();
  for (const row of rowsOf(regions)) {
    for (const property of ROW_PROPERTIES) {
      const sets = OWN_SIZE.has(property) ? bySize(row, property) : [row];
      for (const members of sets) {
        const values = members.map((r) => planned(r.id)?.[property]);
        if (members.length < 2 || values.every((v) => v === values[0])) continue;
        const value = mostCommon(values.filter((v): v is string => v !== undefined));
        if (value === undefined) continue;
        for (const r of members) out.set(r.id, { ...out.get(r.id), [property]: value });
      }
    }
  }
  return out;
}

function bySize(row: readonly Region[], property: string): Region[][] {
  const sets = new Map<number, Region[]>();
  for (const r of row) {
    const size = Math.round(sizeOf(r, property) * 10) / 10;
    sets.set(size, [...(sets.get(size) ?? []), r]);
  }
  return [...sets.values()];
}

function mostCommon(values: readonly string[]): string | undefined {
  const counts = new Map<string, number>();
  for (const v of values) counts.set(v, (counts.get(v) ?? 0) + 1);
  let best: string | undefined;
  for (const [v, n] of counts) if (best === undefined || n > counts.get(best)!) best = v;
  return best;
}
