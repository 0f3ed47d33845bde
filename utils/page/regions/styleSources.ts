/**
 * Which elements the page's styles can give a non-default value of each property extraction
 * reads beyond `display`. A computed value comes from the cascade, so an element that no rule,
 * `style` attribute, presentational attribute, user-agent rule or running animation targets
 * keeps the initial value of a non-inherited property (opacity 1, no background, overflow
 * visible) and its parent's value of an inherited one (color, visibility, text-shadow), as
 * CSS Cascade 4 defines (https://www.w3.org/TR/css-cascade-4/#defaulting). Extraction then
 * reads a property only where it can differ, which keeps it near the cost of a bare
 * getComputedStyle + getBoundingClientRect loop. Whatever cannot be known (a stylesheet from
 * another origin, `@scope`, a selector list too long to match cheaply) is read everywhere.
 * test/e2e/styleSources.e2e.test.ts checks the result against getComputedStyle on real pages.
 */
import {
  BG_COLOR,
  BG_IMAGE,
  BORDER,
  COLOR,
  EVERY,
  OPACITY,
  OVERFLOW,
  PROPERTY_BITS,
  SCHEME,
  SHORTHAND_BITS,
  VISIBILITY,
  declared,
  kebab,
} from '@/utils/page/regions/styleBits';
import { Collector, MAX_SELECTORS, MAX_SELECTORS_PER_PROPERTY } from '@/utils/page/regions/styleRules';

export * from '@/utils/page/regions/styleBits';

/**
 * What Chromium's user-agent stylesheet and presentational attributes (HTML §15.3,
 * https://html.spec.whatwg.org/multipage/rendering.html) set, by tag, where extraction uses
 * it: text colors and backgrounds of links, form controls and marks, and the borders of
 * elements that can be cards. Borders and overflow inside a leaf (a button's) do not matter.
 */
const FORM = COLOR | BG_COLOR;
const UA_TAGS: Record<string, number> = {
  html: EVERY,
  body: EVERY,
  a: COLOR,
  button: FORM,
  input: FORM,
  select: FORM,
  textarea: FORM,
  mark: COLOR | BG_COLOR,
  dialog: COLOR | BG_COLOR | BORDER | OVERFLOW,
  fieldset: BORDER,
  hr: BORDER | OVERFLOW,
  marquee: OVERFLOW | BG_COLOR,
  font: COLOR,
  // SVG presentation attributes (SVG 2, §6.6).
  svg: OPACITY | VISIBILITY,
};
/** Tags whose `bgcolor`, `background` and `border` attributes are presentational hints. */
const TABLE_TAGS = new Set(['table', 'thead', 'tbody', 'tfoot', 'tr', 'td', 'th']);

export interface StyleSources {
  /** Properties read on every element. */
  everywhere: number;
  /** Properties some author style may set on an element. */
  byElement: Map<Element, number>;
  /**
   * No style declares `color-scheme`: the user-agent colors of links, form controls and marks
   * are then the same on every element of a kind (see uaKind), and are read once per kind.
   */
  sharedUa: boolean;
  /** Elements whose ::before or ::after may paint a background; null when any may. */
  pseudoHosts: Set<Element> | null;
}

/** Shadow trees, frames and anything else this module does not analyse: read everything. */
export const READ_ALL: StyleSources = {
  everywhere: EVERY,
  byElement: new Map(),
  sharedUa: false,
  pseudoHosts: null,
};

/** The properties an author style or presentational attribute may set on `el`. */
export function authoredMask(sources: StyleSources, el: Element, tag: string): number {
  let mask = sources.everywhere | (sources.byElement.get(el) ?? 0);
  if (mask !== EVERY && TABLE_TAGS.has(tag)) {
    if (el.hasAttribute('bgcolor')) mask |= BG_COLOR;
    if (el.hasAttribute('background')) mask |= BG_IMAGE;
    if (el.hasAttribute('border')) mask |= BORDER;
    // A table's border and rules attributes draw its cells' borders too (HTML §15.3.8).
    if (tag === 'td' || tag === 'th') {
      const table = el.closest('table');
      if (table && (table.hasAttribute('border') || table.hasAttribute('rules'))) mask |= BORDER;
    }
  }
  return mask;
}

/** The properties the user-agent stylesheet (or a presentational attribute) sets on a tag. */
export const uaMask = (tag: string): number => UA_TAGS[tag] ?? 0;

/**
 * Elements whose user-agent text color and background depend only on this key: a link
 * (`a:any-link { color: -webkit-link }`), a form control by type and state, a mark.
 */
export function uaKind(el: Element, tag: string): string | null {
  if (tag === 'a') return el.hasAttribute('href') ? 'a' : null;
  if (tag === 'mark') return tag;
  if (tag === 'button' || tag === 'input' || tag === 'select' || tag === 'textarea')
    return `${tag} ${(el as HTMLInputElement).type} ${el.matches(':disabled') ? 'disabled' : ''}`;
  return null;
}

export function styleSources(doc: Document): StyleSources {
  const collector = new Collector();
  for (const sheet of doc.styleSheets) collector.sheet(sheet);
  for (const sheet of doc.adoptedStyleSheets ?? []) collector.sheet(sheet);
  const byElement = new Map<Element, number>();
  const mark = (el: Element, mask: number) => byElement.set(el, (byElement.get(el) ?? 0) | mask);

  // Cheapest property first, within a total budget for selector matching.
  let everywhere = collector.everywhere;
  let budget = MAX_SELECTORS;
  const perBit = new Map<number, string[]>();
  for (let bit = 1; bit < EVERY; bit <<= 1) {
    if (everywhere & bit) continue;
    perBit.set(
      bit,
      [...collector.selectors].filter(([, mask]) => mask & bit).map(([selector]) => selector),
    );
  }
  for (const [bit, selectors] of [...perBit].sort((a, b) => a[1].length - b[1].length)) {
    if (selectors.length === 0) continue;
    if (selectors.length > MAX_SELECTORS_PER_PROPERTY || selectors.length > budget) {
      everywhere |= bit;
      continue;
    }
    budget -= selectors.length;
    try {
      doc.querySelectorAll(selectors.join(', ')).forEach((el) => mark(el, bit));
    } catch {
      everywhere |= bit; // a selector this engine matches in stylesheets but not in queries
    }
  }

  let inline = 0;
  doc.querySelectorAll('[style]').forEach((el) => {
    const style = (el as HTMLElement).style;
    if (!style) return;
    const mask = declared(style);
    inline |= mask;
    mark(el, mask);
  });
  doc.querySelectorAll('[popover]').forEach((el) => mark(el, COLOR | BG_COLOR | BORDER));
  // Running CSS animations and transitions, and script animations, override the cascade.
  for (const animation of doc.getAnimations?.() ?? []) {
    const effect = animation.effect as KeyframeEffect | null;
    if (!effect?.target || effect.pseudoElement) continue;
    let mask = 0;
    for (const frame of effect.getKeyframes())
      for (const key of Object.keys(frame)) {
        const name = kebab(key);
        mask |= PROPERTY_BITS[name] ?? SHORTHAND_BITS[name] ?? 0;
      }
    mark(effect.target, mask);
  }
  const schemes = (collector.declared | inline) & SCHEME || doc.querySelector('meta[name="color-scheme"]');
  let pseudoHosts: Set<Element> | null = null;
  const hosts = collector.pseudoHosts;
  if (hosts && hosts.size <= MAX_SELECTORS_PER_PROPERTY) {
    try {
      pseudoHosts = new Set(hosts.size > 0 ? doc.querySelectorAll([...hosts].join(', ')) : []);
    } catch {
      pseudoHosts = null;
    }
  }
  return { everywhere, byElement, sharedUa: !schemes, pseudoHosts };
}
