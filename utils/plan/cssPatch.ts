/**
 * The in-place preview of a blueprint: per-region CSS declarations that put headings and text
 * on the blueprint's type scale, space sections by its unit and strengthen each primary
 * section's main control. Only allow-listed layout and typography properties are used, and no
 * color or font family is ever set, so the page keeps its palette and fonts.
 */
import { CssPatch, type Blueprint, type Region } from '@/utils/schemas';
import { charsPerLine } from '@/utils/measure/typography';
import { isFilled, pageBackground, surroundingsOf, visualWeights } from '@/utils/measure/weight';

type Emphasis = Blueprint['sections'][number]['emphasis'];
type Declarations = CssPatch[number]['declarations'];
/** One region's declarations: only the properties it changes. */
export type PatchEntry = { regionId: string; declarations: Declarations };

const BOOST: Record<Emphasis, number> = { primary: 1, secondary: 0, tertiary: -1 };

/** Text below 12px is hard to read at any hierarchy level. */
export const MIN_TEXT = 12;

const px = (value: number) => `${Math.round(value)}px`;
const step = (scale: Blueprint['typeScale'], k: number) => scale.base * scale.ratio ** k;

/** h1 sits four steps above the base, h4 one, h5 and h6 on it; emphasis moves a heading one step. */
/** Shared with the HTML mockup, so the mockup and the in-place preview agree. */
export function headingSize(scale: Blueprint['typeScale'], level: number, emphasis: Emphasis): number {
  return step(scale, Math.min(6, Math.max(0, 5 - level + BOOST[emphasis])));
}

function headingDeclarations(
  region: Region,
  blueprint: Blueprint,
  emphasis: Emphasis,
  first: boolean,
): Declarations {
  const d: Declarations = {};
  const size = Math.round(headingSize(blueprint.typeScale, region.headingLevel ?? 2, emphasis));
  if (Math.abs(size - region.style.fontSize) >= 0.5) d['font-size'] = px(size);
  if (emphasis !== 'tertiary' && region.style.fontWeight < 600) d['font-weight'] = '700';
  const lineHeight = (region.style.lineHeight ?? 1.2 * region.style.fontSize) / region.style.fontSize;
  if (Math.abs(lineHeight - 1.2) > 0.05) d['line-height'] = '1.2';
  // A heading sits closer to its own content than to the section before it (proximity).
  if (first) d['margin-top'] = px(blueprint.spacingUnit * 4);
  d['margin-bottom'] = px(blueprint.spacingUnit * 2);
  return d;
}

function textDeclarations(region: Region, blueprint: Blueprint): Declarations {
  const d: Declarations = {};
  const { base, ratio } = blueprint.typeScale;
  const k = Math.round(Math.log(region.style.fontSize / base) / Math.log(ratio));
  const size = Math.max(MIN_TEXT, Math.round(step(blueprint.typeScale, k)));
  if (Math.abs(size - region.style.fontSize) >= 0.5) d['font-size'] = px(size);
  // WCAG 1.4.8 (AAA): line spacing of at least 1.5 within paragraphs.
  const lineHeight = region.style.lineHeight ?? 1.2 * region.style.fontSize;
  if (lineHeight / region.style.fontSize < 1.4) d['line-height'] = '1.5';
  // WCAG 1.4.8 (AAA): no more than 80 characters per line; 70ch is about that at 0.5em per glyph.
  if (charsPerLine(region) > 90) d['max-width'] = '70ch';
  return d;
}

function actionDeclarations(region: Region, blueprint: Blueprint): Declarations {
  const d: Declarations = {};
  const unit = blueprint.spacingUnit;
  if (region.style.fontWeight < 700) d['font-weight'] = '700';
  if (region.style.fontSize < blueprint.typeScale.base) d['font-size'] = px(blueprint.typeScale.base);
  const vertical = unit === 8 ? 2 * unit : 3 * unit;
  d['padding-top'] = d['padding-bottom'] = px(vertical);
  d['padding-left'] = d['padding-right'] = px(2 * vertical);
  return d;
}

export function toCssPatch(blueprint: Blueprint, regions: readonly Region[]): CssPatch {
  const byId = new Map(regions.map((r) => [r.id, r]));
  const weights = visualWeights(regions);
  const page = pageBackground(regions);
  const patch: PatchEntry[] = [];
  blueprint.sections.forEach((section, index) => {
    const members = section.regionIds.flatMap((id) => byId.get(id) ?? []);
    const controls = members.filter((r) => r.kind === 'control' && !r.flags.disabled);
    // The section's main control: its first filled one (a button meant to stand out), else its heaviest.
    const action =
      section.emphasis !== 'primary'
        ? undefined
        : (controls.find((r) => isFilled(r, surroundingsOf(r, byId, page))) ??
          controls.reduce<Region | undefined>(
            (best, r) => (!best || (weights.get(r.id) ?? 0) > (weights.get(best.id) ?? 0) ? r : best),
            undefined,
          ));
    members.forEach((region, i) => {
      const declarations =
        region.kind === 'heading'
          ? headingDeclarations(region, blueprint, section.emphasis, i === 0 && index > 0)
          : region.kind === 'text' && section.emphasis !== 'tertiary'
            ? textDeclarations(region, blueprint)
            : region === action
              ? actionDeclarations(region, blueprint)
              : {};
      if (Object.keys(declarations).length > 0) patch.push({ regionId: region.id, declarations });
    });
  });
  return parsePatch(patch);
}

/** Checks a patch with the CssPatch schema: allow-listed properties only, clean values, real region ids. */
export function parsePatch(patch: readonly PatchEntry[]): CssPatch {
  return CssPatch.parse(patch);
}
