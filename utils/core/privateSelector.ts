/**
 * Whether a private selector is a CSS selector the browser can match. Where a DOM exists (the
 * options page, the side panel, the content script), the browser's own parser decides:
 * `querySelector` on an empty fragment throws a SyntaxError for exactly the selectors
 * `querySelectorAll` would refuse at capture time, and matches nothing otherwise.
 *
 * The service worker has no DOM, and it needs no parser of its own: it never saves settings
 * (only the options page does), and on load it keeps every stored selector as it is
 * (utils/extension/settings/storage.ts), so a selector it cannot check still reaches the page, whose
 * DOM refuses it by name before any pixel or text is taken (utils/page/regions/privacy.ts). A
 * parser here could only refuse earlier, and a lenient one (css-what 8 accepts `a..b` and
 * `div >`) could never be the authority anyway.
 */

/** The sentence every refusal of a private selector uses, in the form and in the panel. */
export function invalidSelectorMessage(selector: string, reason: string): string {
  return `Private selector \`${selector}\` is not a valid CSS selector: ${reason}`;
}

export const isSelectorRefusal = (message: string) => message.startsWith('Private selector `');

/** What is unbalanced or dangling in a selector, in words; null when nothing obvious is. */
export function syntaxSlip(selector: string): string | null {
  const open: string[] = [];
  for (let i = 0; i < selector.length; i++) {
    const c = selector[i]!;
    if (c === '\\') {
      i++;
    } else if (c === '"' || c === "'") {
      const end = selector.indexOf(c, i + 1);
      if (end < 0) return 'a quoted string is never closed.';
      i = end;
    } else if (c === '[' || c === '(') {
      open.push(c);
    } else if (c === ']' || c === ')') {
      const expected = c === ']' ? '[' : '(';
      if (open.pop() !== expected) return `its \`${c}\` closes nothing.`;
    }
  }
  const unclosed = open.pop();
  if (unclosed) return `its \`${unclosed}\` is never closed.`;
  const dangling = /([>+~,])\s*$/.exec(selector)?.[1];
  if (dangling) return `it ends with \`${dangling}\` and nothing after it.`;
  return null;
}

/**
 * The refusal sentence for a selector the browser cannot parse, or null when it parses (or
 * when there is no DOM to ask: see above).
 */
export function privateSelectorProblem(selector: string): string | null {
  if (typeof document === 'undefined' || typeof document.createDocumentFragment !== 'function') return null;
  try {
    document.createDocumentFragment().querySelector(selector);
    return null;
  } catch {
    return invalidSelectorMessage(selector, reasonOf(selector));
  }
}

/** Why the browser refused a selector: the slip when one is obvious. */
export function reasonOf(selector: string): string {
  return syntaxSlip(selector) ?? 'the browser’s selector parser rejects it.';
}
