import { describe, expect, it } from 'vitest';
import { BLOCK, findLightOnDarkZones } from '@/utils/offscreen/ocr/polarity';

/** A grey image: `ground` everywhere, then rectangles painted in order. */
function paint(
  width: number,
  height: number,
  ground: number,
  rects: [number, number, number, number, number][],
) {
  const gray = new Uint8Array(width * height).fill(ground);
  for (const [x0, y0, w, h, v] of rects)
    for (let y = y0; y < y0 + h; y++) for (let x = x0; x < x0 + w; x++) gray[y * width + x] = v;
  return gray;
}

/** Three-pixel strokes every six pixels across a line box: a stand-in for a line of text. */
function strokes(
  x0: number,
  y0: number,
  w: number,
  h: number,
  v: number,
): [number, number, number, number, number][] {
  const out: [number, number, number, number, number][] = [];
  for (let x = x0; x + 3 <= x0 + w; x += 6) out.push([x, y0, 3, h, v]);
  return out;
}

describe('light-on-dark zones', () => {
  it('finds a dark button with light text on a light page, and nothing around it', () => {
    const gray = paint(400, 200, 255, [
      ...strokes(20, 20, 200, 14, 30), // dark text on the page
      [100, 100, 160, 48, 80], // the button
      ...strokes(124, 116, 110, 16, 255), // its light label
    ]);
    const { boxes } = findLightOnDarkZones(gray, 400, 200);
    expect(boxes).toHaveLength(1);
    const [zone] = boxes;
    // The zone holds the whole label and stays within a block or two of the button.
    expect(zone!.x).toBeLessThanOrEqual(124);
    expect(zone!.y).toBeLessThanOrEqual(116);
    expect(zone!.x + zone!.width).toBeGreaterThanOrEqual(234);
    expect(zone!.y + zone!.height).toBeGreaterThanOrEqual(132);
    expect(zone!.x).toBeGreaterThanOrEqual(100 - 2 * BLOCK);
    expect(zone!.x + zone!.width).toBeLessThanOrEqual(260 + 2 * BLOCK);
  });

  it('finds none where all text is dark on light, bold headings included', () => {
    const gray = paint(400, 200, 250, [...strokes(20, 20, 300, 40, 20), ...strokes(20, 100, 300, 14, 60)]);
    expect(findLightOnDarkZones(gray, 400, 200).boxes).toEqual([]);
  });

  it('finds none in flat areas, dark or light, that hold no text', () => {
    const gray = paint(300, 150, 255, [[0, 0, 150, 150, 40]]);
    const { boxes } = findLightOnDarkZones(gray, 300, 150);
    expect(boxes.every((b) => b.x > 100 && b.x < 170)).toBe(true); // at most the edge between the two
    expect(findLightOnDarkZones(new Uint8Array(200 * 100).fill(30), 200, 100).boxes).toEqual([]);
  });

  it('takes a dark page with light text as one zone', () => {
    const gray = paint(300, 200, 20, [...strokes(20, 30, 260, 14, 240), ...strokes(20, 120, 200, 14, 240)]);
    const { boxes } = findLightOnDarkZones(gray, 300, 200);
    expect(boxes.length).toBeGreaterThanOrEqual(1);
    expect(boxes[0]!.width).toBeGreaterThan(200);
  });
});
