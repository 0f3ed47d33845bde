/**
 * Target size: WCAG 2.2 SC 2.5.8 Target Size (Minimum, AA) asks for pointer targets of at
 * least 24 × 24 CSS px. https://www.w3.org/TR/WCAG22/#target-size-minimum
 *
 * Exceptions applied:
 * - spacing: a 24 px diameter circle centred on the undersized target's bounding box
 *   intersects no other target and no other undersized target's circle;
 * - inline: the target is in a sentence, or its size is constrained by the line height of
 *   non-target text. A link inside a paragraph is part of that paragraph's region and never a
 *   target region here; a target region that shares its line with other words (a byline's
 *   author link) carries `flags.inText` (utils/page/regions/controlFacts.ts). As in axe-core,
 *   inline blocks count, so a button on the line of its field's label is exempt too.
 * Not applied, since styles cannot tell: equivalent (another control for the same function),
 * user-agent controls left unstyled, and essential presentation.
 */
import type { Box, Region } from '@/utils/core/schemas/region';
import type { MeasuredDraft } from '@/utils/core/measure/rules';
import { px } from '@/utils/core/measure/format';

export const MIN_TARGET = 24;

const center = (box: Box) => ({ x: box.x + box.width / 2, y: box.y + box.height / 2 });

function distanceToBox(point: { x: number; y: number }, box: Box): number {
  const dx = Math.max(box.x - point.x, 0, point.x - (box.x + box.width));
  const dy = Math.max(box.y - point.y, 0, point.y - (box.y + box.height));
  return Math.hypot(dx, dy);
}

export const isUndersized = (box: Box) => box.width < MIN_TARGET || box.height < MIN_TARGET;

/** Interactive, enabled and rendered: every target, the inline ones included. */
export function allTargets(regions: readonly Region[]): Region[] {
  return regions.filter(
    (r) => r.flags.interactive && !r.flags.disabled && r.box.width > 0 && r.box.height > 0,
  );
}

/** The targets 2.5.8 judges: all but those inline in a line of text. */
export function pointerTargets(regions: readonly Region[]): Region[] {
  return allTargets(regions).filter((r) => !r.flags.inText);
}

/** The 2.5.8 spacing exception: a 24 px diameter circle on the target's centre has room. */
export function hasSpacing(target: Region, targets: readonly Region[]): boolean {
  const c = center(target.box);
  const radius = MIN_TARGET / 2;
  return targets.every((other) => {
    if (other.id === target.id) return true;
    if (distanceToBox(c, other.box) < radius) return false;
    if (!isUndersized(other.box)) return true;
    const o = center(other.box);
    return Math.hypot(c.x - o.x, c.y - o.y) >= MIN_TARGET;
  });
}

/** One finding for all undersized targets: the same fix (bigger targets or more room) applies to each. */
export function targetFindings(regions: readonly Region[]): MeasuredDraft[] {
  // Inline targets are exempt themselves, but other targets' circles must still clear them.
  const targets = allTargets(regions);
  const small = pointerTargets(regions).filter((t) => isUndersized(t.box) && !hasSpacing(t, targets));
  if (small.length === 0) return [];
  const size = (t: Region) => `${t.id} ${px(t.box.width)} × ${px(t.box.height)}`;
  const shown = small.slice(0, 8).map(size).join(', ');
  const more = small.length > 8 ? ` and ${small.length - 8} more` : '';
  return [
    {
      title:
        small.length === 1
          ? 'Target smaller than 24 × 24 px'
          : `${small.length} targets smaller than 24 × 24 px`,
      detail: `${shown}${more}, too close to other targets for the spacing exception`,
      severity: 'major',
      category: 'targets',
      basis: 'measured',
      rule: 'wcag-2.5.8',
      regionIds: small.map((t) => t.id),
      // The equivalent-control and user-agent exceptions are not checked.
      confidence: 0.8,
    },
  ];
}
