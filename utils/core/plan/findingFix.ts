/**
 * The declarations that fix one finding, and nothing else, for "Preview this fix". Each comes
 * from the helper the whole plan uses for the same problem (./cssPatch.ts): contrastFix and the
 * palette for colours, targetPadding for targets, strengthenAction for the primary action, the
 * page's type scale for sizes, margins for groups too close. A finding whose fix rearranges the
 * page (spacing steps, alignment, density, the fold) or needs a property the plan may not write
 * (font-family) gets none.
 */
import {
  composite,
  contrastRatio,
  parseColor,
  textContrast,
  toHex,
  WHITE,
  type Rgba,
} from '@/utils/core/measure/color';
import { checkContrast } from '@/utils/core/measure/contrast';
import { structuralIds, textRegions } from '@/utils/core/measure/layout';
import type { MeasuredRule } from '@/utils/core/measure/rules';
import { gapsWithin } from '@/utils/core/measure/spacing';
import { fitTypeScale, onScale } from '@/utils/core/measure/typeScale';
import { isFilled, pageBackground, rawWeight, surroundingsOf } from '@/utils/core/measure/weight';
import type { Finding } from '@/utils/core/schemas/finding';
import type { Blueprint } from '@/utils/core/schemas/plan';
import type { Region } from '@/utils/core/schemas/region';
import { contrastFix } from '@/utils/core/plan/contrastFix';
import type { PatchEntry } from '@/utils/core/plan/cssPatch';
import { nearestPassingColor, opaqueColor, pagePalette } from '@/utils/core/plan/palette';
import type { Declarations } from '@/utils/core/plan/predict';
import { spacingUnitOf, typeScaleOf } from '@/utils/core/plan/restage';
import { strengthenAction } from '@/utils/core/plan/strengthenAction';
import { targetPadding } from '@/utils/core/plan/targetPadding';

export interface FixContext {
  regions: readonly Region[];
  byId: ReadonlyMap<string, Region>;
  structural: Set<string>;
  palette: Rgba[];
  surroundings: (region: Region) => string;
  scale: Blueprint['typeScale'];
}

export function fixContext(regions: readonly Region[]): FixContext {
  const byId = new Map(regions.map((r) => [r.id, r]));
  const page = pageBackground(regions);
  return {
    regions,
    byId,
    structural: structuralIds(regions),
    palette: pagePalette(regions),
    surroundings: (r) => surroundingsOf(r, byId, page),
    scale: typeScaleOf(regions),
  };
}

type FixMaker = (finding: Finding, context: FixContext) => PatchEntry[];

const regionsOf = (finding: Finding, context: FixContext) =>
  finding.regionIds.flatMap((id) => context.byId.get(id) ?? []);

/** One entry per region that gets declarations. */
const each =
  (declare: (region: Region, context: FixContext, finding: Finding) => Declarations | null): FixMaker =>
  (finding, context) =>
    regionsOf(finding, context).flatMap((region) => {
      const declarations = declare(region, context, finding);
      return declarations && Object.keys(declarations).length > 0
        ? [{ regionId: region.id, declarations }]
        : [];
    });

/** WCAG 1.4.6 (AAA): the nearest colour that reaches 7:1 (4.5:1 for large text), as contrastFix does for AA. */
function enhancedColor(region: Region, context: FixContext): Declarations | null {
  const check = checkContrast(region, 'AAA', context.structural);
  const shown = textContrast(region.style.color, region.style.background);
  if (check.outcome !== 'failed' || !shown || check.ratio === null) return null;
  const shortfall = Math.max(1, shown.ratio / check.ratio);
  const alpha = parseColor(region.style.color)?.a ?? 1;
  const required = Math.min(21, check.required * shortfall);
  const choice = nearestPassingColor(shown.foreground, shown.background, required, context.palette, alpha);
  // White text on a mid grey cannot reach 7:1 by its own colour: that takes a new background.
  return choice.ratio >= required ? { color: choice.hex } : null;
}

const BLACK: Rgba = { r: 0, g: 0, b: 0, a: 1 };

/**
 * Text over an image or gradient gets a solid backing: the page's background, white or black,
 * whichever stands out most from the text, and a passing text colour if it still falls short.
 */
function solidBacking(region: Region, context: FixContext): Declarations | null {
  const text = parseColor(region.style.color);
  if (!text || region.text.length === 0) return null;
  const page = opaqueColor(pageBackground(context.regions)) ?? WHITE;
  const shown = (bg: Rgba) => contrastRatio(composite(text, bg), bg);
  const backing = [page, WHITE, BLACK].reduce((best, c) => (shown(c) > shown(best) ? c : best));
  const d: Declarations = { 'background-color': toHex(backing) };
  // 4.5:1 whatever the size: the sanitizer asks it of any colour where contrast is unknown.
  if (shown(backing) < 4.5) {
    d.color = nearestPassingColor(composite(text, backing), backing, 4.5, context.palette).hex;
  }
  return d;
}

/** The lower-level headings set one step of the page's scale below the heading they outrank. */
const headingBelow: FixMaker = (finding, context) => {
  const [target, ...offenders] = regionsOf(finding, context);
  if (!target) return [];
  const { base, ratio } = context.scale;
  const steps = Array.from({ length: 12 }, (_, k) => Math.round(base * ratio ** (k - 3)));
  const below = steps.filter((s) => s <= target.style.fontSize - 1).at(-1);
  if (below === undefined) return [];
  return offenders
    .filter((r) => r.style.fontSize > below)
    .map((r) => ({ regionId: r.id, declarations: { 'font-size': `${below}px` } }));
};

/** The control fills the page already uses: what strengthenAction may paint a button with. */
function controlFills(context: FixContext): Rgba[] {
  const fills = context.regions.flatMap((r) =>
    r.kind === 'control' && isFilled(r, context.surroundings(r))
      ? (opaqueColor(r.style.background) ?? [])
      : [],
  );
  return [...new Map(fills.map((c) => [toHex(c), c])).values()];
}

/** The lead made to outweigh every other region the finding names (strengthenAction for a control, a step up for a heading). */
function lead(region: Region, rivals: readonly Region[], context: FixContext): Declarations {
  const rival = Math.max(0, ...rivals.map((r) => rawWeight(r, context.surroundings(r))));
  if (region.kind === 'control')
    return strengthenAction(region, rival, {
      surroundings: context.surroundings(region),
      palette: context.palette,
      controlFills: controlFills(context),
      scale: context.scale,
    });
  const { base, ratio } = context.scale;
  const k = Math.floor(Math.log(region.style.fontSize / base) / Math.log(ratio) + 0.5) + 1;
  return { 'font-size': `${Math.round(base * ratio ** k)}px` };
}

const primaryWeak: FixMaker = (finding, context) => {
  const [cta, ...rivals] = regionsOf(finding, context);
  return cta ? [{ regionId: cta.id, declarations: lead(cta, rivals, context) }] : [];
};

/** The shallowest heading among the rivals leads; without one, the heaviest control (listed first). */
const competing: FixMaker = (finding, context) => {
  const rivals = regionsOf(finding, context);
  const headings = rivals.filter((r) => r.kind === 'heading');
  const chosen =
    headings.reduce<Region | undefined>(
      (best, r) => (!best || (r.headingLevel ?? 7) < (best.headingLevel ?? 7) ? r : best),
      undefined,
    ) ?? rivals[0];
  if (!chosen) return [];
  return [
    {
      regionId: chosen.id,
      declarations: lead(
        chosen,
        rivals.filter((r) => r !== chosen),
        context,
      ),
    },
  ];
};

/** The rarer values (the finding's regions) set to the nearest value the rest of the page uses. */
const toCommon =
  (value: (r: Region) => number, write: (v: number) => Declarations): FixMaker =>
  (finding, context) => {
    const rare = new Set(finding.regionIds);
    const common = [
      ...new Set(
        textRegions(context.regions)
          .filter((r) => !rare.has(r.id))
          .map(value),
      ),
    ];
    return regionsOf(finding, context).flatMap((r) => {
      const nearest = common.reduce<number | null>(
        (best, v) => (best === null || Math.abs(v - value(r)) < Math.abs(best - value(r)) ? v : best),
        null,
      );
      return nearest === null ? [] : [{ regionId: r.id, declarations: write(nearest) }];
    });
  };

const onTheScale: FixMaker = (finding, context) => {
  const { base, ratio } = fitTypeScale(context.regions);
  return regionsOf(finding, context).flatMap((r) => {
    if (onScale(r.style.fontSize, base, ratio)) return [];
    const step = Math.round(base * ratio ** Math.round(Math.log(r.style.fontSize / base) / Math.log(ratio)));
    return [{ regionId: r.id, declarations: { 'font-size': `${step}px` } }];
  });
};

/**
 * Room above the lower group: its margin-top set to the gap between the two groups' boxes plus
 * what the space between their items lacks, and a spacing unit more. Whether the margins
 * collapse, add up or sit beside a flex gap, the gap grows by at least that much. The estimate
 * does not move boxes, so this one is checked on real pages (test/e2e/adviceCorpus.e2e.test.ts).
 */
const moreRoomAbove: FixMaker = (finding, context) => {
  const [above, below] = regionsOf(finding, context);
  if (!above || !below) return [];
  const items = (group: Region) => context.regions.filter((r) => r.parentId === group.id && !r.flags.fixed);
  const inner = Math.max(0, ...[above, below].flatMap((g) => gapsWithin(items(g)).map((gap) => gap.px)));
  const lastAbove = Math.max(...items(above).map((r) => r.box.y + r.box.height));
  const between = Math.min(...items(below).map((r) => r.box.y)) - lastAbove;
  const boxes = Math.max(0, below.box.y - (above.box.y + above.box.height));
  if (!Number.isFinite(between)) return [];
  const margin = Math.ceil(boxes + inner - between + spacingUnitOf(context.regions));
  return [{ regionId: below.id, declarations: { 'margin-top': `${margin}px` } }];
};

const none: FixMaker = () => [];

/** By rule; a kind that brings its own fix (and patch) may have no entry. */
export const FIX_MAKERS: Partial<Record<MeasuredRule, FixMaker>> = {
  'wcag-1.4.3': each((r, c) => {
    const fix = contrastFix(r, c.structural, c.palette);
    return fix ? { color: fix.hex } : null;
  }),
  'wcag-1.4.6': each(enhancedColor),
  'needs-review:wcag-1.4.3': each(solidBacking),
  'heading-inversion': headingBelow,
  'heading-order': none,
  'competing-primaries': competing,
  'primary-action-weak': primaryWeak,
  'primary-action-below-fold': none,
  'wcag-2.5.8': (finding, context) => {
    const padding = targetPadding(context.regions);
    return finding.regionIds.flatMap((id) => {
      const declarations = padding.get(id);
      return declarations ? [{ regionId: id, declarations }] : [];
    });
  },
  'font-sizes': toCommon(
    (r) => r.style.fontSize,
    // To the tenth of a pixel the measure tells sizes apart by (utils/core/measure/format.ts px).
    (v) => ({ 'font-size': `${Math.round(v * 10) / 10}px` }),
  ),
  'font-weights': toCommon(
    (r) => r.style.fontWeight,
    (v) => ({ 'font-weight': String(v) }),
  ),
  'font-families': none,
  'type-scale': onTheScale,
  // WCAG 1.4.8 (AAA): at most 80 characters a line; 70ch leaves room for wide glyphs.
  'line-length': each(() => ({ 'max-width': '70ch' })),
  // WCAG 1.4.8 (AAA): line spacing of at least 1.5 within paragraphs.
  'line-height': each(() => ({ 'line-height': '1.5' })),
  'spacing-values': none,
  'near-alignment': none,
  proximity: moreRoomAbove,
  'crowded-screen': none,
  'text-density': none,
};
