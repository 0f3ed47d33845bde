/**
 * The one stylesheet a live preview adds to the page: a rule per patched region, keyed by the
 * data attribute the preview puts on the region's element. Only allow-listed properties are
 * written, and every value goes through the CSS grammar (utils/core/plan/cssGrammar.ts) and is written
 * in its canonical form, so a value can neither load nor run anything, nor end its rule. The
 * floors that keep content visible are applied before (utils/core/plan/sanitizePatch.ts), and the
 * preview checks afterwards that nothing it touched went out of sight (./visibility.ts).
 */
import { safeValue } from '@/utils/core/plan/cssGrammar';
import { type CssPatch } from '@/utils/core/schemas/plan';
import { RegionId } from '@/utils/core/schemas/region';

/** Put on each patched element, its value the region id: `data-restage-preview="r3"`. */
export const PREVIEW_ATTRIBUTE = 'data-restage-preview';
/** Marks the `<style>` element the preview adds to each document or shadow root it touches. */
export const PREVIEW_STYLE_ATTRIBUTE = 'data-restage-preview-style';

/**
 * Page rules can be `!important` too (`.navigation a { color: #888 !important }`), and between
 * two important declarations the more specific selector wins (CSS Cascade 4, specificity:
 * https://drafts.csswg.org/css-cascade-4/#cascade-specificity). An attribute selector alone
 * weighs (0,1,0); three `:not()` of an id no element has add (3,0,0) without changing what
 * matches, which outranks all but the most id-heavy page selectors.
 */
const OUTRANK = ':not(#restage-preview):not(#restage-preview):not(#restage-preview)';

const HEADINGS = 'h1, h2, h3, h4, h5, h6, [role="heading"]';
/** What the page shows as a link (HTML §4.16.3, `:any-link`; ARIA's `link` role). */
const LINKS = ':is(:any-link, [role="link"])';

export interface PreviewRules {
  css: string;
  /** Declarations left out: not allow-listed, or a value the grammar refused. */
  rejected: number;
}

/**
 * How the rules find a region's element: `of` gives its selector (null leaves it out), and
 * `limit` matches every patched element, where a region's colour fix stops.
 */
export interface RuleKey {
  of: (regionId: string) => string | null;
  limit: string;
  /**
   * For people to read (an issue's CSS): no `!important` and no OUTRANK, so a rule says only
   * what changes; whoever applies it decides how it wins over the page's own rules.
   */
  plain?: boolean;
}

/** Rules keyed by an attribute the preview or the mockup puts on each patched element. */
export const attributeKey = (attribute: string): RuleKey => ({
  // Ids are `r1`, `r2`, … (checked below), so the attribute value needs no escaping.
  of: (regionId) => `[${attribute}="${regionId}"]`,
  limit: `[${attribute}]`,
});

/**
 * `[data-restage-preview="r3"]:not(#…)… { font-size: 20px !important; … }` for each entry
 * (the mockup keys the same rules by its own `data-region`, utils/page/freeze.ts; an export
 * by the regions' own selectors, utils/core/report/exportCss.ts).
 * `!important` and OUTRANK because the page's own rules (an id selector, an inline style, its
 * own `!important`) would otherwise win and the preview would silently show nothing; a value's
 * own `!important` is dropped (by the grammar's tokenizer) so it cannot be doubled into an
 * invalid declaration.
 */
export function previewRules(patch: CssPatch, by: string | RuleKey = PREVIEW_ATTRIBUTE): PreviewRules {
  const keyOf = typeof by === 'string' ? attributeKey(by) : by;
  const outrank = keyOf.plain ? '' : OUTRANK;
  const important = keyOf.plain ? '' : ' !important';
  let rejected = 0;
  const rules: string[] = [];
  for (const { regionId, declarations } of patch) {
    const key = RegionId.safeParse(regionId).success ? keyOf.of(regionId) : null;
    if (key === null) {
      rejected += Object.keys(declarations).length;
      continue;
    }
    const body: string[] = [];
    for (const [property, value] of Object.entries(declarations)) {
      const safe = value === undefined ? null : safeValue(property, value);
      if (safe === null) {
        rejected++;
        continue;
      }
      body.push(`${property}: ${safe}${important};`);
    }
    if (body.length === 0) continue;
    rules.push(`${key}${outrank} { ${body.join(' ')} }`);
    const color = body.find((b) => b.startsWith('color:'));
    // A region's text is all the text inside it, and its colour is its least legible text's,
    // often a nested <a> or <small> with a colour of its own that inheritance would not
    // override. So a colour fix reaches every element in the region, down to (not into)
    // another region, which keeps its own colour (CSS Cascade 6, @scope with a limit:
    // https://drafts.csswg.org/css-cascade-6/#scope-atrule). Where @scope is not supported the
    // rule is dropped and the region's own element still gets the colour.
    // That colour takes an inline link's own colour away, leaving it told from the text around
    // it by nothing (WCAG 1.4.1, failure F73): so links in the region are underlined, the cue
    // technique G183 accepts. A heading that is one link has no text around it to stand out from.
    if (color) {
      rules.push(
        `@scope (${key}) to (${keyOf.limit}) { :scope${outrank}, *${outrank} { ${color} } ` +
          `:scope:not(${HEADINGS}) ${LINKS}${outrank} { text-decoration-line: underline${important}; } }`,
      );
    }
  }
  return { css: rules.join('\n'), rejected };
}

/** The inherited properties a plan can change: what reaches a kept region from around it. */
export const INHERITED_BY_PLAN = [
  'font-size',
  'font-weight',
  'line-height',
  'letter-spacing',
  'color',
  'text-align',
] as const;

/** A computed value as the page's own style gave it: no function that loads, nothing that ends a rule. */
const COMPUTED_VALUE = /^[a-z0-9 .,%#()/-]{1,80}$/i;

/**
 * Rules that hold each kept region (the user's "Keep as is", the model's do-not-touch) at the
 * inherited values it had before the preview, so a patched region around it changes nothing
 * in it. The values are the page's own computed ones, read just before the sheet goes on.
 */
export function pinRules(pins: readonly { regionId: string; values: Record<string, string> }[]): string {
  return pins
    .flatMap(({ regionId, values }) => {
      if (!RegionId.safeParse(regionId).success) return [];
      const body = Object.entries(values)
        .filter(([, v]) => COMPUTED_VALUE.test(v) && !/url\(/i.test(v))
        .map(([p, v]) => `${p}: ${v} !important;`);
      return body.length > 0 ? [`[${PREVIEW_ATTRIBUTE}="${regionId}"]${OUTRANK} { ${body.join(' ')} }`] : [];
    })
    .join('\n');
}
