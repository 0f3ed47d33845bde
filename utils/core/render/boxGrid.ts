import type { Box } from '@/utils/core/schemas/region';

const TOUCH = 1e-6;

/** How much two rectangles overlap, in square units (0 when they only touch). */
export function overlapArea(a: Box, b: Box): number {
  const w = Math.min(a.x + a.width, b.x + b.width) - Math.max(a.x, b.x);
  const h = Math.min(a.y + a.height, b.y + b.height) - Math.max(a.y, b.y);
  // Rounding can leave two touching edges a hair apart; that is not overlap.
  return w > TOUCH && h > TOUCH ? w * h : 0;
}

/**
 * A uniform grid of boxes, so a spot is checked against the few boxes near it rather than all
 * of them: 200 regions place in about a millisecond (test/utils/core/render/badges.test.ts).
 */
export class BoxGrid {
  private readonly cells = new Map<number, Box[]>();
  private readonly columns: number;

  constructor(
    private readonly bounds: Box,
    private readonly size: number,
  ) {
    this.columns = Math.max(1, Math.ceil(bounds.width / size) + 2);
  }

  private range(box: Box) {
    const col = (x: number) =>
      Math.max(-1, Math.min(this.columns - 2, Math.floor((x - this.bounds.x) / this.size)));
    const row = (y: number) => Math.max(-1, Math.floor((y - this.bounds.y) / this.size));
    return {
      c0: col(box.x),
      c1: col(box.x + box.width),
      r0: row(box.y),
      r1: Math.max(row(box.y), row(box.y + box.height)),
    };
  }

  add(box: Box) {
    const { c0, c1, r0, r1 } = this.range(box);
    for (let r = r0; r <= r1; r++)
      for (let c = c0; c <= c1; c++) {
        const key = (r + 1) * this.columns + (c + 1);
        const cell = this.cells.get(key);
        if (cell) cell.push(box);
        else this.cells.set(key, [box]);
      }
  }

  /** Whether `box` overlaps any box in the grid by a positive area. */
  hits(box: Box): boolean {
    const { c0, c1, r0, r1 } = this.range(box);
    for (let r = r0; r <= r1; r++)
      for (let c = c0; c <= c1; c++) {
        const cell = this.cells.get((r + 1) * this.columns + (c + 1));
        if (cell?.some((other) => overlapArea(box, other) > 0)) return true;
      }
    return false;
  }
}
