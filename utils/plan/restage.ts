/**
 * The offline restage: a deterministic same-content Blueprint built from the page's own
 * regions and the critique's findings. It keeps reading order, groups regions by landmark and
 * heading, gives each screen exactly one primary section, and derives its type scale and
 * spacing unit from values the page already uses. It names regions only by id, so it adds
 * no text, colors or fonts.
 */
import { Blueprint, type ContentCheck, type Finding, type Region } from '@/utils/schemas';
import { PAGE_CHROME, screenOf, type ViewportSize } from '@/utils/measure/layout';
import { siblingGaps } from '@/utils/measure/spacing';
import { fitTypeScale } from '@/utils/measure/typeScale';
import { visualWeights } from '@/utils/measure/weight';
import { checkContent, contentRegions, describeContentCheck, isSameContent } from './validate';

interface Draft {
  source: string;
  screen: number;
  regions: Region[];
}

/** A new section at each landmark change, each h1–h3, and each new screen. */
function group(content: readonly Region[], viewport: ViewportSize): Draft[] {
  const sections: Draft[] = [];
  for (const region of content) {
    const source = region.landmark ?? 'page';
    const screen = screenOf(region.box, viewport);
    const current = sections.at(-1);
    const heading = region.kind === 'heading' && (region.headingLevel ?? 6) <= 3;
    if (!current || current.source !== source || current.screen !== screen || heading) {
      sections.push({ source, screen, regions: [region] });
    } else {
      current.regions.push(region);
    }
  }
  return sections;
}

/**
 * The section to lead each screen: the one holding the primary action when the critique
 * found it outweighed or below the fold, otherwise the visually heaviest, preferring content
 * over page chrome. Ties go to reading order.
 */
function primaries(
  sections: readonly Draft[],
  findings: readonly Finding[],
  regions: readonly Region[],
): Set<Draft> {
  const weights = visualWeights(regions);
  const actions = new Set(
    findings.filter((f) => f.rule?.startsWith('primary-action')).map((f) => f.regionIds[0] ?? ''),
  );
  const lead = (s: Draft) => s.regions.reduce((max, r) => Math.max(max, weights.get(r.id) ?? 0), 0);
  const chosen = new Set<Draft>();
  for (const screen of new Set(sections.map((s) => s.screen))) {
    const here = sections.filter((s) => s.screen === screen);
    const content = here.filter((s) => !PAGE_CHROME.has(s.source));
    const eligible = content.length > 0 ? content : here;
    const withAction = eligible.find((s) => s.regions.some((r) => actions.has(r.id)));
    const heaviest = eligible.reduce((best, s) => (lead(s) > lead(best) ? s : best));
    chosen.add(withAction ?? heaviest);
  }
  return chosen;
}

/** 8 when most sibling gaps are multiples of 8 (within 1 px), else 4; 8 when there are no gaps. */
export function spacingUnitOf(regions: readonly Region[]): 4 | 8 {
  const gaps = siblingGaps(regions).filter((g) => g.px > 0);
  if (gaps.length === 0) return 8;
  const onEight = gaps.filter((g) => Math.abs(g.px - 8 * Math.round(g.px / 8)) <= 1).length;
  return onEight / gaps.length >= 0.5 ? 8 : 4;
}

/**
 * The page's own base size and nearest modular ratio, kept between 1.2 and 1.5: below 1.2
 * adjacent steps are hard to tell apart, above 1.5 headings crowd out the content.
 */
export function typeScaleOf(regions: readonly Region[]): Blueprint['typeScale'] {
  const fit = fitTypeScale(regions);
  return { base: fit.base, ratio: Math.min(1.5, Math.max(1.2, fit.ratio)) };
}

export function restage(
  regions: readonly Region[],
  findings: readonly Finding[],
  viewport: ViewportSize,
): { blueprint: Blueprint; contentCheck: ContentCheck } {
  const sections = group(contentRegions(regions), viewport);
  const lead = primaries(sections, findings, regions);
  const blueprint = Blueprint.parse({
    sections: sections.map((s, i) => ({
      id: `s${i + 1}`,
      source: s.source,
      emphasis: lead.has(s) ? 'primary' : PAGE_CHROME.has(s.source) ? 'tertiary' : 'secondary',
      regionIds: s.regions.map((r) => r.id),
    })),
    typeScale: typeScaleOf(regions),
    spacingUnit: spacingUnitOf(regions),
  });
  const contentCheck = checkContent(blueprint, regions);
  // Same content holds by construction; a failure here is a bug, never a plan to show.
  if (!isSameContent(contentCheck)) {
    throw new Error(`Offline restage broke its own plan: ${describeContentCheck(contentCheck)}`);
  }
  return { blueprint, contentCheck };
}
