import { describe, expect, it } from 'vitest';
import {
  BADGE,
  nearSpots,
  overlapArea,
  placeBadges,
  type BadgePlace,
  type BadgeSize,
} from '@/utils/core/render/badges';
import type { Box } from '@/utils/core/schemas/region';

type Labelled = { id: string; box: Box; text: boolean };

const box = (x: number, y: number, width: number, height: number): Box => ({ x, y, width, height });

/** Places the layout's badges and checks what every placement must hold. */
function check(labelled: Labelled[], bounds: Box, badge: BadgeSize = BADGE) {
  const texts = labelled.filter((l) => l.text).map((l) => l.box);
  const places = placeBadges(labelled, texts, bounds, badge);
  const rects = [...places.values()].map((p) => p.rect);
  expect(places.size).toBe(labelled.length);
  // No badge covers any text, nor another badge, nor leaves the picture.
  const covered = [...places].flatMap(([id, { rect }]) =>
    texts.some((t) => overlapArea(rect, t) > 0) ? [id] : [],
  );
  expect(covered).toEqual([]);
  rects.forEach((a, i) => rects.slice(i + 1).forEach((b) => expect(overlapArea(a, b)).toBe(0)));
  for (const r of rects) {
    expect(r.x).toBeGreaterThanOrEqual(bounds.x);
    expect(r.y).toBeGreaterThanOrEqual(bounds.y);
    expect(r.x + r.width).toBeLessThanOrEqual(bounds.x + bounds.width);
    expect(r.y + r.height).toBeLessThanOrEqual(bounds.y + bounds.height);
  }
  // A leader exactly where no near spot was free when the badge's turn came (near spots are
  // handed out first, in order).
  const taken: Box[] = [];
  for (const { id, box } of labelled) {
    const place = places.get(id)!;
    const nearFree = nearSpots(box, badge).some(
      ({ rect }) =>
        overlapArea(rect, bounds) === rect.width * rect.height &&
        ![...texts, ...taken].some((t) => overlapArea(rect, t) > 0),
    );
    expect(place.leader !== null, `${id} has a leader`).toBe(!nearFree);
    if (place.leader) {
      // The leader joins the badge's edge to the box's edge.
      const { x1, y1, x2, y2 } = place.leader;
      const on = (b: Box, x: number, y: number) =>
        x >= b.x - 1e-9 && x <= b.x + b.width + 1e-9 && y >= b.y - 1e-9 && y <= b.y + b.height + 1e-9;
      expect(on(place.rect, x1, y1) && on(box, x2, y2)).toBe(true);
    }
    if (!place.leader) taken.push(place.rect);
  }
  return places;
}

const withLeaders = (places: Map<string, BadgePlace>) =>
  [...places].filter(([, p]) => p.leader).map(([id]) => id);

describe('placeBadges', () => {
  it('a stack of full-width text rows with no gaps: the middle rows get leaders to free room', () => {
    const rows = Array.from({ length: 10 }, (_, i) => ({
      id: `r${i + 1}`,
      box: box(0, 100 + i * 20, 800, 20),
      text: true,
    }));
    const places = check(rows, box(0, 0, 800, 600));
    expect(places.get('r1')!.spot).toBe('above-left');
    expect(places.get('r10')!.spot).toBe('below');
    expect(withLeaders(places)).toEqual(['r2', 'r3', 'r4', 'r5', 'r6', 'r7', 'r8', 'r9']);
  });

  it('the demo page case: a badge above its box would land on the last line of the region above', () => {
    const regions = [
      { id: 'r1', box: box(100, 100, 200, 40), text: true },
      { id: 'r2', box: box(100, 140, 200, 24), text: true },
    ];
    const places = check(regions, box(0, 0, 800, 600));
    expect(places.get('r2')!.spot).toBe('left');
  });

  it('a dense grid of text cells with 4 px gutters', () => {
    const cells = Array.from({ length: 96 }, (_, i) => ({
      id: `r${i + 1}`,
      box: box(60 + (i % 12) * 64, 60 + Math.floor(i / 12) * 34, 60, 30),
      text: true,
    }));
    const places = check(cells, box(0, 0, 888, 392));
    expect(places.get('r1')!.spot).toBe('above-left');
    expect(withLeaders(places).length).toBeGreaterThan(0);
  });

  it('a container filling the picture takes an inside corner clear of the text in it', () => {
    const places = check(
      [
        { id: 'r1', box: box(0, 0, 800, 600), text: false },
        { id: 'r2', box: box(40, 40, 720, 200), text: true },
      ],
      box(0, 0, 800, 600),
    );
    expect(places.get('r1')).toMatchObject({ spot: 'inside-top-left', leader: null });
    expect(places.get('r2')!.spot).toBe('above-left');
  });

  it('text filling the whole picture leaves no room anywhere: the badge still shows, in its corner, with no leader', () => {
    const places = placeBadges(
      [{ id: 'r1', box: box(0, 0, 800, 600) }],
      [box(0, 0, 800, 600)],
      box(0, 0, 800, 600),
    );
    expect(places.get('r1')).toEqual({ spot: 'cramped', rect: box(0, 0, 28, 18), leader: null });
  });

  it('with a short reach, a badge with no room near its box is cramped by it, on no other badge', () => {
    const rows = Array.from({ length: 10 }, (_, i) => ({
      id: `r${i + 1}`,
      box: box(0, 100 + i * 20, 800, 20),
    }));
    const places = placeBadges(
      rows,
      rows.map((r) => r.box),
      box(0, 0, 800, 600),
      BADGE,
      1,
    );
    const spots = [...places.values()].map((p) => p.spot);
    expect(spots).toEqual(['above-left', ...Array(8).fill('cramped'), 'below']);
    expect([...places.values()].every((p) => p.leader === null)).toBe(true);
    const rects = [...places.values()].map((p) => p.rect);
    rects.forEach((a, i) => rects.slice(i + 1).forEach((b) => expect(overlapArea(a, b)).toBe(0)));
  });

  it('200 regions of a long page: no overlap, and placed in well under 10 ms', () => {
    let seed = 7;
    const random = () => ((seed = (seed * 16807) % 2147483647) - 1) / 2147483646;
    const regions: Labelled[] = [];
    let y = 20;
    while (regions.length < 200) {
      // A section (a container) with rows of text, two columns, gaps of 0 to 24 px.
      const top = y;
      const id = () => `r${regions.length + 1}`;
      const section: Labelled = { id: id(), box: box(80, top, 1120, 0), text: false };
      regions.push(section);
      y += 30;
      // Every third section is a stack of full-width rows with no gaps, as in an article.
      const stacked = regions.length % 3 === 0;
      for (let row = 0; row < 6 && regions.length < 200; row++) {
        const height = 16 + Math.round(random() * 60);
        if (stacked) {
          regions.push({ id: id(), box: box(0, y, 1280, height), text: true });
          y += height;
          continue;
        }
        regions.push({ id: id(), box: box(120, y, 500 + Math.round(random() * 60), height), text: true });
        if (regions.length < 200)
          regions.push({ id: id(), box: box(700, y, 300 + Math.round(random() * 100), height), text: true });
        y += height + Math.round(random() * 24);
      }
      section.box.height = y - top + 10;
      y += 40;
    }
    const bounds = box(0, 0, 1280, y + 20);
    const places = check(regions, bounds);
    const texts = regions.filter((r) => r.text).map((r) => r.box);
    const times: number[] = [];
    for (let i = 0; i < 200; i++) {
      const start = performance.now();
      placeBadges(regions, texts, bounds);
      times.push(performance.now() - start);
    }
    const cold = times[0]!;
    times.sort((a, b) => a - b);
    const median = times[100]!;
    console.log(
      `placeBadges, 200 regions: median ${median.toFixed(2)} ms, 95th percentile ${times[190]!.toFixed(2)} ms ` +
        `of 200 runs; first run ${cold.toFixed(2)} ms; ` +
        `${withLeaders(places).length} leaders`,
    );
    expect(withLeaders(places).length).toBeGreaterThan(0);
    expect(median).toBeLessThan(10);
  });
});
