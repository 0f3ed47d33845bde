/**
 * The actions the plan strengthens: one per screen, the critique's primary action (the first
 * filled call to action in the main content) on its screen, elsewhere the primary section's first
 * filled control, else its heaviest. Each is made to outweigh every other call to action on its
 * screen (utils/core/measure/primaryAction.ts compares those in its own part of the page, a subset).
 * Navigation is not a rival: a nav link is not an action competing with the page's own.
 */
import { toHex, type Rgba } from '@/utils/core/measure/color';
import { screenOf } from '@/utils/core/measure/layout';
import { callsToAction, primaryAction } from '@/utils/core/measure/primaryAction';
import {
  isFilled,
  pageBackground,
  rawWeight,
  surroundingsOf,
  visualWeights,
} from '@/utils/core/measure/weight';
import type { Blueprint } from '@/utils/core/schemas/plan';
import type { Region } from '@/utils/core/schemas/region';
import { opaqueColor } from '@/utils/core/plan/palette';
import type { Declarations } from '@/utils/core/plan/predict';
import { strengthenAction } from '@/utils/core/plan/strengthenAction';

/**
 * One action per screen to lead it: the critique's primary action (the first filled call to
 * action in the main content) on its screen, elsewhere the primary section's first filled control,
 * else its heaviest.
 */
export function leadActions(blueprint: Blueprint, regions: readonly Region[], height: number): Region[] {
  const byId = new Map(regions.map((r) => [r.id, r]));
  const weights = visualWeights(regions);
  const page = pageBackground(regions);
  const screen = (r: Region) => screenOf(r.box, { width: 0, height });
  const critique = primaryAction(regions);
  const leads = new Map<number, Region>();
  if (critique) leads.set(screen(critique), critique);
  for (const section of blueprint.sections) {
    if (section.emphasis !== 'primary') continue;
    const controls = section.regionIds
      .flatMap((id) => byId.get(id) ?? [])
      // Tabs, menu items, pagination and search submits never lead, as in the measure.
      .filter(
        (r) => r.kind === 'control' && !r.flags.disabled && (r.purpose === null || r.purpose === 'submit'),
      );
    const action =
      controls.find((r) => isFilled(r, surroundingsOf(r, byId, page))) ??
      controls.reduce<Region | undefined>(
        (best, r) => (!best || (weights.get(r.id) ?? 0) > (weights.get(best.id) ?? 0) ? r : best),
        undefined,
      );
    if (action && !leads.has(screen(action))) leads.set(screen(action), action);
  }
  return [...leads.values()];
}

export interface PlanSoFar {
  /** A region as the declarations planned so far draw it. */
  predicted: (region: Region) => Region;
  surroundings: (region: Region) => string;
  palette: readonly Rgba[];
  viewportHeight: number;
}

export function actionDeclarations(
  blueprint: Blueprint,
  regions: readonly Region[],
  plan: PlanSoFar,
): Map<string, Declarations> {
  const { predicted, surroundings, viewportHeight } = plan;
  const controls = regions.filter((r) => r.kind === 'control' && !r.flags.disabled);
  const fills = controls.flatMap((r) =>
    isFilled(r, surroundings(r)) ? (opaqueColor(r.style.background) ?? []) : [],
  );
  const controlFills = [...new Map(fills.map((c) => [toHex(c), c])).values()];
  const leads = leadActions(blueprint, regions, viewportHeight);
  const ctas = callsToAction(regions);
  const screen = (r: Region) => screenOf(r.box, { width: 0, height: viewportHeight });
  const out = new Map<string, Declarations>();
  // Text hidden at font-size 0 (image replacement) is left alone.
  for (const action of leads.filter((r) => r.style.fontSize >= 1)) {
    const rivals = ctas.filter((r) => !leads.includes(r) && screen(r) === screen(action));
    const rivalWeight = Math.max(0, ...rivals.map((r) => rawWeight(predicted(r), surroundings(r))));
    out.set(
      action.id,
      strengthenAction(predicted(action), rivalWeight, {
        surroundings: surroundings(action),
        palette: plan.palette,
        controlFills,
        scale: blueprint.typeScale,
      }),
    );
  }
  return out;
}
