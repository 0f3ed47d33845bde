/**
 * Selectors that resolve to exactly one element. Inside shadow roots (open or closed, ./shadow.ts) and same-origin
 * iframes a plain CSS selector cannot reach, so segments are joined with ` >>> `: each
 * segment is unique within its root, and the next segment is looked up inside the shadow
 * root or document of the element before it.
 */
import { shadowOf } from '@/utils/page/regions/shadow';

export const PIERCE = ' >>> ';

type Root = Document | ShadowRoot;

/** Class names that look generated (CSS modules, styled-components, hashes) change per build. */
const UNSTABLE_CLASS = /\d{3,}|^css-|^sc-|^jsx-|^_|[_-][a-zA-Z0-9]{5,}$/;

function isUnique(root: Root, selector: string, el: Element): boolean {
  try {
    const found = root.querySelectorAll(selector);
    return found.length === 1 && found[0] === el;
  } catch {
    return false;
  }
}

/**
 * Per-extraction memo: ancestors are shared by many regions, and counting a class over a
 * 50,000-element page is worth doing once, not once per region.
 */
export class SelectorCache {
  private own = new Map<Element, string | null>();
  private classCounts = new Map<Root, Map<string, number>>();

  classCount(root: Root, name: string): number {
    let counts = this.classCounts.get(root);
    if (!counts) this.classCounts.set(root, (counts = new Map()));
    let count = counts.get(name);
    if (count === undefined) {
      count =
        'getElementsByClassName' in root
          ? root.getElementsByClassName(name).length
          : root.querySelectorAll(`.${CSS.escape(name)}`).length;
      counts.set(name, count);
    }
    return count;
  }

  ownSelector(el: Element, root: Root): string | null {
    if (!this.own.has(el)) this.own.set(el, findOwnSelector(el, root, this));
    return this.own.get(el)!;
  }

  /** `tag:nth-of-type(k)`, numbering all of a parent's children at once (a list of 8,000 cards
   * would otherwise be walked sibling by sibling for every region in it). */
  nthOfType(el: Element): string {
    let step = this.steps.get(el);
    if (step === undefined) {
      const counts = new Map<string, number>();
      for (let sib: ChildNode | null = el.parentNode?.firstChild ?? el; sib; sib = sib.nextSibling) {
        if (sib.nodeType !== 1) continue;
        const tag = (sib as Element).localName;
        const index = (counts.get(tag) ?? 0) + 1;
        counts.set(tag, index);
        let escaped = this.tags.get(tag);
        if (escaped === undefined) this.tags.set(tag, (escaped = CSS.escape(tag)));
        this.steps.set(sib as Element, `${escaped}:nth-of-type(${index})`);
      }
      step = this.steps.get(el) ?? nthOfType(el);
    }
    return step;
  }
  private steps = new Map<Element, string>();
  private tags = new Map<string, string>();
}

function findOwnSelector(el: Element, root: Root, cache: SelectorCache): string | null {
  // No id, test id or class to anchor on: one call instead of five.
  if (!el.hasAttributes()) return null;
  if (el.id && isUnique(root, `#${CSS.escape(el.id)}`, el)) return `#${CSS.escape(el.id)}`;
  for (const attr of ['data-testid', 'data-test', 'data-cy']) {
    const value = el.getAttribute(attr);
    const sel = value && `[${attr}="${CSS.escape(value)}"]`;
    if (sel && isUnique(root, sel, el)) return sel;
  }
  const tag = CSS.escape(el.localName);
  const stable = [...el.classList].filter((c) => !UNSTABLE_CLASS.test(c));
  // A class no other element has is unique on its own; rarer classes are tried first.
  const rare = stable.map((c) => ({ c, n: cache.classCount(root, c) })).sort((a, b) => a.n - b.n);
  if (rare[0]?.n === 1) return `${tag}.${CSS.escape(rare[0].c)}`;
  if (rare.length >= 2 && rare[0]!.n <= 50) {
    const pair = `${tag}.${CSS.escape(rare[0]!.c)}.${CSS.escape(rare[1]!.c)}`;
    if (isUnique(root, pair, el)) return pair;
  }
  return null;
}

function nthOfType(el: Element): string {
  let index = 1;
  for (let sib = el.previousElementSibling; sib; sib = sib.previousElementSibling) {
    if (sib.localName === el.localName) index++;
  }
  return `${CSS.escape(el.localName)}:nth-of-type(${index})`;
}

/**
 * A selector unique within the element's own root: its own (id, test id, rare class), or a
 * child-combinator path of nth-of-type steps from the nearest ancestor that has one, or
 * from the root. Such a path names at most one element by construction.
 */
function selectorInRoot(el: Element, root: Root, cache: SelectorCache): string {
  const own = cache.ownSelector(el, root);
  if (own) return own;
  const path = [cache.nthOfType(el)];
  for (let node = el.parentElement; node; node = node.parentElement) {
    const anchor = cache.ownSelector(node, root);
    if (anchor) return [anchor, ...path].join(' > ');
    if (node.parentElement === null && node.localName === 'html') return [':root', ...path].join(' > ');
    path.unshift(cache.nthOfType(node));
  }
  return path.join(' > ');
}

export function uniqueSelector(el: Element, cache = new SelectorCache()): string {
  const segments: string[] = [];
  let node: Element | null = el;
  while (node) {
    const root = node.getRootNode() as Root;
    if (typeof ShadowRoot !== 'undefined' && root instanceof ShadowRoot) {
      segments.unshift(selectorInRoot(node, root, cache));
      node = root.host;
      continue;
    }
    const doc = root as Document;
    segments.unshift(doc.documentElement === node ? ':root' : selectorInRoot(node, doc, cache));
    node = doc.defaultView?.frameElement ?? null;
  }
  return segments.join(PIERCE);
}

/**
 * Which of `pairs` are verified to name exactly their element. Every selector built here is
 * unique by construction: its anchor was checked with querySelectorAll (or is a class only
 * one element has, or `:root`), and each `> tag:nth-of-type(k)` step names one child. So it
 * is enough that the selector matches its own element; a querySelectorAll per selector
 * would scan a 50,000-element page 200 times for the same answer. Selectors that pierce
 * shadow roots or frames are resolved segment by segment. The end-to-end tests check
 * querySelectorAll(selector).length === 1 on every corpus page independently.
 */
export function verifySelectors(
  pairs: readonly { selector: string; el: Element }[],
  doc: Document = document,
): boolean[] {
  return pairs.map(({ selector, el }) => {
    if (selector.includes(PIERCE)) return resolveSelector(selector, doc) === el;
    try {
      return el.matches(selector);
    } catch {
      return false;
    }
  });
}

/** The elements the last extraction anchored its regions to, by selector. */
let anchored = new Map<string, WeakRef<Element>>();

export function rememberAnchors(pairs: readonly { selector: string; el: Element }[]): void {
  anchored = new Map(pairs.map(({ selector, el }) => [selector, new WeakRef(el)]));
}

/**
 * The element a region's selector names, for drawing its box: the element the last extraction
 * anchored it to, while that is still on the page and still matches; otherwise resolveSelector.
 * The overlay draws right after an extraction, and a querySelectorAll per region (each a scan
 * of the whole page) cost as much as the extraction itself at 10,000 elements.
 */
export function regionElement(selector: string): Element | null {
  const el = anchored.get(selector)?.deref();
  if (el?.isConnected && !selector.includes(PIERCE) && el.matches(selector)) return el;
  return resolveSelector(selector);
}

/** The one element a selector names, or null when it names none or several. */
export function resolveSelector(selector: string, doc: Document = document): Element | null {
  let root: Root | null = doc;
  let found: Element | null = null;
  for (const segment of selector.split(PIERCE)) {
    if (!root) return null;
    let matches: NodeListOf<Element>;
    try {
      matches = root.querySelectorAll(segment);
    } catch {
      return null;
    }
    if (matches.length !== 1) return null;
    found = matches[0]!;
    root = shadowOf(found) ?? (found as HTMLIFrameElement).contentDocument ?? null;
  }
  return found;
}
