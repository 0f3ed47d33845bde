/**
 * Text that fails WCAG 2.x SC 1.4.3 (AA) once the plan's type changes apply gets the nearest
 * passing colour from the page's palette (./palette.ts). The check runs on the predicted style:
 * text the plan makes smaller can lose its large-text allowance and need 4.5:1 instead of 3:1.
 * Only the text colour changes; its background stays, so the page's surfaces are untouched.
 * Text drawn translucent keeps its transparency (it may come from an `opacity` the plan cannot
 * change), so candidates are judged at that transparency.
 */
import {
  WHITE,
  composite,
  contrastRatio,
  parseColor,
  textContrast,
  type Rgba,
} from '@/utils/core/measure/color';
import { checkContrast } from '@/utils/core/measure/contrast';
import type { Region } from '@/utils/core/schemas/region';
import { nearestPassingColor, type ColorChoice } from '@/utils/core/plan/palette';
import type { Declarations } from '@/utils/core/plan/predict';

export function contrastFix(
  predicted: Region,
  structural: Set<string>,
  palette: readonly Rgba[],
): ColorChoice | null {
  const check = checkContrast(predicted, 'AA', structural);
  if (check.outcome !== 'failed') return null;
  const shown = textContrast(predicted.style.color, predicted.style.background);
  if (!shown || check.ratio === null) return null;
  // Extraction sees what the two colours cannot (a gradient behind the text, a halo): when it
  // measured less than the colours give, the new colour must make up the difference.
  const shortfall = Math.max(1, shown.ratio / check.ratio);
  const alpha = parseColor(predicted.style.color)?.a ?? 1;
  return nearestPassingColor(
    shown.foreground,
    shown.background,
    Math.min(21, check.required * shortfall),
    palette,
    alpha,
  );
}

/** WCAG 1.4.1, technique G183: a link told apart by colour alone needs 3:1 against the text around it. */
export const LINK_TO_TEXT = 3;

const isLink = (r: Region) => r.role === 'link' || (r.tag === 'a' && r.kind === 'control');

/**
 * Links that are regions of their own inside a text region keep their own colour when the text
 * around them is recoloured (utils/core/plan/stylesheet.ts), and the reverse. Where the plan
 * changed either colour and the link is then under LINK_TO_TEXT against its text, the link is
 * underlined (G183's other cue). Links whose colours the plan leaves alone are left alone.
 */
export function linkCues(
  regions: readonly Region[],
  predicted: (region: Region) => Region,
): Map<string, Declarations> {
  const byId = new Map(regions.map((r) => [r.id, r]));
  const out = new Map<string, Declarations>();
  for (const link of regions) {
    const text = byId.get(link.parentId ?? '');
    if (!isLink(link) || text?.kind !== 'text') continue;
    const [linkNow, textNow] = [predicted(link), predicted(text)];
    if (linkNow.style.color === link.style.color && textNow.style.color === text.style.color) continue;
    const a = parseColor(linkNow.style.color);
    const b = parseColor(textNow.style.color);
    if (!a || !b) continue;
    const behind = parseColor(textNow.style.background) ?? WHITE;
    if (contrastRatio(composite(a, behind), composite(b, behind)) < LINK_TO_TEXT)
      out.set(link.id, { 'text-decoration-line': 'underline' });
  }
  return out;
}
