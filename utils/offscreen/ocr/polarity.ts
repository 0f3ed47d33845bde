/**
 * Where an image has light text on a dark ground (filled buttons, dark bars, badges).
 * Tesseract binarises a page with one global threshold, so text on a dark button comes out
 * as holes in a black block, which its layout analysis drops as a picture. These zones are
 * read a second time, inverted (utils/offscreen/ocr/crops.ts).
 *
 * The image is cut into 4 px blocks. Around each block, a window of about 40 px (the size of
 * a line of UI text) decides the local ground: where there is contrast (darkest and lightest
 * differ by MIN_CONTRAST) and the window's mean is below the midpoint of the two, most of the
 * window is dark, so the ground is dark and the minority, the text, is light. Connected dark-
 * ground blocks make a zone.
 */

export const BLOCK = 4;
const RADIUS = 5;
const MIN_CONTRAST = 48;
/** Smaller zones hold no line of text: 16 × 12 px. */
const MIN_COLS = 4;
const MIN_ROWS = 3;
export const MAX_ZONES = 24;

export interface Zones {
  cols: number;
  rows: number;
  /** For each block, the index of its zone in `boxes`, or -1. */
  zoneOf: Int32Array;
  /** Zone bounds in pixels, largest first. */
  boxes: { x: number; y: number; width: number; height: number }[];
}

export function findLightOnDarkZones(gray: ArrayLike<number>, width: number, height: number): Zones {
  const cols = Math.ceil(width / BLOCK);
  const rows = Math.ceil(height / BLOCK);
  const max = new Uint8Array(cols * rows);
  const min = new Uint8Array(cols * rows).fill(255);
  const sum = new Float64Array(cols * rows);
  const count = new Uint32Array(cols * rows);
  for (let y = 0; y < height; y++) {
    const row = Math.floor(y / BLOCK) * cols;
    for (let x = 0; x < width; x++) {
      const b = row + Math.floor(x / BLOCK);
      const v = gray[y * width + x]!;
      if (v > max[b]!) max[b] = v;
      if (v < min[b]!) min[b] = v;
      sum[b]! += v;
      count[b]!++;
    }
  }
  const dark = new Uint8Array(cols * rows);
  for (let by = 0; by < rows; by++) {
    for (let bx = 0; bx < cols; bx++) {
      let hi = 0;
      let lo = 255;
      let total = 0;
      let n = 0;
      for (let y = Math.max(0, by - RADIUS); y <= Math.min(rows - 1, by + RADIUS); y++) {
        for (let x = Math.max(0, bx - RADIUS); x <= Math.min(cols - 1, bx + RADIUS); x++) {
          const b = y * cols + x;
          hi = Math.max(hi, max[b]!);
          lo = Math.min(lo, min[b]!);
          total += sum[b]!;
          n += count[b]!;
        }
      }
      dark[by * cols + bx] = hi - lo >= MIN_CONTRAST && total / n < (hi + lo) / 2 ? 1 : 0;
    }
  }
  return groupBlocks(dark, cols, rows);
}

/** Connected (4-neighbour) dark-ground blocks, as zones big enough to hold text. */
function groupBlocks(dark: Uint8Array, cols: number, rows: number): Zones {
  const label = new Int32Array(cols * rows).fill(-1);
  const found: { blocks: number[]; x0: number; y0: number; x1: number; y1: number }[] = [];
  for (let start = 0; start < dark.length; start++) {
    if (!dark[start] || label[start]! >= 0) continue;
    const zone = { blocks: [] as number[], x0: cols, y0: rows, x1: 0, y1: 0 };
    const stack = [start];
    label[start] = found.length;
    while (stack.length > 0) {
      const b = stack.pop()!;
      const bx = b % cols;
      const by = Math.floor(b / cols);
      zone.blocks.push(b);
      zone.x0 = Math.min(zone.x0, bx);
      zone.x1 = Math.max(zone.x1, bx);
      zone.y0 = Math.min(zone.y0, by);
      zone.y1 = Math.max(zone.y1, by);
      for (const [nx, ny] of [
        [bx + 1, by],
        [bx - 1, by],
        [bx, by + 1],
        [bx, by - 1],
      ] as const) {
        const n = ny * cols + nx;
        if (nx < 0 || ny < 0 || nx >= cols || ny >= rows || !dark[n] || label[n]! >= 0) continue;
        label[n] = found.length;
        stack.push(n);
      }
    }
    found.push(zone);
  }
  const kept = found
    .filter((z) => z.x1 - z.x0 + 1 >= MIN_COLS && z.y1 - z.y0 + 1 >= MIN_ROWS)
    .sort((a, b) => b.blocks.length - a.blocks.length)
    .slice(0, MAX_ZONES);
  const zoneOf = new Int32Array(cols * rows).fill(-1);
  kept.forEach((z, i) => z.blocks.forEach((b) => (zoneOf[b] = i)));
  const boxes = kept.map((z) => ({
    x: z.x0 * BLOCK,
    y: z.y0 * BLOCK,
    width: (z.x1 - z.x0 + 1) * BLOCK,
    height: (z.y1 - z.y0 + 1) * BLOCK,
  }));
  return { cols, rows, zoneOf, boxes };
}
