/**
 * Which region of a later critique is which region of an earlier one. First by stable key
 * (tag, selector and text: utils/core/regions/key.ts), which holds across recaptures and restyles;
 * then by the same visible text, for an element that moved in the DOM; then by the same place
 * on the page (intersection over union), for an element whose text was edited.
 */
import type { Box, Region } from '@/utils/core/schemas/region';

export type MatchedBy = 'key' | 'text' | 'position';

export interface RegionMatch {
  /** Later region id by earlier region id. */
  after: Map<string, string>;
  /** Earlier region id by later region id. */
  before: Map<string, string>;
  by: Map<string, MatchedBy>;
}

/** Two boxes at the same place at least this much (area of overlap over area of union). */
export const SAME_PLACE_IOU = 0.5;

export function iou(a: Box, b: Box): number {
  const x = Math.max(0, Math.min(a.x + a.width, b.x + b.width) - Math.max(a.x, b.x));
  const y = Math.max(0, Math.min(a.y + a.height, b.y + b.height) - Math.max(a.y, b.y));
  const overlap = x * y;
  const union = a.width * a.height + b.width * b.height - overlap;
  return union <= 0 ? 0 : overlap / union;
}

const normalized = (text: string) => text.replace(/\s+/g, ' ').trim().toLowerCase();

export function matchRegions(earlier: readonly Region[], later: readonly Region[]): RegionMatch {
  const match: RegionMatch = { after: new Map(), before: new Map(), by: new Map() };
  const pair = (a: Region, b: Region, by: MatchedBy) => {
    match.after.set(a.id, b.id);
    match.before.set(b.id, a.id);
    match.by.set(a.id, by);
  };
  const open = () => ({
    earlier: earlier.filter((r) => !match.after.has(r.id)),
    later: later.filter((r) => !match.before.has(r.id)),
  });

  const byKey = new Map(later.map((r) => [r.key, r]));
  for (const a of earlier) {
    const b = byKey.get(a.key);
    if (b && !match.before.has(b.id)) pair(a, b, 'key');
  }

  // Same text: among several candidates, the same tag, then the nearest place.
  const { later: textLeft } = open();
  for (const a of open().earlier) {
    const text = normalized(a.text);
    if (text === '') continue;
    const candidates = textLeft.filter((b) => !match.before.has(b.id) && normalized(b.text) === text);
    const best = candidates.reduce<Region | undefined>((win, b) => {
      if (!win) return b;
      const rank = (r: Region) => [Number(r.tag === a.tag), iou(r.box, a.box)] as const;
      const [wt, wi] = rank(win);
      const [bt, bi] = rank(b);
      return bt > wt || (bt === wt && bi > wi) ? b : win;
    }, undefined);
    if (best) pair(a, best, 'text');
  }

  // Same place: the pairs that overlap most go first, so each region takes its best partner.
  const left = open();
  const pairs = left.earlier
    .flatMap((a) =>
      left.later.filter((b) => b.kind === a.kind).map((b) => ({ a, b, overlap: iou(a.box, b.box) })),
    )
    .filter((p) => p.overlap >= SAME_PLACE_IOU)
    .sort((p, q) => q.overlap - p.overlap);
  for (const { a, b } of pairs) {
    if (!match.after.has(a.id) && !match.before.has(b.id)) pair(a, b, 'position');
  }
  return match;
}
