/**
 * Text contrast: WCAG 2.1 SC 1.4.3 Contrast (Minimum, AA) and SC 1.4.6 Contrast (Enhanced, AAA),
 * with per-rule outcomes that mirror the W3C ACT rules afw4f7 and 09o5cg.
 * https://www.w3.org/TR/WCAG21/#contrast-minimum, https://www.w3.org/TR/WCAG21/#contrast-enhanced
 */
import type { Region, RegionStyle } from '@/utils/core/schemas/region';
import type { MeasuredDraft } from '@/utils/core/measure/rules';
import { parseColor, textContrast, toHex, type TextContrast } from '@/utils/core/measure/color';
import { listIds, px, ratioText } from '@/utils/core/measure/format';
import { structuralIds } from '@/utils/core/measure/layout';

export type Outcome = 'passed' | 'failed' | 'needs-review' | 'inapplicable';
export type ContrastLevel = 'AA' | 'AAA';

export const CONTRAST_RULE = { AA: 'wcag-1.4.3', AAA: 'wcag-1.4.6' } as const;

/** Large scale text: at least 18pt (24px), or 14pt (18.66px) bold. https://www.w3.org/TR/WCAG21/#dfn-large-scale */
export function isLargeText(style: Pick<RegionStyle, 'fontSize' | 'fontWeight'>): boolean {
  return style.fontSize >= 24 || (style.fontSize >= 18.66 && style.fontWeight >= 700);
}

/** 1.4.3: 4.5:1, or 3:1 for large text. 1.4.6: 7:1, or 4.5:1 for large text. */
export function requiredRatio(level: ContrastLevel, large: boolean): number {
  if (level === 'AA') return large ? 3 : 4.5;
  return large ? 4.5 : 7;
}

/**
 * Symbols such as `X` or `----` are not text in a human language, which the ACT rules pass
 * whatever their contrast. Two letters in a row, a digit, or a CJK character count as language.
 */
const LANGUAGE =
  /\p{L}\p{M}*\p{L}|\p{N}|[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}]/u;

export interface ContrastCheck {
  regionId: string;
  outcome: Outcome;
  required: number;
  large: boolean;
  /** The measured ratio, or null when it cannot be known. */
  ratio: number | null;
  measured: TextContrast | null;
  reason: string;
}

export function checkContrast(
  region: Region,
  level: ContrastLevel,
  structural = new Set<string>(),
): ContrastCheck {
  const large = isLargeText(region.style);
  const required = requiredRatio(level, large);
  // Built whole rather than spread from a base: this runs for every region, several times a plan.
  const result = (
    outcome: Outcome,
    reason: string,
    ratio: number | null = null,
    measured: TextContrast | null = null,
  ): ContrastCheck => ({
    regionId: region.id,
    required,
    large,
    ratio,
    measured,
    outcome,
    reason,
  });
  if (region.text.length === 0 || structural.has(region.id))
    return result('inapplicable', 'no visible text of its own');
  if (region.flags.private) return result('inapplicable', 'masked private content');
  // 1.4.3 exempts "text or images of text that are part of an inactive user interface component".
  if (region.flags.disabled) return result('inapplicable', 'disabled control');
  if (!LANGUAGE.test(region.text)) return result('passed', 'not text in a human language');
  // Over an image the pixels decide, and styles do not show them: needs review, never a pass.
  // A gradient is sampled exactly over the text's extent, and a text-shadow halo is a solid
  // background of its own; extraction then gives a ratio, as W3C ACT afw4f7 expects (its
  // gradient and halo examples pass or fail, they are not left undecided).
  if (region.style.contrast === null) {
    const reason =
      region.style.backgroundKind === 'image/gradient'
        ? 'text over an image or gradient'
        : 'contrast could not be determined';
    return result('needs-review', reason);
  }
  // The region's own ratio is authoritative: extraction composites translucent text the same way
  // and also sees what the two colors cannot show (a text-shadow halo, the worst nested text).
  // The colors, composited here, explain the number in the finding.
  const measured = textContrast(region.style.color, region.style.background);
  const ratio = region.style.contrast;
  return ratio >= required
    ? result('passed', 'meets', ratio, measured)
    : result('failed', 'below', ratio, measured);
}

/**
 * The outcome of one rule over a set of regions, as ACT reports it for a test case: failed if
 * any region fails; needs-review if any cannot be decided and none fails; passed if every
 * applicable region passes; inapplicable if none applies.
 */
export function contrastOutcome(
  regions: readonly Region[],
  level: ContrastLevel,
): { rule: string; outcome: Outcome; checks: ContrastCheck[] } {
  const structural = structuralIds(regions);
  const checks = regions.map((r) => checkContrast(r, level, structural));
  // The first outcome present, in this order of precedence, decides the rule.
  const precedence: Outcome[] = ['failed', 'needs-review', 'passed'];
  const outcome = precedence.find((o) => checks.some((c) => c.outcome === o)) ?? 'inapplicable';
  return { rule: CONTRAST_RULE[level], outcome, checks };
}

function failureDetail(region: Region, check: ContrastCheck): string {
  const colors = check.measured
    ? `, ${toHex(check.measured.foreground)} on ${toHex(check.measured.background)}`
    : '';
  const alpha = parseColor(region.style.color)?.a ?? 1;
  const composited = alpha < 1 ? ` (text alpha ${Math.round(alpha * 100) / 100} composited)` : '';
  const size = `${px(region.style.fontSize)} ${region.style.fontWeight}${check.large ? ', large text' : ''}`;
  const differs = check.measured && Math.abs(check.measured.ratio - (check.ratio ?? 1)) > 0.01;
  const note = differs ? ` (the colors alone give ${ratioText(check.measured?.ratio ?? 1)})` : '';
  return `${region.id} ${ratioText(check.ratio ?? 1, check.required)} (needs ${check.required}:1)${colors}${composited}${note}, ${size}`;
}

function failure(
  group: readonly { region: Region; check: ContrastCheck }[],
  level: ContrastLevel,
): MeasuredDraft {
  const [first] = group;
  const { region, check } = first!;
  // Under two thirds of the threshold (about 3:1 for body text) is far enough below to be critical.
  const far = group.some(({ check: c }) => (c.ratio ?? 1) < (c.required * 2) / 3);
  const ids = group.map((g) => g.region.id);
  return {
    title: level === 'AA' ? 'Text contrast below WCAG AA' : 'Text contrast below WCAG AAA (meets AA)',
    detail: group.length === 1 ? failureDetail(region, check) : groupDetail(group),
    severity: level === 'AAA' ? 'minor' : far ? 'critical' : 'major',
    category: 'contrast',
    basis: 'measured',
    rule: CONTRAST_RULE[level],
    regionIds: ids,
    // Computed styles miss text-shadow halos and ancestor opacity.
    confidence: 0.9,
  };
}

/** `25 regions (r3, r4, …) with #777777 on #ffffff, 4.48:1 (needs 4.5:1)`: one color pair, many places. */
function groupDetail(group: readonly { region: Region; check: ContrastCheck }[]): string {
  const { check } = group[0]!;
  const ratios = group.map((g) => g.check.ratio ?? 1);
  const low = Math.min(...ratios);
  const high = Math.max(...ratios);
  const range =
    high - low < 0.005
      ? ratioText(low, check.required)
      : `${ratioText(low, check.required).replace(':1', '')}–${ratioText(high, check.required)}`;
  const colors = check.measured
    ? ` with ${toHex(check.measured.foreground)} on ${toHex(check.measured.background)}`
    : '';
  return `${group.length} regions (${listIds(group.map((g) => g.region.id))})${colors}, ${range} (needs ${check.required}:1)`;
}

/** Failures with the same color pair and threshold are one problem, found in many places. */
function groupKey(check: ContrastCheck, level: ContrastLevel): string {
  const colors = check.measured
    ? `${toHex(check.measured.foreground)}/${toHex(check.measured.background)}`
    : `ratio ${check.ratio}`;
  return `${level} ${check.required} ${colors}`;
}

/**
 * One finding per color pair that fails (AA failures, then AAA-only failures, so a region is
 * named once): a page with 25 links in the same grey gets one finding listing 25 regions. Plus
 * one "needs review" finding per undecidable reason. Never a pass for text over an image or
 * gradient: its contrast depends on pixels the styles do not show.
 */
export function contrastFindings(regions: readonly Region[]): MeasuredDraft[] {
  const byId = new Map(regions.map((r) => [r.id, r]));
  const aa = contrastOutcome(regions, 'AA').checks;
  const aaa = contrastOutcome(regions, 'AAA').checks;
  const failures = new Map<
    string,
    { level: ContrastLevel; group: { region: Region; check: ContrastCheck }[] }
  >();
  const fail = (region: Region, check: ContrastCheck, level: ContrastLevel) => {
    const key = groupKey(check, level);
    const entry = failures.get(key) ?? { level, group: [] };
    failures.set(key, entry);
    entry.group.push({ region, check });
  };
  const undecided = new Map<string, string[]>();
  aa.forEach((check, i) => {
    const region = byId.get(check.regionId);
    const enhanced = aaa[i];
    if (!region || !enhanced) return;
    if (check.outcome === 'failed') fail(region, check, 'AA');
    else if (check.outcome === 'passed' && enhanced.outcome === 'failed') fail(region, enhanced, 'AAA');
    else if (check.outcome === 'needs-review') {
      const ids = undecided.get(check.reason) ?? [];
      undecided.set(check.reason, ids);
      ids.push(region.id);
    }
  });
  const ordered = [...failures.values()].sort((a, b) =>
    a.level === b.level ? 0 : a.level === 'AA' ? -1 : 1,
  );
  const findings = ordered.map(({ group, level }) => failure(group, level));
  for (const [reason, ids] of undecided) {
    findings.push({
      title: `Contrast needs review: ${reason}`,
      detail: `${ids.length} text region${ids.length === 1 ? '' : 's'} (${listIds(ids)}): check 1.4.3 and 1.4.6 by eye`,
      severity: 'info',
      category: 'contrast',
      basis: 'measured',
      rule: `needs-review:${CONTRAST_RULE.AA}` as const,
      regionIds: ids,
      confidence: 0.5,
    });
  }
  return findings;
}
