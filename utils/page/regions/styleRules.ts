/**
 * What a document's stylesheets declare, read once from the CSSOM: for each property bit, the
 * selectors of the rules that set it (nesting resolved), and the elements whose ::before or
 * ::after paints a background. A stylesheet that cannot be read (another origin's) or a rule
 * that cannot be matched by a selector (`@scope`) makes its properties unknown everywhere.
 */
import { BG_COLOR, BG_IMAGE, EVERY, declared } from '@/utils/page/regions/styleBits';

/**
 * A selector list split at top-level commas, without the parts that style a pseudo-element
 * (they leave the element's own computed style alone).
 */
function elementSelectors(list: string): string[] {
  return splitSelectors(list).filter((p) => !/::|:(before|after|first-line|first-letter)\b/i.test(p));
}

/** The elements whose ::before or ::after a selector list paints, as selectors. */
function pseudoHostSelectors(list: string): string[] {
  return splitSelectors(list).flatMap((part) => {
    const match = /^(.*?)::?(before|after)\b/i.exec(part);
    return match ? [match[1]!.trim() || '*'] : [];
  });
}

function splitSelectors(list: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let start = 0;
  for (let i = 0; i <= list.length; i++) {
    const ch = list[i];
    if (ch === '(' || ch === '[') depth++;
    else if (ch === ')' || ch === ']') depth--;
    else if ((ch === ',' && depth === 0) || ch === undefined) {
      parts.push(list.slice(start, i).trim());
      start = i + 1;
    }
  }
  return parts.filter(Boolean);
}

/** CSS Nesting §3 (https://www.w3.org/TR/css-nesting-1/#nest-selector): `&` stands for the parent. */
const nest = (selector: string, parent: string | null) =>
  parent === null
    ? selector
    : selector.includes('&')
      ? selector.replaceAll('&', `:is(${parent})`)
      : `:is(${parent}) ${selector}`;

/** Selector-list matching costs about as much per selector as reading one property everywhere
 * costs per 16 selectors (measured on 50,000 elements), so longer lists are not worth it. */
export const MAX_SELECTORS_PER_PROPERTY = 12;
export const MAX_SELECTORS = 40;

export class Collector {
  everywhere = 0;
  declared = 0;
  readonly selectors = new Map<string, number>();
  /** Selectors of elements whose ::before or ::after paints a background; null when unknown. */
  pseudoHosts: Set<string> | null = new Set();

  add(list: readonly string[], mask: number) {
    this.declared |= mask;
    for (const selector of list) this.selectors.set(selector, (this.selectors.get(selector) ?? 0) | mask);
  }

  sheet(sheet: CSSStyleSheet) {
    let rules: CSSRuleList;
    try {
      rules = sheet.cssRules;
    } catch {
      // Another origin's stylesheet: what it sets cannot be known, so everything is read.
      this.everywhere = EVERY;
      this.pseudoHosts = null;
      return;
    }
    this.rules(rules, null);
  }

  rules(rules: CSSRuleList, parent: readonly string[] | null) {
    for (const rule of rules) {
      const type = rule.constructor.name;
      if (type === 'CSSStyleRule') {
        const style = rule as CSSStyleRule;
        const joined = parent ? parent.join(', ') : null;
        const list = elementSelectors(style.selectorText).map((s) => nest(s, joined));
        const mask = declared(style.style);
        if (mask) this.add(list, mask);
        if (mask & (BG_COLOR | BG_IMAGE) && this.pseudoHosts)
          for (const host of pseudoHostSelectors(style.selectorText))
            this.pseudoHosts.add(nest(host, joined));
        if (style.cssRules?.length) this.rules(style.cssRules, list);
      } else if (type === 'CSSNestedDeclarations') {
        const mask = declared((rule as CSSStyleRule).style);
        if (mask && parent) this.add(parent, mask);
      } else if (type === 'CSSImportRule') {
        const sheet = (rule as CSSImportRule).styleSheet;
        if (sheet) this.sheet(sheet);
      } else if (type === 'CSSScopeRule') {
        // @scope limits its selectors to a subtree that a plain selector cannot express.
        const mask = declaredDeep((rule as CSSGroupingRule).cssRules);
        this.everywhere |= mask & EVERY;
        this.declared |= mask;
        this.pseudoHosts = null;
      } else if (type !== 'CSSKeyframesRule' && 'cssRules' in rule) {
        // @media, @supports, @layer, @container: their rules may apply; keyframes only animate
        // (running animations are found below).
        this.rules((rule as CSSGroupingRule).cssRules, parent);
      }
    }
  }
}

function declaredDeep(rules: CSSRuleList): number {
  let mask = 0;
  for (const rule of rules) {
    if ('style' in rule) mask |= declared((rule as CSSStyleRule).style);
    if ('cssRules' in rule) mask |= declaredDeep((rule as CSSGroupingRule).cssRules);
  }
  return mask;
}
