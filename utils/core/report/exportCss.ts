/**
 * The plan's CSS patch as a stylesheet to hand to the people who build the page: one rule per
 * region, keyed by the region's own selector (which extraction verified resolves to it), each
 * under a comment naming the findings on that region. The rules come from the live preview's
 * writer (utils/core/plan/stylesheet.ts), so what is copied is what the preview showed.
 */
import { previewRules, type RuleKey } from '@/utils/core/plan/stylesheet';
import type { CssPatch } from '@/utils/core/schemas/plan';
import type { Critique } from '@/utils/core/schemas/record';
import type { Region } from '@/utils/core/schemas/region';
import { numberedFindings } from '@/utils/core/report/findingNumbers';

/**
 * A selector a stylesheet can use: extraction joins the parts inside shadow roots and frames
 * with `>>>`, which is no CSS; a page stylesheet cannot reach inside those anyway.
 */
const isPlainSelector = (selector: string) => !selector.includes('>>>');

/** Page text in a comment: one line, and nothing that could end it. */
export const commentText = (text: string) => text.replace(/\*\//g, '* /').replace(/\s+/g, ' ').trim();

/** Rules keyed by the regions' own selectors; a colour fix stops at the other patched regions. */
export function selectorKey(regions: readonly Region[], patch: CssPatch, plain = false): RuleKey {
  const byId = new Map(regions.map((r) => [r.id, r.selector]));
  const selectorOf = (id: string) => {
    const selector = byId.get(id);
    return selector && isPlainSelector(selector) ? selector : null;
  };
  const patched = patch.map((p) => selectorOf(p.regionId)).filter((s): s is string => s !== null);
  return { of: selectorOf, limit: patched.length > 0 ? `:is(${patched.join(', ')})` : ':not(*)', plain };
}

/**
 * The CSS that implements a finding's `fixPatch`, keyed by its regions' selectors and written
 * plainly (no `!important`), for people to read in an issue.
 */
export function patchCss(regions: readonly Region[], patch: CssPatch): string {
  return previewRules(patch, selectorKey(regions, patch, true)).css;
}

export interface PlanStylesheet {
  css: string;
  /** Rules written, one per region with declarations. */
  rules: number;
  /** Regions left out: inside a shadow root or frame, or no longer in the critique. */
  skipped: string[];
}

const HEADER = [
  '/* Restage: the plan’s CSS patch, one rule per region, keyed by the region’s selector.',
  '   The rules carry !important and :not(#restage-preview) so that, as in the preview, the',
  '   page’s own rules do not outrank them; drop both when moving a rule into your own CSS. */',
];

export function planStylesheet(critique: Critique): PlanStylesheet {
  const patch = critique.cssPatch ?? [];
  const key = selectorKey(critique.regions, patch);
  const numbered = numberedFindings(critique.findings);
  const sections = critique.blueprint?.sections ?? [];
  const out = [...HEADER];
  const skipped: string[] = [];
  let rules = 0;
  for (const entry of patch) {
    const css = key.of(entry.regionId) === null ? '' : previewRules([entry], key).css;
    if (!css) {
      if (Object.keys(entry.declarations).length > 0) skipped.push(entry.regionId);
      continue;
    }
    const fixes = numbered.filter(({ finding }) => finding.regionIds.includes(entry.regionId));
    const section = sections.find((s) => s.regionIds.includes(entry.regionId));
    const why =
      fixes.length > 0
        ? `fixes ${fixes.map(({ n, finding }) => `#${n} ${commentText(finding.title)}`).join('; ')}`
        : `no finding of its own: the layout plan${section ? ` (section ${commentText(section.id)}, ${section.emphasis})` : ''}`;
    out.push('', `/* ${entry.regionId}: ${why} */`, css);
    rules++;
  }
  if (skipped.length > 0)
    out.push(
      '',
      `/* Left out: ${skipped.join(', ')}, inside a shadow root or frame, which a page stylesheet cannot reach. */`,
    );
  return { css: `${out.join('\n')}\n`, rules, skipped };
}
