/**
 * A page whose height changes while a full-page capture scrolls it: an endless feed that
 * appends cards near the bottom, or a section that folds away on scroll. These decide how far
 * the capture goes and word what happened for `shot.notes`.
 */

/**
 * How far down the stitched image holds the page, from the bottom of the last frame drawn:
 * never past the bound, and within a pixel of it counts as the bound, since scroll positions
 * are fractional on screens with a fractional pixel ratio.
 */
export function coveredTo(lastFrameBottom: number, bound: number): number {
  return lastFrameBottom >= bound - 1 ? bound : lastFrameBottom;
}

/**
 * Whether a frame whose bottom is at `bottom` is the last one: it reached the bound, or the
 * page's end once the page has shrunk above the bound (within a pixel, as in `coveredTo`).
 */
export function isLastFrame(bottom: number, bound: number, pageHeight: number): boolean {
  return bottom >= Math.min(bound, pageHeight) - 1;
}

const px = (value: number) => `${Math.round(value).toLocaleString('en-US')} px`;

export interface HeightChange {
  /** The page's height when the capture began. */
  start: number;
  /** The page's height as each frame measured it, in order. */
  heights: readonly number[];
  /** How far down the image holds the page (`coveredTo`). */
  reached: number;
}

/** One plain sentence for each way the page's height moved during the capture; none if it held. */
export function heightNotes({ start, heights, reached }: HeightChange): string[] {
  if (heights.length === 0) return [];
  const notes: string[] = [];
  const highest = Math.max(...heights);
  const lowest = Math.min(...heights);
  const where = Math.round(reached) === Math.round(start) ? ', its height when the capture began' : '';
  if (highest > start)
    notes.push(
      `The page grew from ${px(start)} to ${px(highest)} while it was scrolled for the capture; ` +
        `the capture stops at ${px(reached)}${where}.`,
    );
  if (lowest < start) {
    const end = Math.round(reached) === Math.round(lowest) ? ', where the page now ends' : '';
    notes.push(
      `The page shrank from ${px(start)} to ${px(lowest)} while it was scrolled for the capture; ` +
        `the capture ends at ${px(reached)}${end}.`,
    );
  }
  return notes;
}
