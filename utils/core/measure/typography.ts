/**
 * Typography: how many sizes, weights and families the page uses, whether its sizes sit on a
 * modular scale (./typeScale.ts), line length and line spacing. The count thresholds are common
 * design-system practice (a handful of sizes, two or three weights, one or two families), not WCAG.
 */
import type { Region } from '@/utils/core/schemas/region';
import { listIds, px } from '@/utils/core/measure/format';
import type { MeasuredDraft, MeasuredRule } from '@/utils/core/measure/rules';
import { textRegions } from '@/utils/core/measure/layout';
import { fitTypeScale } from '@/utils/core/measure/typeScale';

type Draft = MeasuredDraft;

const MAX_SIZES = 6;
const MAX_WEIGHTS = 3;
const MAX_FAMILIES = 2;

/** The first family in the stack, which is what the author chose. */
export function primaryFamily(stack: string): string {
  return (stack.split(',')[0] ?? '')
    .trim()
    .replace(/^["']|["']$/g, '')
    .toLowerCase();
}

/**
 * Characters per line, estimated from the box width with an average glyph of 0.5em, and capped
 * by the text's own length (a short text does not fill its line).
 */
export function charsPerLine(region: Region): number {
  const perLine = region.box.width / (0.5 * Math.max(1, region.style.fontSize));
  return Math.round(Math.min(perLine, region.textLength));
}

const draft = (
  rule: MeasuredRule,
  title: string,
  detail: string,
  regionIds: string[],
  confidence: number,
): Draft => ({
  title,
  detail,
  severity: 'minor',
  category: 'typography',
  basis: 'measured',
  rule,
  regionIds,
  confidence,
});

/** Flags more than `max` distinct values; names the regions using the rarer ones, the ones to consolidate. */
function tooMany(
  regions: Region[],
  label: 'sizes' | 'weights' | 'families',
  max: number,
  key: (r: Region) => string,
): Draft[] {
  const groups = new Map<string, string[]>();
  for (const r of regions) {
    const ids = groups.get(key(r)) ?? [];
    ids.push(r.id);
    groups.set(key(r), ids);
  }
  if (groups.size <= max) return [];
  const ranked = [...groups].sort(([, a], [, b]) => b.length - a.length);
  const values = ranked.map(([value, ids]) => `${value} (${ids.length})`).join(', ');
  const rare = ranked.slice(max).flatMap(([, ids]) => ids);
  return [
    draft(
      `font-${label}` as const,
      `Too many font ${label}`,
      `${groups.size} ${label}, at most ${max} read as a system: ${values}`,
      rare,
      0.8,
    ),
  ];
}

export function typographyFindings(regions: readonly Region[]): Draft[] {
  const texts = textRegions(regions);
  const findings = [
    ...tooMany(texts, 'sizes', MAX_SIZES, (r) => px(r.style.fontSize)),
    ...tooMany(texts, 'weights', MAX_WEIGHTS, (r) => String(r.style.fontWeight)),
    ...tooMany(texts, 'families', MAX_FAMILIES, (r) => primaryFamily(r.style.fontFamily)),
  ];

  const fit = fitTypeScale(regions);
  if (fit.offScale.length > 0 && fit.sizes.length >= 3) {
    const off = texts.filter((r) => fit.offScale.includes(r.style.fontSize));
    const usersOf = (size: number) => off.filter((r) => r.style.fontSize === size).map((r) => r.id);
    const list = fit.offScale.map((size) => `${px(size)} (${listIds(usersOf(size), 3)})`);
    findings.push(
      draft(
        'type-scale',
        'Font sizes off the type scale',
        `${fit.offScale.length} of ${fit.sizes.length} sizes are off the closest scale (${px(fit.base)} × ${fit.ratio}): ${list.join(', ')}`,
        off.map((r) => r.id),
        0.5,
      ),
    );
  }

  // WCAG 1.4.8 (AAA) asks for lines of at most 80 characters; 90 leaves room for the estimate's error.
  const long = texts.filter((r) => r.kind === 'text' && charsPerLine(r) > 90);
  if (long.length > 0) {
    const examples = long
      .slice(0, 4)
      .map((r) => `${r.id} ~${charsPerLine(r)} (${px(r.box.width)} at ${px(r.style.fontSize)})`);
    findings.push(
      draft(
        'line-length',
        'Lines too long to read comfortably',
        `estimated characters per line, from box width at 0.5em per glyph: ${examples.join(', ')}${long.length > 4 ? ` and ${long.length - 4} more` : ''}`,
        long.map((r) => r.id),
        0.6,
      ),
    );
  }

  // WCAG 1.4.8 (AAA) asks for 1.5 within paragraphs; under 1.3 body text visibly crowds its lines.
  // `normal` (null) is about 1.2 in common fonts, so it is counted, with less confidence.
  const tight = texts.filter((r) => {
    if (r.kind !== 'text' || r.style.fontSize > 20) return false;
    const lineHeight = r.style.lineHeight ?? 1.2 * r.style.fontSize;
    const wraps = r.box.height >= 1.8 * lineHeight;
    return wraps && lineHeight / r.style.fontSize < 1.3;
  });
  if (tight.length > 0) {
    const examples = tight
      .slice(0, 4)
      .map(
        (r) =>
          `${r.id} ${r.style.lineHeight === null ? 'normal (~1.2)' : (r.style.lineHeight / r.style.fontSize).toFixed(2)}`,
      );
    const guessed = tight.every((r) => r.style.lineHeight === null);
    findings.push(
      draft(
        'line-height',
        'Body line height below 1.3',
        `line-height / font-size: ${examples.join(', ')}${tight.length > 4 ? ` and ${tight.length - 4} more` : ''}`,
        tight.map((r) => r.id),
        guessed ? 0.5 : 0.8,
      ),
    );
  }
  return findings;
}
