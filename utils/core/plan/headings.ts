/**
 * Headings in order: an h1 outweighs every h2, an h2 every h3, and so on, across the page.
 * Sizes come from the page's own type scale, one step per level, so every heading lands on
 * the scale and levels never meet. Weights never rise with the level, so no deeper heading is
 * drawn bolder than a shallower one. Where colour or length still let a deeper heading
 * outweigh a shallower one by the visual-weight measure (utils/core/measure/weight.ts), the
 * shallower heading gets the nearest stronger colour of its own hue (./palette.ts).
 */
import { textContrast, type Rgba } from '@/utils/core/measure/color';
import { rawWeight } from '@/utils/core/measure/weight';
import type { Blueprint } from '@/utils/core/schemas/plan';
import type { Region } from '@/utils/core/schemas/region';
import { nearestPassingColor } from '@/utils/core/plan/palette';
import { predict, type Declarations } from '@/utils/core/plan/predict';

type Emphasis = Blueprint['sections'][number]['emphasis'];
type TypeScale = Blueprint['typeScale'];

/** Scale steps above the base by level: h1 four, h4 one, h5 on the base, h6 one below. */
const LEVEL_STEP = [4, 3, 2, 1, 0, -1] as const;
/** A shallower heading should outweigh deeper ones by what the measure tells apart (5%). */
const HEADING_LEAD = 1.05;

/**
 * The size of a heading of `level`. Emphasis does not change it: a primary section's heading
 * leads through the section's weight, and a size between two levels would be off the scale.
 * Shared with the HTML mockup, so the mockup and the in-place preview agree.
 */
export function headingSize(scale: TypeScale, level: number, _emphasis?: Emphasis): number {
  const k = LEVEL_STEP[Math.min(6, Math.max(1, Math.round(level))) - 1]!;
  return scale.base * scale.ratio ** k;
}

export interface PlacedHeading {
  region: Region;
  emphasis: Emphasis;
  /** The first region of a section after the first: it gets room above it. */
  opensSection: boolean;
}

export const levelOf = (region: Region) => region.headingLevel ?? 2;

/**
 * Each heading's weight: 700 in primary and secondary sections (600 and up already reads bold),
 * its own in page chrome, then raised to the heaviest weight of any deeper level.
 */
export function headingWeights(headings: readonly PlacedHeading[]): Map<string, number> {
  const own = new Map(
    headings.map(({ region, emphasis }) => [
      region.id,
      emphasis !== 'tertiary' && region.style.fontWeight < 600 ? 700 : region.style.fontWeight,
    ]),
  );
  const weights = new Map<string, number>();
  let deeper = 0;
  for (let level = 6; level >= 1; level--) {
    const here = headings.filter((h) => levelOf(h.region) === level);
    for (const { region } of here) weights.set(region.id, Math.max(own.get(region.id) ?? 400, deeper));
    deeper = Math.max(deeper, ...here.map(({ region }) => weights.get(region.id) ?? 0));
  }
  return weights;
}

const px = (value: number) => `${Math.round(value)}px`;

export function headingDeclarations(
  headings: readonly PlacedHeading[],
  blueprint: Blueprint,
): Map<string, Declarations> {
  const weights = headingWeights(headings);
  const out = new Map<string, Declarations>();
  for (const { region, opensSection } of headings) {
    const d: Declarations = {};
    const size = Math.round(headingSize(blueprint.typeScale, levelOf(region)));
    if (Math.abs(size - region.style.fontSize) >= 0.5) d['font-size'] = px(size);
    const weight = weights.get(region.id) ?? region.style.fontWeight;
    if (weight !== region.style.fontWeight) d['font-weight'] = String(weight);
    const lineHeight = (region.style.lineHeight ?? 1.2 * region.style.fontSize) / region.style.fontSize;
    if (Math.abs(lineHeight - 1.2) > 0.05) d['line-height'] = '1.2';
    // A heading sits closer to its own content than to the section before it (proximity).
    if (opensSection) d['margin-top'] = px(blueprint.spacingUnit * 4);
    d['margin-bottom'] = px(blueprint.spacingUnit * 2);
    out.set(region.id, d);
  }
  return out;
}

/**
 * Colours that put headings in order of visual weight, given each heading as the plan will
 * draw it. From the deepest level up, a heading lighter than HEADING_LEAD × the heaviest
 * deeper heading needs more contrast: weight grows with ln(contrast), so the contrast it
 * needs follows, and the nearest colour of its hue reaching it is chosen. A heading that
 * could not lead even in black or white is left as it is.
 */
export function headingOrderColors(
  predicted: readonly Region[],
  surroundings: (region: Region) => string,
  palette: readonly Rgba[],
): Map<string, Declarations> {
  const out = new Map<string, Declarations>();
  const weightOf = new Map(predicted.map((r) => [r.id, rawWeight(r, surroundings(r))]));
  let deeper = 0;
  for (let level = 6; level >= 1; level--) {
    const here = predicted.filter((r) => levelOf(r) === level);
    for (const region of here) {
      const own = weightOf.get(region.id) ?? 0;
      const shown = textContrast(region.style.color, region.style.background);
      if (own >= HEADING_LEAD * deeper || !shown || own <= 0) continue;
      const contrast = Math.exp(Math.log(shown.ratio) * ((HEADING_LEAD * deeper) / own));
      if (contrast > 21) continue;
      const choice = nearestPassingColor(shown.foreground, shown.background, contrast, palette);
      const d: Declarations = { color: choice.hex };
      out.set(region.id, d);
      weightOf.set(region.id, rawWeight(predict(region, d), surroundings(region)));
    }
    deeper = Math.max(deeper, ...here.map((r) => weightOf.get(r.id) ?? 0));
  }
  return out;
}
