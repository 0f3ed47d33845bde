/**
 * The primary action made the strongest control: it must outweigh every secondary action on
 * its screen and every navigation item, by the visual-weight measure the critique uses
 * (utils/core/measure/weight.ts), with a margin so the re-measured page agrees. In order, the
 * button gets a bold label, a fill from the page's palette that stands out from its
 * surroundings (3:1, the WCAG 1.4.11 non-text contrast for a component's boundary) when its
 * own does not, then padding and a label size up the type scale until it leads.
 */
import type { Rgba } from '@/utils/core/measure/color';
import { contrastRatio, toHex } from '@/utils/core/measure/color';
import { requiredRatio } from '@/utils/core/measure/contrast';
import { fillContrast, rawWeight } from '@/utils/core/measure/weight';
import type { Blueprint } from '@/utils/core/schemas/plan';
import type { Region } from '@/utils/core/schemas/region';
import { opaqueColor, sameHueFamily, strongestColor } from '@/utils/core/plan/palette';
import { geometry, predict, type Declarations } from '@/utils/core/plan/predict';

/** The weight lead the plan aims for: the measure calls a rival heavier above 1.05×. */
export const LEAD = 1.2;
/** WCAG 2.1 SC 1.4.11: 3:1 against adjacent colours for what identifies a component. */
const FILL_CONTRAST = 3;

export interface ActionContext {
  /** What the action sits on, as a CSS colour. */
  surroundings: string;
  palette: readonly Rgba[];
  /** Fills other controls on the page already use: the page's own button colours. */
  controlFills: readonly Rgba[];
  scale: Blueprint['typeScale'];
}

/** A fill that stands out: the action's own hue if the palette has one, else a control colour, else any. */
function strongFill(action: Region, context: ActionContext): Rgba | null {
  const around = opaqueColor(context.surroundings);
  if (!around || fillContrast(action, context.surroundings) >= FILL_CONTRAST) return null;
  const own = opaqueColor(action.style.background);
  // A button that paints a fill of its own keeps its hue when the palette has a stronger shade of it.
  const ownFill = own && contrastRatio(own, around) >= 1.1 ? own : null;
  const strong = (c: Rgba) => contrastRatio(c, around) >= FILL_CONTRAST;
  const pools = [
    ownFill ? context.palette.filter((c) => sameHueFamily(c, ownFill)) : [],
    context.controlFills,
    context.palette,
  ];
  for (const pool of pools) {
    const best = pool
      .filter(strong)
      .reduce<Rgba | null>(
        (win, c) => (!win || contrastRatio(c, around) > contrastRatio(win, around) ? c : win),
        null,
      );
    if (best) return best;
  }
  return null;
}

/**
 * Declarations that make `action` outweigh `rivalWeight` (the raw weight of its heaviest rival,
 * after the rest of the plan) by LEAD, or come as close as two steps of the scale allow.
 */
export function strengthenAction(action: Region, rivalWeight: number, context: ActionContext): Declarations {
  const target = LEAD * rivalWeight;
  const base: Declarations = {};
  if (action.style.fontWeight < 700) base['font-weight'] = '700';
  const fill = strongFill(action, context);
  if (fill) {
    base['background-color'] = toHex(fill);
    // On a new fill, the label that stands out most among the palette's colours of its hue, at
    // the 4.5:1 body-text minimum whatever size it ends up (WCAG 1.4.3).
    const label = opaqueColor(action.style.color) ?? fill;
    base.color = strongestColor(label, fill, requiredRatio('AA', false), context.palette).hex;
  }
  const weight = (d: Declarations) => rawWeight(predict(action, d), context.surroundings);
  if (weight(base) > target) return base;
  // Then label sizes from its own (at least the base) up two steps of the scale, with padding
  // of 0.6em and 1.2em (never less than it has), until it leads.
  const { scale } = context;
  const own = action.style.fontSize;
  const geo = geometry(action);
  const first = Math.max(
    0,
    Math.round(Math.log(Math.max(own, scale.base) / scale.base) / Math.log(scale.ratio)),
  );
  let d = base;
  for (let k = first; k <= Math.max(first, 2); k++) {
    const size = Math.max(own, Math.round(scale.base * scale.ratio ** k));
    const padY = Math.max(Math.round(geo.padY), Math.round(0.6 * size));
    const padX = Math.max(Math.round(geo.padX), 2 * padY);
    d = { ...base };
    if (size !== own) d['font-size'] = `${size}px`;
    if (padY > geo.padY + 1) d['padding-top'] = d['padding-bottom'] = `${padY}px`;
    if (padX > geo.padX + 1) d['padding-left'] = d['padding-right'] = `${padX}px`;
    if (weight(d) > target) break;
  }
  return d;
}
