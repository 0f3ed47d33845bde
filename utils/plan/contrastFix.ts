/**
 * Text that fails WCAG 2.x SC 1.4.3 (AA) once the plan's type changes apply gets the nearest
 * passing colour from the page's palette (./palette.ts). The check runs on the predicted style:
 * text the plan makes smaller can lose its large-text allowance and need 4.5:1 instead of 3:1.
 * Only the text colour changes; its background stays, so the page's surfaces are untouched.
 * Text drawn translucent keeps its transparency (it may come from an `opacity` the plan cannot
 * change), so candidates are judged at that transparency.
 */
import { parseColor, textContrast, type Rgba } from '@/utils/measure/color';
import { checkContrast } from '@/utils/measure/contrast';
import type { Region } from '@/utils/schemas';
import { nearestPassingColor, type ColorChoice } from './palette';

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
