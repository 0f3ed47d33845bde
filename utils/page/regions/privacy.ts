/**
 * Private content that never leaves the page as pixels or text: password fields, payment
 * and one-time-code inputs (https://html.spec.whatwg.org/multipage/form-control-infrastructure.html#autofill),
 * anything marked `data-restage-private`, and the selectors the user adds in settings.
 */
import { invalidSelectorMessage, reasonOf } from '@/utils/core/privateSelector';
import { shadowOf, unopenableHosts } from '@/utils/page/regions/shadow';

export const PRIVATE_ATTRIBUTE = 'data-restage-private';
export const MASKED_TEXT = '•••';

export function isPrivate(el: Element): boolean {
  if (el.hasAttribute(PRIVATE_ATTRIBUTE)) return true;
  if (el.localName !== 'input') return false;
  const input = el as HTMLInputElement;
  const autocomplete = (input.getAttribute('autocomplete') ?? '').toLowerCase();
  return (
    input.type === 'password' || /(^|\s)cc-/.test(autocomplete) || /(^|\s)one-time-code/.test(autocomplete)
  );
}

/**
 * Elements in `root` that match the user's selectors; everything inside them is private too.
 * A selector the browser cannot parse throws a plain sentence naming it: skipping it would
 * capture what it was meant to hide, so every capture and extraction stops instead.
 */
export function privateRoots(
  root: Document | ShadowRoot,
  selectors: readonly string[],
  into: Set<Element>,
): Set<Element> {
  for (const selector of selectors) {
    let matches: NodeListOf<Element>;
    try {
      matches = root.querySelectorAll(selector);
    } catch (error) {
      throw new Error(invalidSelectorMessage(selector, reasonOf(selector)), { cause: error });
    }
    matches.forEach((el) => into.add(el));
  }
  return into;
}

/**
 * Every private element of the document, its shadow roots (open or closed) and its
 * same-origin frames; where closed roots cannot be opened, the hosts that may hold one.
 */
export function findPrivateElements(doc: Document, selectors: readonly string[]): Element[] {
  const found = new Set<Element>();
  const scan = (root: Document | ShadowRoot) => {
    privateRoots(root, selectors, found);
    root.querySelectorAll(`input, [${PRIVATE_ATTRIBUTE}]`).forEach((el) => isPrivate(el) && found.add(el));
    for (const host of unopenableHosts(root)) found.add(host);
    root.querySelectorAll('*').forEach((el) => {
      const shadow = shadowOf(el);
      if (shadow) scan(shadow);
      if (el.localName === 'iframe') {
        try {
          const inner = (el as HTMLIFrameElement).contentDocument;
          if (inner) scan(inner);
        } catch {
          // cross-origin frames are captured as pixels only by the browser; see masks.ts
        }
      }
    });
  };
  scan(doc);
  return [...found];
}
