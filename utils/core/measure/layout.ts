/**
 * Facts about where regions sit that several measures share: the viewport, which screen
 * (viewport-height band) a box starts in, and which regions are structure rather than content.
 */
import type { Box, Region } from '@/utils/core/schemas/region';

/** The part of the captured viewport the measures use; the schema's `Viewport` fits it. */
export interface ViewportSize {
  width: number;
  height: number;
}

/** Landmarks that hold page chrome rather than the page's main content. */
export const PAGE_CHROME: ReadonlySet<string> = new Set(['nav', 'header', 'footer', 'aside']);

export const isChrome = (region: Region) => PAGE_CHROME.has(region.landmark ?? '');

/** The viewport-height band a box starts in: 0 is the first screen. */
export function screenOf(box: Box, viewport: ViewportSize): number {
  return Math.floor(Math.max(0, box.y) / Math.max(1, viewport.height));
}

/** The number in a region id (`r12` → 12), which is its place in reading order. */
export function readingIndex(id: string): number {
  return Number(id.slice(1));
}

export function inReadingOrder<T extends { id: string }>(items: readonly T[]): T[] {
  return [...items].sort((a, b) => readingIndex(a.id) - readingIndex(b.id));
}

/**
 * Containers that enclose other regions or carry no text of their own: structure, not content.
 * A container's visible text would repeat its children's words in the container's own style,
 * so measuring it would count them twice. A container with text and no child regions is
 * treated like a text region.
 */
export function structuralIds(regions: readonly Region[]): Set<string> {
  const parents = new Set<string>();
  for (const region of regions) if (region.parentId) parents.add(region.parentId);
  const structural = regions.filter((r) => r.kind === 'container' && (parents.has(r.id) || r.text === ''));
  return new Set(structural.map((r) => r.id));
}

/** Regions that carry their own visible words. */
export function textRegions(regions: readonly Region[]): Region[] {
  const structural = structuralIds(regions);
  return regions.filter((r) => r.text.length > 0 && !structural.has(r.id));
}

export function bottom(box: Box): number {
  return box.y + box.height;
}

/** Whether two boxes share some horizontal extent (one sits above the other). */
export function overlapsHorizontally(a: Box, b: Box): boolean {
  return a.x < b.x + b.width && b.x < a.x + a.width;
}
