/**
 * Which plan the critique shows when a model planned too: the one the measures predict scores
 * higher. Each plan's CSS patch is applied to the regions by the same estimate the offline
 * planner checks itself with (./predict.ts), re-measured, and scored (measured findings only).
 * Before the comparison, the offline plan's contrast and target fixes are carried into the
 * model's plan wherever the model does not fix the same region as well: a model that forgot
 * a failing colour does not undo the fix.
 */
import { measure, type ViewportSize } from '@/utils/core/measure';
import { score } from '@/utils/core/measure/score';
import type { Finding } from '@/utils/core/schemas/finding';
import type { Blueprint, ContentCheck, CssPatch } from '@/utils/core/schemas/plan';
import type { Region } from '@/utils/core/schemas/region';
import { toCssPatch } from '@/utils/core/plan/cssPatch';
import { predict, predictPatch } from '@/utils/core/plan/predict';
import { restage } from '@/utils/core/plan/restage';

export interface PlanChoice {
  used: 'model' | 'offline';
  modelScore: number;
  offlineScore: number;
  /** Offline contrast and target fixes carried into the model's plan. */
  carried: number;
  /** "Model plan used: predicted 91 vs offline 88." */
  sentence: string;
}

/** The score the page would get with `patch` applied, by the plan's own estimate. */
export function predictedScore(regions: readonly Region[], patch: CssPatch, viewport: ViewportSize): number {
  return score(measure(predictPatch(regions, patch), viewport)).value;
}

const TARGET_PROPERTIES = ['padding-top', 'padding-bottom', 'padding-left', 'padding-right'] as const;

/**
 * The model's patch with the offline colour fixes (contrast) and padding fixes (targets) added
 * for each region where the model's own declarations predict a lower contrast or a smaller
 * target than the offline fix does.
 */
export function carryOfflineFixes(
  model: CssPatch,
  offline: CssPatch,
  regions: readonly Region[],
): { patch: CssPatch; carried: number } {
  const byId = new Map(regions.map((r) => [r.id, r]));
  const entries = new Map(model.map((e) => [e.regionId, { ...e.declarations }]));
  let carried = 0;
  for (const { regionId, declarations: fix } of offline) {
    const region = byId.get(regionId);
    if (!region) continue;
    const mine = entries.get(regionId) ?? {};
    const add: typeof mine = {};
    if (fix.color) {
      const theirs = predict(region, fix).style.contrast ?? 0;
      const ours = predict(region, mine).style.contrast ?? 0;
      if (ours < theirs) add.color = fix.color;
    }
    if (TARGET_PROPERTIES.some((p) => fix[p])) {
      const size = (r: Region) => Math.min(r.box.width, r.box.height);
      const padding = Object.fromEntries(TARGET_PROPERTIES.flatMap((p) => (fix[p] ? [[p, fix[p]]] : [])));
      if (size(predict(region, mine)) < size(predict(region, { ...mine, ...padding })))
        Object.assign(add, padding);
    }
    if (Object.keys(add).length === 0) continue;
    carried++;
    entries.set(regionId, { ...mine, ...add });
  }
  const order = new Map(regions.map((r, i) => [r.id, i]));
  const patch = [...entries]
    .filter(([, d]) => Object.keys(d).length > 0)
    .sort(([a], [b]) => (order.get(a) ?? 0) - (order.get(b) ?? 0))
    .map(([regionId, declarations]) => ({ regionId, declarations }));
  return { patch, carried };
}

/** The model's plan (with the offline fixes carried in) when it predicts at least the offline score. */
export function choosePlan(
  model: CssPatch,
  offline: CssPatch,
  regions: readonly Region[],
  viewport: ViewportSize,
): PlanChoice & { patch: CssPatch } {
  const { patch, carried } = carryOfflineFixes(model, offline, regions);
  const modelScore = predictedScore(regions, patch, viewport);
  const offlineScore = predictedScore(regions, offline, viewport);
  const used = modelScore >= offlineScore ? 'model' : 'offline';
  const kept =
    carried > 0 ? `, with ${carried} offline contrast or target fix${carried === 1 ? '' : 'es'} kept` : '';
  const sentence =
    used === 'model'
      ? `Model plan used: predicted ${modelScore} vs offline ${offlineScore}${kept}.`
      : `Offline plan kept: the model’s predicted ${modelScore} vs ${offlineScore}.`;
  return { used, modelScore, offlineScore, carried, sentence, patch: used === 'model' ? patch : offline };
}

/** How many entries the plan's self-check tries taking out, at most. */
const SELF_CHECK_LIMIT = 40;

/**
 * The patch less the entries whose removal the measures predict scores higher, tried from the
 * last, until the plan predicts at least `now` (the page's score as it is): a plan never
 * predicts lower than the page it came from. Costs one measure when the plan already gains.
 */
export function withoutLosses(
  patch: CssPatch,
  regions: readonly Region[],
  viewport: ViewportSize,
  now: number,
): CssPatch {
  let kept = patch;
  let predicted = predictedScore(regions, kept, viewport);
  for (const entry of [...patch].reverse().slice(0, SELF_CHECK_LIMIT)) {
    if (predicted >= now) break;
    const without = kept.filter((e) => e !== entry);
    const score = predictedScore(regions, without, viewport);
    if (score > predicted) [kept, predicted] = [without, score];
  }
  return kept;
}

/**
 * The offline plan as the plan stage makes it: blueprint, its CSS patch checked against the page,
 * and the content check. `pageScore` is the page's own score when the findings given are not all
 * it has (ignored ones are set aside but still count): the patch must not predict lower.
 */
export function offlinePlan(
  regions: readonly Region[],
  findings: readonly Finding[],
  viewport: ViewportSize,
  pageScore?: number,
): { blueprint: Blueprint; cssPatch: CssPatch; contentCheck: ContentCheck } {
  const { blueprint, contentCheck } = restage(regions, findings, viewport);
  const measured = findings.filter((f) => f.basis === 'measured');
  const now = pageScore ?? score(measured).value;
  const cssPatch = withoutLosses(toCssPatch(blueprint, regions), regions, viewport, now);
  return { blueprint, cssPatch, contentCheck };
}
