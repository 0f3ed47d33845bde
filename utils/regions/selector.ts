/**
 * Selectors that resolve to exactly one element. Inside open shadow roots and same-origin
 * iframes a plain CSS selector cannot reach, so segments are joined with ` >>> `: each
 * segment is unique within its root, and the next segment is looked up inside the shadow
 * root or document of the element before it.
 */
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

function ownSelector(el: Element, root: Root): string | null {
  if (el.id && isUnique(root, `#${CSS.escape(el.id)}`, el)) return `#${CSS.escape(el.id)}`;
  for (const attr of ['data-testid', 'data-test', 'data-cy']) {
    const value = el.getAttribute(attr);
    const sel = value && `[${attr}="${CSS.escape(value)}"]`;
    if (sel && isUnique(root, sel, el)) return sel;
  }
  const tag = el.localName;
  const classes = [...el.classList].filter((c) => !UNSTABLE_CLASS.test(c)).slice(0, 3);
  for (let n = 1; n <= classes.length; n++) {
    const sel = `${CSS.escape(tag)}.${classes.slice(0, n).map((c) => CSS.escape(c)).join('.')}`;
    if (isUnique(root, sel, el)) return sel;
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

/** A selector unique within the element's own root (document or shadow root). */
function selectorInRoot(el: Element, root: Root): string {
  const own = ownSelector(el, root);
  if (own) return own;
  const path: string[] = [];
  for (let node: Element | null = el; node; node = node.parentElement) {
    const anchor = node !== el ? ownSelector(node, root) : null;
    if (anchor) {
      path.unshift(anchor);
      break;
    }
    path.unshift(nthOfType(node));
    if (node.parentElement === null) break;
  }
  const candidate = path.join(' > ');
  // Anchored at the document root, a child-combinator path is unique by construction.
  if (!isUnique(root, candidate, el) && path[0]?.startsWith('html')) return `:root > ${path.slice(1).join(' > ')}`;
  return candidate;
}

export function uniqueSelector(el: Element): string {
  const segments: string[] = [];
  let node: Element | null = el;
  while (node) {
    const root = node.getRootNode() as Root;
    const isShadow = typeof ShadowRoot !== 'undefined' && root instanceof ShadowRoot;
    if (isShadow) {
      segments.unshift(selectorInRoot(node, root));
      node = (root as ShadowRoot).host;
      continue;
    }
    const doc = root as Document;
    if (doc.documentElement === node && segments.length === 0) segments.unshift(':root');
    else segments.unshift(selectorInRoot(node, doc));
    node = doc.defaultView?.frameElement ?? null;
  }
  return segments.join(PIERCE);
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
    root = found.shadowRoot ?? (found as HTMLIFrameElement).contentDocument ?? null;
  }
  return found;
}
