/**
 * The offline restage: a deterministic same-content Blueprint built from the page's own
 * regions and the critique's findings. It keeps reading order, groups regions by landmark and
 * heading, gives each screen exactly one primary section, and derives its type scale and
 * spacing unit from values the page already uses. It names regions only by id, so it adds
 * no text, colors or fonts.
 */
import { type Finding } from '@/utils/core/schemas/finding';
import { Blueprint, type ContentCheck } from '@/utils/core/schemas/plan';
import { type Region } from '@/utils/core/schemas/region';
import { PAGE_CHROME, overlapsHorizontally, screenOf, type ViewportSize } from '@/utils/core/measure/layout';
import { primaryAction } from '@/utils/core/measure/primaryAction';
import { siblingGaps } from '@/utils/core/measure/spacing';
import { fitTypeScale } from '@/utils/core/measure/typeScale';
import { visualWeights } from '@/utils/core/measure/weight';
import {
  checkContent,
  contentRegions,
  describeContentCheck,
  isSameContent,
} from '@/utils/core/plan/validate';

interface Draft {
  source: string;
  screen: number;
  regions: Region[];
}

/**
 * A new section at each h1–h3, each landmark change and each new screen. Reading order runs
 * row by row, so in a multi-column layout a column's text can come after the next column's
 * heading: a region joins the section of the nearest heading above it in its own column (same
 * landmark and screen, overlapping horizontally), and otherwise the section before it.
 */
function group(content: readonly Region[], viewport: ViewportSize): Draft[] {
  const sections: Draft[] = [];
  for (const region of content) {
    const source = region.landmark ?? 'page';
    const screen = screenOf(region.box, viewport);
    const heading = region.kind === 'heading' && (region.headingLevel ?? 6) <= 3;
    if (heading) {
      sections.push({ source, screen, regions: [region] });
      continue;
    }
    const column = sections
      .filter((s) => s.source === source && s.screen === screen && s.regions[0]?.kind === 'heading')
      .filter(
        (s) => s.regions[0]!.box.y <= region.box.y && overlapsHorizontally(s.regions[0]!.box, region.box),
      )
      .reduce<Draft | undefined>(
        (best, s) => (!best || s.regions[0]!.box.y > best.regions[0]!.box.y ? s : best),
        undefined,
      );
    const current = sections.at(-1);
    const target =
      column ?? (current && current.source === source && current.screen === screen ? current : undefined);
    if (target) target.regions.push(region);
    else sections.push({ source, screen, regions: [region] });
  }
  return sections;
}

/**
 * The section to lead each screen. Headings are put in order of level across the page
 * (./headings.ts), so the section with the shallowest heading on a screen will be its heaviest:
 * leading with any other would set the plan against its own type. Among equals: content over
 * page chrome, then the section holding the primary action (the one the critique found
 * outweighed or below the fold, or else the page's primary call to action in its content, which
 * the plan makes the strongest control), then the visually heaviest. Ties go to reading order.
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
  const intended = primaryAction(regions);
  if (actions.size === 0 && intended) actions.add(intended.id);
  const lead = (s: Draft) => s.regions.reduce((max, r) => Math.max(max, weights.get(r.id) ?? 0), 0);
  const depth = (s: Draft) =>
    Math.min(7, ...s.regions.filter((r) => r.kind === 'heading').map((r) => r.headingLevel ?? 2));
  const rank = (s: Draft) => [
    -depth(s),
    PAGE_CHROME.has(s.source) ? 0 : 1,
    s.regions.some((r) => actions.has(r.id)) ? 1 : 0,
    lead(s),
  ];
  const better = (a: Draft, b: Draft) => {
    const [x, y] = [rank(a), rank(b)];
    const i = x.findIndex((v, k) => v !== y[k]);
    return i >= 0 && x[i]! > y[i]!;
  };
  const chosen = new Set<Draft>();
  for (const screen of new Set(sections.map((s) => s.screen))) {
    const here = sections.filter((s) => s.screen === screen);
    chosen.add(here.reduce((best, s) => (better(s, best) ? s : best)));
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
