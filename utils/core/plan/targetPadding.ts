/**
 * Pointer targets under 24 × 24 CSS px without room around them (WCAG 2.2 SC 2.5.8, the same
 * test as utils/core/measure/targets.ts) get padding up to that size. Padding grows the area that
 * takes the pointer without changing the text, and on an inline link it leaves the line alone.
 */
import { MIN_TARGET, hasSpacing, isUndersized, pointerTargets } from '@/utils/core/measure/targets';
import type { Region } from '@/utils/core/schemas/region';
import { geometry, type Declarations } from '@/utils/core/plan/predict';

/**
 * Half the missing size on each side, rounded up, plus a pixel for subpixel boxes. Padding
 * replaces the padding already there, so the size counted is the content's: the smaller of the
 * box and the text the estimate sees in it (./predict.ts geometry), so the target reaches
 * 24 px whichever of the two the page's box is.
 */
const half = (content: number) => `${Math.ceil((MIN_TARGET - content) / 2) + 1}px`;

export function targetPadding(regions: readonly Region[]): Map<string, Declarations> {
  const targets = pointerTargets(regions);
  const out = new Map<string, Declarations>();
  for (const target of targets) {
    if (!isUndersized(target.box) || hasSpacing(target, targets)) continue;
    const d: Declarations = {};
    const content = geometry(target);
    if (target.box.height < MIN_TARGET)
      d['padding-top'] = d['padding-bottom'] = half(Math.min(target.box.height, content.line));
    if (target.box.width < MIN_TARGET)
      d['padding-left'] = d['padding-right'] = half(Math.min(target.box.width, content.text));
    out.set(target.id, d);
  }
  return out;
}
