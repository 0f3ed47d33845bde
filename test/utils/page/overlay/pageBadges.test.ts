import { describe, expect, it } from 'vitest';
import { pageBadges, type PageLayout } from '@/utils/page/overlay/pageBadges';
import { overlapArea } from '@/utils/core/render/badges';
import type { Box, Region } from '@/utils/core/schemas/region';
import { region } from '@/test/fixtures/regions';

const box = (x: number, y: number, width: number, height: number): Box => ({ x, y, width, height });

function layout(regions: Region[], overrides: Partial<PageLayout> = {}): PageLayout {
  return {
    boxes: new Map(regions.map((r) => [r.id, r.box])),
    contents: new Map(),
    scroll: { x: 0, y: 0 },
    page: box(0, 0, 1280, 3000),
    viewport: box(0, 0, 1280, 800),
    ...overrides,
  };
}

describe('pageBadges', () => {
  it('keeps a page badge off a fixed header the page is scrolled under', () => {
    const header = region('r1', { box: { x: 0, y: 0, width: 1280, height: 60 }, flags: { fixed: true } });
    // 10 px below the header at this scroll: the room above it is the header's text.
    const line = region('r2', { box: { x: 100, y: 570, width: 600, height: 24 } });
    const places = pageBadges([header, line], layout([header, line], { scroll: { x: 0, y: 500 } }));
    const badge = places.get('r2')!.rect;
    expect(overlapArea(badge, box(0, 500, 1280, 60))).toBe(0);
    expect(places.get('r2')!.spot).toBe('left');
    // The header's own badge stays in the viewport, where its box is.
    const own = places.get('r1')!.rect;
    expect(own.y).toBeGreaterThanOrEqual(0);
    expect(own.y + own.height).toBeLessThanOrEqual(800);
  });

  it('keeps off text that spills a little past its element, and ignores content parked far away', () => {
    const above = region('r1', { box: { x: 100, y: 20, width: 600, height: 24 } });
    const line = region('r2', { box: { x: 100, y: 83, width: 600, height: 40 } });
    const spilled = layout([above, line], { contents: new Map([['r2', box(100, 79, 600, 44)]]) });
    expect(pageBadges([above, line], spilled).get('r2')!.spot).toBe('left');
    const parked = layout([above, line], { contents: new Map([['r2', box(-9999, 83, 10699, 40)]]) });
    expect(pageBadges([above, line], parked).get('r2')!.spot).toBe('above-left');
  });
});
