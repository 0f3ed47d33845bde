import { describe, expect, it } from 'vitest';
import { compose, PAGE_CANVAS } from '@/utils/page/regions/paint';

const box = () => ({ x: 0, y: 0, width: 100, height: 20 });
const RED = { r: 255, g: 0, b: 0, a: 1 };

describe('compose', () => {
  it('returns the paint behind for a transparent background', () => {
    expect(compose('rgba(0, 0, 0, 0)', 'none', PAGE_CANVAS, box, null)).toBe(PAGE_CANVAS);
  });

  it('shares one paint for the same plain color over the same paint, so contrast over it is worked out once', () => {
    const red = compose('rgb(255, 0, 0)', 'none', PAGE_CANVAS, box, null);
    expect(red).toEqual({ color: RED, local: RED, layer: null });
    expect(compose('rgb(255, 0, 0)', 'none', PAGE_CANVAS, box, null)).toBe(red);
    // Over another paint, or inside an opacity group, it is a paint of its own.
    const again = compose('rgb(255, 0, 0)', 'none', red, box, null);
    expect(again).not.toBe(red);
    expect(again).toEqual(red);
    const group = { opacity: 0.5, backdrop: { r: 255, g: 255, b: 255, a: 1 } };
    expect(compose('rgb(255, 0, 0)', 'none', PAGE_CANVAS, box, group)).not.toBe(
      compose('rgb(255, 0, 0)', 'none', PAGE_CANVAS, box, group),
    );
  });
});
