import { carriesText, clipBox, placeBadges, textBox, type BadgePlace } from '@/utils/core/render/badges';
import type { Box, Region } from '@/utils/core/schemas/region';

export interface PageLayout {
  /** Each region's box now: page coordinates, or viewport coordinates for a fixed region. */
  boxes: ReadonlyMap<string, Box>;
  /**
   * Where each text region's content is drawn now, in the same coordinates. It can reach past
   * the element's own box (a `<font size=+1>` inside an inline `<font>`: CSS 2.1 §10.6.1 sizes
   * an inline box by its own font only), and only the live page can show that.
   */
  contents: ReadonlyMap<string, Box>;
  scroll: { x: number; y: number };
  /** The document's scrollable size. */
  page: Box;
  viewport: Box;
}

/**
 * Where the overlay puts each badge, by placeBadges: a fixed region's badge against the
 * viewport, clear of the text scrolled under it now; the others against the page, clear of fixed
 * text and fixed badges where they are at this scroll position.
 */
export function pageBadges(regions: readonly Region[], at: PageLayout): Map<string, BadgePlace> {
  const shown = regions.filter((r) => at.boxes.has(r.id));
  const fixed = shown.filter((r) => r.flags.fixed);
  const scrolling = shown.filter((r) => !r.flags.fixed);
  const shift = (box: Box, by: number) => ({
    ...box,
    x: box.x + by * at.scroll.x,
    y: box.y + by * at.scroll.y,
  });
  const texts = (list: Region[]) => list.filter(carriesText).map((r) => textOnPage(r, at));
  const labels = (list: Region[]) => list.map((r) => ({ id: r.id, box: at.boxes.get(r.id)! }));
  const fixedTexts = texts(fixed);
  const scrollingTexts = texts(scrolling);
  const onViewport = placeBadges(
    labels(fixed),
    [...fixedTexts, ...scrollingTexts.map((b) => shift(b, -1))],
    at.viewport,
  );
  const fixedBadges = [...onViewport.values()].map((p) => p.rect);
  const onPage = placeBadges(
    labels(scrolling),
    [...scrollingTexts, ...[...fixedTexts, ...fixedBadges].map((b) => shift(b, 1))],
    at.page,
  );
  return new Map([...onViewport, ...onPage]);
}

/** The region's text box, grown to its content where that spills a little past the box. */
function textOnPage(region: Region, at: PageLayout): Box {
  const box = textBox({ box: at.boxes.get(region.id)!, style: region.style });
  // Content far outside its box (a menu parked off-screen) is not text beside the box.
  const reach = Math.max(8, region.style.fontSize);
  const near = {
    x: box.x - reach,
    y: box.y - reach,
    width: box.width + 2 * reach,
    height: box.height + 2 * reach,
  };
  const content = at.contents.get(region.id);
  const spill = content && clipBox(content, near);
  if (!spill) return box;
  const x = Math.min(box.x, spill.x);
  const y = Math.min(box.y, spill.y);
  const right = Math.max(box.x + box.width, spill.x + spill.width);
  const bottom = Math.max(box.y + box.height, spill.y + spill.height);
  return { x, y, width: right - x, height: bottom - y };
}
