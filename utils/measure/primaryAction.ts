/**
 * The primary call to action: it should outweigh secondary actions and navigation, and be
 * visible without scrolling. Which control is primary is read from its fill, so these
 * findings carry low confidence.
 */
import type { Region } from '@/utils/schemas';
import type { MeasuredDraft } from './rules';
import { fixed, px } from './format';
import { isChrome, screenOf, type ViewportSize } from './layout';
import { isFilled, pageBackground, surroundingsOf } from './weight';

type Draft = MeasuredDraft;

/**
 * The intended primary action: the first control in the main content that paints its own
 * fill (a filled button). Without one the intent is unknown, and nothing is claimed.
 */
export function primaryAction(regions: readonly Region[]): Region | undefined {
  const byId = new Map(regions.map((r) => [r.id, r]));
  const page = pageBackground(regions);
  return regions.find(
    (r) =>
      r.kind === 'control' && !r.flags.disabled && !isChrome(r) && isFilled(r, surroundingsOf(r, byId, page)),
  );
}

export function primaryActionFindings(
  regions: readonly Region[],
  viewport: ViewportSize,
  weights: Map<string, number>,
): Draft[] {
  const cta = primaryAction(regions);
  if (!cta) return [];
  const own = weights.get(cta.id) ?? 0;
  const heavier = (r: Region) =>
    r.id !== cta.id && r.kind === 'control' && (weights.get(r.id) ?? 0) > own * 1.05;
  const w = (r: Region) => `${r.id} ${fixed(weights.get(r.id) ?? 0)}`;
  const screen = screenOf(cta.box, viewport);
  const secondary = regions.filter((r) => heavier(r) && !isChrome(r) && screenOf(r.box, viewport) === screen);
  const nav = regions.filter((r) => heavier(r) && isChrome(r));
  const findings: Draft[] = [];
  const weaker = (label: string, rivals: Region[]) =>
    findings.push({
      title: `Primary action is weaker than ${label}`,
      detail: `primary ${w(cta)} vs ${rivals.map(w).join(', ')} (visual weight, heaviest region 1.00)`,
      severity: 'major',
      category: 'hierarchy',
      basis: 'measured',
      rule: 'primary-action-weak',
      regionIds: [cta.id, ...rivals.map((r) => r.id)],
      confidence: 0.5,
    });
  if (secondary.length > 0) weaker('secondary actions', secondary);
  if (nav.length > 0) weaker('navigation items', nav);
  if (cta.box.y >= viewport.height) {
    findings.push({
      title: 'Primary action is below the fold',
      detail: `${cta.id} starts at y=${px(cta.box.y)}, below the ${px(viewport.height)} first screen`,
      severity: 'major',
      category: 'hierarchy',
      basis: 'measured',
      rule: 'primary-action-below-fold',
      regionIds: [cta.id],
      confidence: 0.5,
    });
  }
  return findings;
}
