/**
 * The primary call to action: it should outweigh the other actions in its part of the page,
 * and be visible without scrolling. It is looked for only among calls to action in the main
 * content: filled or outlined buttons (links styled as buttons included) and the submit
 * control of a form. Navigation, tabs, menus, pagination and search or quick-menu submits
 * never count, and a page without a call to action (an article, documentation) gets no
 * finding. Which action is primary is an intent read from styles, so confidence stays low.
 */
import type { Region } from '@/utils/core/schemas/region';
import type { MeasuredDraft } from '@/utils/core/measure/rules';
import { fixed, px } from '@/utils/core/measure/format';
import { isChrome, screenOf, type ViewportSize } from '@/utils/core/measure/layout';
import { isFilled, pageBackground, surroundingsOf } from '@/utils/core/measure/weight';

type Draft = MeasuredDraft;

const WORDS = /[\p{L}\p{N}]/u;

/**
 * A call to action in the main content: an enabled control with words, outside page chrome
 * and search, that is not a tab, menu item or pagination link, and submits a form or looks
 * like a button (a fill or a border all round) and shows words. Links in a line of text are
 * not buttons; icon-only controls are not calls to action.
 */
export function callsToAction(regions: readonly Region[]): Region[] {
  const byId = new Map(regions.map((r) => [r.id, r]));
  const page = pageBackground(regions);
  return regions.filter(
    (r) =>
      r.kind === 'control' &&
      !r.flags.disabled &&
      !(r.flags.inText && r.role === 'link') &&
      !isChrome(r) &&
      r.landmark !== 'search' &&
      (r.purpose === null || r.purpose === 'submit') &&
      WORDS.test(r.text) &&
      (r.purpose === 'submit' || r.flags.bordered || isFilled(r, surroundingsOf(r, byId, page))),
  );
}

/**
 * The intended primary action: the first filled call to action, else the first form submit,
 * else the first outlined one. Without any, the intent is unknown, and nothing is claimed.
 */
export function primaryAction(regions: readonly Region[]): Region | undefined {
  const byId = new Map(regions.map((r) => [r.id, r]));
  const page = pageBackground(regions);
  const ctas = callsToAction(regions);
  return (
    ctas.find((r) => isFilled(r, surroundingsOf(r, byId, page))) ??
    ctas.find((r) => r.purpose === 'submit') ??
    ctas[0]
  );
}

/** The part of the page a region belongs to: its section or landmark, else the page. */
const areaOf = (r: Region) => r.landmark ?? '';

export function primaryActionFindings(
  regions: readonly Region[],
  viewport: ViewportSize,
  weights: Map<string, number>,
): Draft[] {
  const cta = primaryAction(regions);
  if (!cta) return [];
  const own = weights.get(cta.id) ?? 0;
  const w = (r: Region) => `${r.id} ${fixed(weights.get(r.id) ?? 0)}`;
  const screen = screenOf(cta.box, viewport);
  // Secondary actions: the other calls to action in the same part of the page and screen.
  const rivals = callsToAction(regions).filter(
    (r) =>
      r.id !== cta.id &&
      areaOf(r) === areaOf(cta) &&
      screenOf(r.box, viewport) === screen &&
      (weights.get(r.id) ?? 0) > own * 1.05,
  );
  const findings: Draft[] = [];
  if (rivals.length > 0) {
    findings.push({
      title: 'Primary action is weaker than secondary actions',
      detail: `primary ${w(cta)} vs ${rivals.map(w).join(', ')} (visual weight, heaviest region 1.00)`,
      severity: 'major',
      category: 'hierarchy',
      basis: 'measured',
      rule: 'primary-action-weak',
      regionIds: [cta.id, ...rivals.map((r) => r.id)],
      confidence: 0.5,
    });
  }
  // A form's submit belongs at the end of its form, wherever that is.
  if (cta.box.y >= viewport.height && cta.purpose !== 'submit') {
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
