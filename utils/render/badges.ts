/**
 * The numbered badges that label regions, shared by the overlay on the page, the panel's
 * screenshot, the report and `annotated.png`: one palette, and one rule for where a badge
 * goes. A badge sits outside its box (above, else left, else right, else below) so it never
 * hides the first letters of the text it labels; only a box that fills the whole picture gets
 * its badge inside, in the corner.
 */
import type { Box } from '../schemas';

export const BADGE_COLORS = {
  /** Box outline and badge fill. */
  mark: '#3b5bdb',
  markLine: 'rgba(59, 91, 219, 0.9)',
  markText: '#ffffff',
  /** The hovered or selected region. */
  active: '#f59f00',
  activeText: '#1b1d21',
  activeFill: 'rgba(245, 159, 0, 0.12)',
} as const;

/** The same colors as CSS custom properties, for the overlay, the panel and the report. */
export const BADGE_CSS_VARS = Object.entries(BADGE_COLORS)
  .map(([name, value]) => `--restage-${name.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}: ${value};`)
  .join(' ');

/**
 * The room a badge needs in CSS pixels at scale 1: 26 × 16 (11 px type on a 16 px line, three
 * digits) plus the 2 px box border it sits beyond.
 */
export const BADGE = { width: 28, height: 18 } as const;

export type BadgeSide = 'above' | 'left' | 'right' | 'below' | 'inside';

/** Where the badge of `box` goes within `bounds` (same units; `badge` in those units too). */
export function badgeSide(
  box: Box,
  bounds: Box,
  badge: { width: number; height: number } = BADGE,
): BadgeSide {
  if (box.y - badge.height >= bounds.y) return 'above';
  if (box.x - badge.width >= bounds.x) return 'left';
  if (box.x + box.width + badge.width <= bounds.x + bounds.width) return 'right';
  if (box.y + box.height + badge.height <= bounds.y + bounds.height) return 'below';
  return 'inside';
}

/** The badge's own rectangle for a side, for renderers that draw it themselves. */
export function badgeRect(box: Box, side: BadgeSide, badge: { width: number; height: number } = BADGE): Box {
  const { width, height } = badge;
  switch (side) {
    case 'above':
      return { x: box.x, y: box.y - height, width, height };
    case 'left':
      return { x: box.x - width, y: box.y, width, height };
    case 'right':
      return { x: box.x + box.width, y: box.y, width, height };
    case 'below':
      return { x: box.x, y: box.y + box.height, width, height };
    case 'inside':
      return { x: box.x, y: box.y, width, height };
  }
}

/** The part of `box` inside `bounds`, or null when they do not overlap. */
export function clipBox(box: Box, bounds: Box): Box | null {
  const x = Math.max(box.x, bounds.x);
  const y = Math.max(box.y, bounds.y);
  const right = Math.min(box.x + box.width, bounds.x + bounds.width);
  const bottom = Math.min(box.y + box.height, bounds.y + bounds.height);
  return right > x && bottom > y ? { x, y, width: right - x, height: bottom - y } : null;
}
