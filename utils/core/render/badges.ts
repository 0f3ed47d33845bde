/**
 * The numbered badges that label regions, shared by the overlay on the page, the panel's
 * screenshot, the report and `annotated.png`: one palette, and one rule for where a badge goes
 * (placeBadges), so the page and `annotated.png` put each number in the same place, and the
 * panel follows the same rule at its own size.
 *
 * A badge covers no text: not its own region's, nor a neighbour's (a badge above a box used to
 * land on the last line of the region above it). It takes the first free spot of a fixed list,
 * outside its box (above-left, above-right, left, right, below), then inside its own box's
 * corners when that box carries no text there. A spot is free when it overlaps no region's text
 * box, no badge placed before it, and stays within the picture. With no free spot near the box,
 * the badge moves outward in small steps and gets a leader line back to the box's edge. Only
 * where nothing is free within reach (text fills the picture, or a thumbnail too small for
 * its badges) is a badge drawn over text, where it covers least.
 */
import type { Box, Region, RegionKind } from '@/utils/core/schemas/region';
import { BoxGrid, overlapArea } from '@/utils/core/render/boxGrid';

export { overlapArea };

export const BADGE_COLORS = {
  /** Box outline and badge fill. */
  mark: '#3b5bdb',
  markLine: 'rgba(59, 91, 219, 0.9)',
  /** A region holding other regions: lighter than the leaves inside it (utils/core/render/marks.ts). */
  markContainer: 'rgba(59, 91, 219, 0.45)',
  /** A region no finding points at, unless all regions are shown. */
  markFaint: 'rgba(59, 91, 219, 0.22)',
  markText: '#ffffff',
  /** The hovered or selected region. */
  active: '#f59f00',
  activeText: '#1b1d21',
  activeFill: 'rgba(245, 159, 0, 0.12)',
} as const;

/** The same colors as CSS custom properties, for the overlay, the panel and the report. */
export const BADGE_CSS_VARS = Object.entries(BADGE_COLORS)
  .map(([name, value]) => `--restage-${name.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}: ${value};`)
  .join(' ');

/**
 * The room a badge needs in CSS pixels at scale 1: a 26 × 16 badge (11 px type on a 16 px
 * line, three digits) and 1 px of clear space around it.
 */
export const BADGE = { width: 28, height: 18 } as const;

export type BadgeSize = { width: number; height: number };

/** Near spots in the order they are tried; `far` is a spot found by the outward search. */
export type BadgeSpot =
  | 'above-left'
  | 'above-right'
  | 'left'
  | 'right'
  | 'below'
  | 'inside-top-left'
  | 'inside-top-right'
  | 'inside-bottom-left'
  | 'inside-bottom-right'
  | 'far'
  /** No room within reach: the near spot that covers the least, moved into the picture. */
  | 'cramped';

export interface Leader {
  /** On the badge's edge. */
  x1: number;
  y1: number;
  /** On the box's edge. */
  x2: number;
  y2: number;
}

export interface BadgePlace {
  rect: Box;
  spot: BadgeSpot;
  /** A line from a far badge back to its box; null when the badge touches its box. */
  leader: Leader | null;
}

/** The kinds whose regions show text even when `text` is empty (an unlabelled field, an icon button). */
const TEXT_KINDS = new Set<RegionKind>(['heading', 'text', 'control', 'field']);

/** Whether a region shows text of its own; containers carry none (Region.text in schemas.ts). */
export function carriesText(region: Pick<Region, 'kind' | 'text'>): boolean {
  return region.text.trim() !== '' || TEXT_KINDS.has(region.kind);
}

/**
 * Where a region's text may be drawn, in page CSS pixels: its box, grown by how far glyphs
 * reach past their line. A line box is `line-height` tall, but the text's own box is the font's
 * ascent plus descent (about 1.3 em for common faces, CSS Inline Layout 3, "inline box"), so a
 * heading set at `line-height: 1` paints above and below its element's box.
 */
export function textBox(region: Pick<Region, 'box' | 'style'>): Box {
  const { fontSize, lineHeight } = region.style;
  const spill = lineHeight === null ? 0 : Math.max(0, (1.3 * fontSize - lineHeight) / 2);
  const { x, y, width, height } = region.box;
  return { x, y: y - spill, width, height: height + 2 * spill };
}

/** The text boxes of the regions that carry text. */
export function textBoxes(regions: readonly Pick<Region, 'kind' | 'text' | 'box' | 'style'>[]): Box[] {
  return regions.filter(carriesText).map(textBox);
}

/** The near spots of `box` in the order they are tried. */
export function nearSpots(box: Box, badge: BadgeSize): { spot: BadgeSpot; rect: Box }[] {
  const { width: w, height: h } = badge;
  const left = box.x;
  const right = box.x + box.width - w;
  const top = box.y;
  const bottom = box.y + box.height - h;
  const at = (spot: BadgeSpot, x: number, y: number) => ({ spot, rect: { x, y, width: w, height: h } });
  const spots = [
    at('above-left', left, top - h),
    at('above-right', right, top - h),
    at('left', left - w, top),
    at('right', box.x + box.width, top),
    at('below', left, box.y + box.height),
  ];
  if (box.width >= w && box.height >= h) {
    spots.push(
      at('inside-top-left', left, top),
      at('inside-top-right', right, top),
      at('inside-bottom-left', left, bottom),
      at('inside-bottom-right', right, bottom),
    );
  }
  return spots;
}

/** How far out the search goes by default, in badge heights. */
const REACH = 24;

/**
 * Places every badge where it covers no text. `labelled` is in drawing order (reading order,
 * so low numbers get the best spots); `textBoxes`, `bounds` and `badge` are in the same units.
 * The outward search stops `reach` badge heights from the box; where it finds nothing either
 * (text fills the whole picture), the badge takes the near spot, moved into the picture, that
 * covers the least text and no other badge if it can, so it is still drawn by its box.
 */
export function placeBadges(
  labelled: readonly { id: string; box: Box }[],
  texts: readonly Box[],
  bounds: Box,
  badge: BadgeSize = BADGE,
  reach: number = REACH,
): Map<string, BadgePlace> {
  const grid = new BoxGrid(bounds, Math.max(64, badge.width * 4));
  for (const text of texts) grid.add(text);
  const right = bounds.x + bounds.width;
  const bottom = bounds.y + bounds.height;
  // A hair of slack, so a badge flush with the picture's edge is not refused for rounding.
  const inBounds = (r: Box) =>
    r.x >= bounds.x - 1e-6 &&
    r.y >= bounds.y - 1e-6 &&
    r.x + r.width <= right + 1e-6 &&
    r.y + r.height <= bottom + 1e-6;
  const free = (r: Box) => inBounds(r) && !grid.hits(r);
  // Near spots first, for every badge in order, then the outward search for the rest: a badge
  // that has to move away never takes the spot right beside a later box.
  const placed = new Map<string, BadgePlace>();
  const take = (id: string, place: BadgePlace) => {
    grid.add(place.rect);
    placed.set(id, place);
  };
  for (const { id, box } of labelled) {
    const near = nearSpots(box, badge).find((s) => free(s.rect));
    if (near) take(id, { ...near, leader: null });
  }
  const taken = () => [...placed.values()].map((p) => p.rect);
  for (const { id, box } of labelled) {
    if (placed.has(id)) continue;
    const far = farPlace(box, badge, free, reach * 2);
    take(id, far ?? fallback(nearSpots(box, badge), texts, taken(), bounds));
  }
  // In drawing order, whichever pass placed them.
  return new Map(labelled.map(({ id }) => [id, placed.get(id)!]));
}

/** The first free spot on rings of growing distance around `box`, with its leader. */
function farPlace(box: Box, badge: BadgeSize, free: (r: Box) => boolean, steps: number): BadgePlace | null {
  const { width: w, height: h } = badge;
  const step = h / 2;
  for (let i = 1; i <= steps; i++) {
    const d = i * step;
    const top = box.y - h - d;
    const bottom = box.y + box.height + d;
    const left = box.x - w - d;
    const right = box.x + box.width + d;
    const at = (x: number, y: number) => ({ x, y, width: w, height: h });
    const candidates = [
      at(box.x, top),
      at(box.x + box.width - w, top),
      at(left, box.y),
      at(right, box.y),
      at(box.x, bottom),
      at(box.x + box.width - w, bottom),
      at(left, top),
      at(right, top),
      at(left, bottom),
      at(right, bottom),
    ];
    const rect = candidates.find(free);
    if (rect) return { rect, spot: 'far', leader: leaderLine(rect, box) };
  }
  return null;
}

function fallback(
  spots: { spot: BadgeSpot; rect: Box }[],
  texts: readonly Box[],
  badges: readonly Box[],
  bounds: Box,
): BadgePlace {
  const clamp = (v: number, lo: number, hi: number) => Math.max(lo, Math.min(v, hi));
  const moved = spots.map(({ rect }) => ({
    ...rect,
    x: clamp(rect.x, bounds.x, bounds.x + bounds.width - rect.width),
    y: clamp(rect.y, bounds.y, bounds.y + bounds.height - rect.height),
  }));
  // Covering a number is worse than covering a few letters of text.
  const cost = (r: Box) =>
    texts.reduce((sum, t) => sum + overlapArea(r, t), 0) +
    badges.reduce((sum, b) => sum + 4 * overlapArea(r, b), 0);
  const rect = moved.reduce((a, b) => (cost(b) < cost(a) ? b : a));
  return { rect, spot: 'cramped', leader: null };
}

/** From the point of the badge nearest its box to the point of the box nearest the badge. */
export function leaderLine(rect: Box, box: Box): Leader {
  const clamp = (v: number, lo: number, hi: number) => Math.min(Math.max(v, lo), hi);
  const cx = rect.x + rect.width / 2;
  const cy = rect.y + rect.height / 2;
  const x2 = clamp(cx, box.x, box.x + box.width);
  const y2 = clamp(cy, box.y, box.y + box.height);
  return { x1: clamp(x2, rect.x, rect.x + rect.width), y1: clamp(y2, rect.y, rect.y + rect.height), x2, y2 };
}

/** The part of `box` inside `bounds`, or null when they do not overlap. */
export function clipBox(box: Box, bounds: Box): Box | null {
  const x = Math.max(box.x, bounds.x);
  const y = Math.max(box.y, bounds.y);
  const right = Math.min(box.x + box.width, bounds.x + bounds.width);
  const bottom = Math.min(box.y + box.height, bounds.y + bounds.height);
  return right > x && bottom > y ? { x, y, width: right - x, height: bottom - y } : null;
}
