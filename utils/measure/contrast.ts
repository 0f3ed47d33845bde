/**
 * Text contrast: WCAG 2.1 SC 1.4.3 Contrast (Minimum, AA) and SC 1.4.6 Contrast (Enhanced, AAA),
 * with per-rule outcomes that mirror the W3C ACT rules afw4f7 and 09o5cg.
 * https://www.w3.org/TR/WCAG21/#contrast-minimum, https://www.w3.org/TR/WCAG21/#contrast-enhanced
 */
import type { Finding, Region, RegionStyle } from '@/utils/schemas';
import { textContrast, toHex, type TextContrast } from './color';
import { listIds, px, ratioText } from './format';
import { structuralIds } from './layout';

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
  const base = {
    regionId: region.id,
    required: requiredRatio(level, large),
    large,
    ratio: null,
    measured: null,
  };
  if (region.text.length === 0 || structural.has(region.id)) {
    return { ...base, outcome: 'inapplicable', reason: 'no visible text of its own' };
  }
  if (region.flags.private) return { ...base, outcome: 'inapplicable', reason: 'masked private content' };
  // 1.4.3 exempts "text or images of text that are part of an inactive user interface component".
  if (region.flags.disabled) return { ...base, outcome: 'inapplicable', reason: 'disabled control' };
  if (!LANGUAGE.test(region.text))
    return { ...base, outcome: 'passed', reason: 'not text in a human language' };
  if (region.style.backgroundKind === 'image/gradient') {
    return { ...base, outcome: 'needs-review', reason: 'text over an image or gradient' };
  }
  if (region.style.contrast === null) {
    return { ...base, outcome: 'needs-review', reason: 'contrast could not be determined' };
  }
  const measured = textContrast(region.style.color, region.style.background);
  const ratio = measured?.ratio ?? region.style.contrast;
  const outcome = ratio >= base.required ? 'passed' : 'failed';
  return { ...base, outcome, ratio, measured, reason: outcome === 'passed' ? 'meets' : 'below' };
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
  const has = (o: Outcome) => checks.some((c) => c.outcome === o);
  const outcome: Outcome = has('failed')
    ? 'failed'
    : has('needs-review')
      ? 'needs-review'
      : has('passed')
        ? 'passed'
        : 'inapplicable';
  return { rule: CONTRAST_RULE[level], outcome, checks };
}

function failureDetail(region: Region, check: ContrastCheck): string {
  const colors = check.measured
    ? `, ${toHex(check.measured.foreground)} on ${toHex(check.measured.background)}`
    : '';
  const alpha = region.style.color.match(/,\s*(0?\.\d+)\s*\)$/);
  const composited = alpha ? ` (text alpha ${alpha[1]} composited)` : '';
  const size = `${px(region.style.fontSize)} ${region.style.fontWeight}${check.large ? ', large text' : ''}`;
  return `${region.id} ${ratioText(check.ratio ?? 1, check.required)} (needs ${check.required}:1)${colors}${composited}, ${size}`;
}

/**
 * One finding per failing region (AA failures, then AAA-only failures, so a region is named
 * once), plus one "needs review" finding per undecidable reason. Never a pass for text over
 * an image or gradient: its contrast depends on pixels the styles do not show.
 */
export function contrastFindings(regions: readonly Region[]): Omit<Finding, 'id'>[] {
  const byId = new Map(regions.map((r) => [r.id, r]));
  const aa = contrastOutcome(regions, 'AA').checks;
  const aaa = contrastOutcome(regions, 'AAA').checks;
  const findings: Omit<Finding, 'id'>[] = [];
  aa.forEach((check, i) => {
    const region = byId.get(check.regionId);
    const enhanced = aaa[i];
    if (!region || !enhanced) return;
    if (check.outcome === 'failed') {
      // Far below the threshold (under two thirds of it, about 3:1 for body text) is critical.
      const far = (check.ratio ?? 1) < (check.required * 2) / 3;
      findings.push({
        title: 'Text contrast below WCAG AA',
        detail: failureDetail(region, check),
        severity: far ? 'critical' : 'major',
        category: 'contrast',
        basis: 'measured',
        rule: CONTRAST_RULE.AA,
        regionIds: [region.id],
        confidence: 0.9,
      });
    } else if (check.outcome === 'passed' && enhanced.outcome === 'failed') {
      findings.push({
        title: 'Text contrast below WCAG AAA (meets AA)',
        detail: failureDetail(region, enhanced),
        severity: 'minor',
        category: 'contrast',
        basis: 'measured',
        rule: CONTRAST_RULE.AAA,
        regionIds: [region.id],
        confidence: 0.9,
      });
    }
  });
  const undecided = new Map<string, string[]>();
  for (const check of aa.filter((c) => c.outcome === 'needs-review')) {
    const ids = undecided.get(check.reason) ?? [];
    ids.push(check.regionId);
    undecided.set(check.reason, ids);
  }
  for (const [reason, ids] of undecided) {
    findings.push({
      title: `Contrast needs review: ${reason}`,
      detail: `${ids.length} text region${ids.length === 1 ? '' : 's'} (${listIds(ids)}): check 1.4.3 and 1.4.6 by eye`,
      severity: 'info',
      category: 'contrast',
      basis: 'measured',
      rule: `needs-review:${CONTRAST_RULE.AA}`,
      regionIds: ids,
      confidence: 0.5,
    });
  }
  return findings;
}
