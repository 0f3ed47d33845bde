/**
 * The in-place preview of a blueprint: per-region CSS declarations, built in this order, each
 * step seeing what the earlier ones predict (./predict.ts):
 *   1. headings on the page's type scale, in order of level (./headings.ts);
 *   2. text, controls and fields snapped to the same scale, with readable line height and length;
 *   3. undersized pointer targets padded to 24 px (./targetPadding.ts);
 *   3b. headings that colour still puts out of order given a stronger shade (./headings.ts);
 *   4. each screen's primary action made its strongest control (./leadActions.ts), and
 *      headings that rival the screen's lead set lighter (./screenLead.ts);
 *   5. text still below WCAG AA given a colour from the page's palette (./contrastFix.ts), and
 *      links in recoloured text given an underline where colour no longer tells them apart.
 * Blocks narrowed to a readable measure keep their alignment, and regions side by side in a
 * row get the same changes to what moves them (./keepLayout.ts).
 * Only allow-listed properties are used; fonts are never changed, and colours only come from
 * the page's palette or a shade of the colour already there. The result goes through
 * sanitizePatch and the CssPatch schema, like a model's patch.
 */
import { readingIndex, structuralIds } from '@/utils/core/measure/layout';
import { charsPerLine } from '@/utils/core/measure/typography';
import { pageBackground, surroundingsOf } from '@/utils/core/measure/weight';
import { CssPatch, type Blueprint } from '@/utils/core/schemas/plan';
import { type Region } from '@/utils/core/schemas/region';
import { contrastFix, linkCues } from '@/utils/core/plan/contrastFix';
import { foldOf } from '@/utils/core/plan/fold';
import { alignRows, keepCentred } from '@/utils/core/plan/keepLayout';
import { headingDeclarations, headingOrderColors, type PlacedHeading } from '@/utils/core/plan/headings';
import { actionDeclarations } from '@/utils/core/plan/leadActions';
import { pagePalette } from '@/utils/core/plan/palette';
import { predict, type Declarations } from '@/utils/core/plan/predict';
import { MIN_FONT_SIZE } from '@/utils/core/plan/cssGrammar';
import { sanitizePatch, smallestText } from '@/utils/core/plan/sanitizePatch';
import { screenLeads } from '@/utils/core/plan/screenLead';
import { targetPadding } from '@/utils/core/plan/targetPadding';

export { headingSize } from '@/utils/core/plan/headings';

type Emphasis = Blueprint['sections'][number]['emphasis'];
/** One region's declarations: only the properties it changes. */
export type PatchEntry = { regionId: string; declarations: Declarations };

/** Text below 12px is hard to read at any hierarchy level (the CSS grammar's floor). */
export const MIN_TEXT = MIN_FONT_SIZE;

const px = (value: number) => `${Math.round(value)}px`;

/** Text and control labels onto the nearest step of the scale; body text gets air and a measure. */
function textDeclarations(region: Region, blueprint: Blueprint, floor: number): Declarations {
  const d: Declarations = {};
  // Text set at font-size 0 is hidden on purpose (image replacement): sizing it would show it.
  if (region.style.fontSize < 1) return d;
  const { base, ratio } = blueprint.typeScale;
  const step = (k: number) => base * ratio ** k;
  let k = Math.round(Math.log(region.style.fontSize / base) / Math.log(ratio));
  // A step below the page's own smallest text would be raised to it by the floors
  // (./sanitizePatch.ts), off the scale: such text keeps its size. Text under MIN_TEXT takes the
  // smallest step of at least that instead, since a clamp to 12px would be off the scale too.
  let keep = false;
  if (step(k) < floor - 0.5) {
    if (region.style.fontSize >= MIN_TEXT) keep = true;
    else while (step(k) < MIN_TEXT - 0.5 && k < 0) k++;
  }
  const size = Math.round(step(k));
  if (!keep && Math.abs(size - region.style.fontSize) >= 0.5) d['font-size'] = px(size);
  if (region.kind !== 'text') return d;
  // WCAG 1.4.8 (AAA): line spacing of at least 1.5 within paragraphs.
  const lineHeight = region.style.lineHeight ?? 1.2 * region.style.fontSize;
  if (lineHeight / region.style.fontSize < 1.4) d['line-height'] = '1.5';
  // WCAG 1.4.8 (AAA): no more than 80 characters per line; 70ch is about that at 0.5em per glyph.
  if (charsPerLine(region) > 90) d['max-width'] = '70ch';
  return d;
}

export function toCssPatch(
  blueprint: Blueprint,
  regions: readonly Region[],
  viewportHeight = foldOf(regions),
): CssPatch {
  const byId = new Map(regions.map((r) => [r.id, r]));
  const entries = new Map<string, Declarations>();
  const merge = (id: string, d: Declarations) => entries.set(id, { ...entries.get(id), ...d });
  const predicted = (r: Region) => predict(r, entries.get(r.id));

  const headings: PlacedHeading[] = [];
  blueprint.sections.forEach((section, index) =>
    section.regionIds.forEach((id, i) => {
      const region = byId.get(id);
      if (region?.kind === 'heading' && region.style.fontSize >= 1)
        headings.push({ region, emphasis: section.emphasis, opensSection: i === 0 && index > 0 });
    }),
  );
  for (const [id, d] of headingDeclarations(headings, blueprint)) merge(id, d);
  const floor = Math.max(MIN_TEXT, Math.ceil(smallestText(regions) ?? 0));
  for (const section of blueprint.sections) {
    for (const id of section.regionIds) {
      const region = byId.get(id);
      // Fields too: a search box left at its own size is the one size off the new scale.
      if (region && (region.kind === 'text' || region.kind === 'control' || region.kind === 'field')) {
        const siblings = regions.filter((r) => r.parentId === region.parentId);
        const parent = byId.get(region.parentId ?? '');
        merge(id, keepCentred(textDeclarations(region, blueprint, floor), region, parent, siblings));
      }
    }
  }
  for (const [id, d] of targetPadding(regions)) merge(id, d);
  // Before the actions: the lead of a screen is made to stand out from its row on purpose.
  for (const [id, d] of alignRows(regions, (id) => entries.get(id))) merge(id, d);

  const page = pageBackground(regions);
  const palette = pagePalette(regions);
  const surroundings = (r: Region) => surroundingsOf(r, byId, page);
  const drawn = headings.map(({ region }) => predicted(region));
  for (const [id, d] of headingOrderColors(drawn, surroundings, palette)) merge(id, d);
  for (const [id, d] of actionDeclarations(blueprint, regions, {
    predicted,
    surroundings,
    palette,
    viewportHeight,
  })) {
    merge(id, d);
  }

  const content = blueprint.sections.flatMap((s) => s.regionIds.flatMap((id) => byId.get(id) ?? []));
  for (const [id, d] of screenLeads(blueprint, content.map(predicted), surroundings, viewportHeight)) {
    merge(id, d);
  }

  const structural = structuralIds(regions);
  for (const region of regions) {
    const fix = contrastFix(predicted(region), structural, palette);
    if (fix) merge(region.id, { color: fix.hex });
  }
  for (const [id, d] of linkCues(regions, predicted)) merge(id, d);

  const patch = [...entries]
    .filter(([, d]) => Object.keys(d).length > 0)
    .sort(([a], [b]) => readingIndex(a) - readingIndex(b))
    .map(([regionId, declarations]) => ({ regionId, declarations }));
  // sanitize → validate, as for a model's patch: the planner's own output meets the same floors.
  return parsePatch(sanitizePatch(patch, regions).patch);
}

/** Checks a patch with the CssPatch schema: allow-listed properties, values the CSS grammar takes, real region ids. */
export function parsePatch(patch: readonly PatchEntry[]): CssPatch {
  return CssPatch.parse(patch);
}

export type { Emphasis };
