/**
 * Whether the mockup keeps the page's structure, in three figures computed from boxes alone:
 * the page's (its regions as extracted) and the mockup's (the same regions laid out at the
 * page's viewport width, ./mockupLayout.ts). The definitions live here and nowhere else.
 */
import { contentRegions } from '@/utils/core/plan/validate';
import type { CssPatch, MockupStructure } from '@/utils/core/schemas/plan';
import type { Box, Region } from '@/utils/core/schemas/region';

/** Side-by-side pairs the mockup must keep, as a share. */
export const PAIRS_KEPT_MIN = 0.95;
/** The mockup's height may differ from the page's by at most this factor, either way. */
export const HEIGHT_RATIO_MAX = 1.3;

/** Boxes of less than a pixel either way are not laid out anywhere. */
const shown = (b: Box | undefined): b is Box => b !== undefined && b.width >= 1 && b.height >= 1;
/** Sub-pixel rounding and borders that touch are not overlap. */
const SLACK = 1;

/**
 * Side by side: the two boxes share at least half of the shorter one's height, and no width
 * (they may touch). A nav's items, a row's cards, a label and its value, a thumbnail and its
 * caption beside it are pairs; a heading over its paragraph is not.
 */
export function sideBySide(a: Box, b: Box): boolean {
  const shared = Math.min(a.y + a.height, b.y + b.height) - Math.max(a.y, b.y);
  const apart = a.x + a.width <= b.x + SLACK || b.x + b.width <= a.x + SLACK;
  return apart && shared >= Math.min(a.height, b.height) / 2;
}

/**
 * Still side by side in the mockup: apart across, in the same left-to-right order as on the
 * page. How far one has drifted down from the other (a card whose title the plan made wrap) is
 * not counted here: the height and reading-order figures take that.
 */
export function keptBeside(page: [Box, Box], mockup: [Box, Box]): boolean {
  const [a, b] = page;
  const [a2, b2] = mockup;
  const leftFirst = a.x + a.width <= b.x + SLACK;
  return leftFirst ? a2.x + a2.width <= b2.x + SLACK : b2.x + b2.width <= a2.x + SLACK;
}

/** `a` lies wholly above `b` (they may touch). */
const above = (a: Box, b: Box) => a.y + a.height <= b.y + SLACK;

/**
 * Regions the plan moves on purpose (a CSS `order` on them or on a region around them): their
 * place against the others is the plan's, not a loss.
 */
function reordered(regions: readonly Region[], patch: CssPatch): Set<string> {
  const moved = new Set(patch.filter((e) => e.declarations.order !== undefined).map((e) => e.regionId));
  const parents = new Map(regions.map((r) => [r.id, r.parentId]));
  const out = new Set<string>();
  for (const { id } of regions) {
    for (let at: string | null | undefined = id; at; at = parents.get(at)) {
      if (moved.has(at)) {
        out.add(id);
        break;
      }
    }
  }
  return out;
}

/**
 * The three figures. Compared are the content regions (utils/core/plan/validate.ts) with a box on
 * the page, fixed ones aside (where they sit depends on the scroll). A region the mockup does
 * not lay out breaks every pair it is in; the word check already counts it as missing, so it
 * is left out of the order figure.
 */
export function measureStructure(input: {
  regions: readonly Region[];
  patch: CssPatch;
  pageHeight: number;
  mockup: { boxes: Readonly<Record<string, Box>>; height: number };
}): MockupStructure {
  const compared = contentRegions(input.regions).filter((r) => shown(r.box) && !r.flags.fixed);
  const moved = reordered(input.regions, input.patch);
  const boxes = input.mockup.boxes;
  let pairs = 0;
  let pairsKept = 0;
  let outOfOrder = 0;
  for (let i = 0; i < compared.length; i++) {
    const a = compared[i]!;
    const aThen = boxes[a.id];
    for (let j = i + 1; j < compared.length; j++) {
      const b = compared[j]!;
      const bThen = boxes[b.id];
      if (sideBySide(a.box, b.box)) {
        pairs++;
        if (shown(aThen) && shown(bThen) && keptBeside([a.box, b.box], [aThen, bThen])) pairsKept++;
      }
      if (!shown(aThen) || !shown(bThen) || moved.has(a.id) || moved.has(b.id)) continue;
      if ((above(a.box, b.box) && above(bThen, aThen)) || (above(b.box, a.box) && above(aThen, bThen)))
        outOfOrder++;
    }
  }
  const heightRatio = input.pageHeight > 0 ? input.mockup.height / input.pageHeight : 0;
  return {
    pairs,
    pairsKept,
    heightRatio: Math.round(heightRatio * 1000) / 1000,
    outOfOrder,
    orderKept: outOfOrder === 0,
  };
}

/** Whether the mockup keeps the page's structure: pairs, height and order within bounds. */
export function structureKept(s: MockupStructure): boolean {
  const share = s.pairs === 0 ? 1 : s.pairsKept / s.pairs;
  return (
    share >= PAIRS_KEPT_MIN &&
    s.heightRatio <= HEIGHT_RATIO_MAX &&
    s.heightRatio >= 1 / HEIGHT_RATIO_MAX &&
    s.orderKept
  );
}

/** "93/95 side-by-side pairs kept, height 1.04×, reading order kept". */
export function structureLine(s: MockupStructure): string {
  const order = s.orderKept ? 'reading order kept' : `${s.outOfOrder} pairs out of reading order`;
  return `${s.pairsKept}/${s.pairs} side-by-side pairs kept, height ${s.heightRatio.toFixed(2)}×, ${order}`;
}
