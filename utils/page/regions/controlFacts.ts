/**
 * Facts about a control that styles and boxes alone do not give, read once at extraction:
 * what it is for (which rules it in or out as the page's call to action), whether it draws a
 * border like a button, and whether it sits in a line of text (WCAG 2.5.8's inline exception).
 */
import type { Region } from '@/utils/core/schemas/region';

export type Purpose = NonNullable<Region['purpose']>;

const SUBMIT_INPUTS = new Set(['submit', 'image']);
/** Fields a quick menu or a search form holds (a `select` and "Go", a search box and "Search"). */
const SEARCH_NAME = /(^|[^a-z])(q|s|query|search|keywords?|find)([^a-z]|$)/i;
const PAGINATION = /pag(ination|er|ing)/i;

function submittedForm(el: Element): HTMLFormElement | null {
  const tag = el.localName;
  if (tag === 'button') {
    const button = el as HTMLButtonElement;
    return button.type === 'submit' ? button.form : null;
  }
  if (tag === 'input') {
    const input = el as HTMLInputElement;
    return SUBMIT_INPUTS.has(input.type) ? input.form : null;
  }
  return null;
}

/**
 * A search form or a quick menu: marked as search (`role="search"`, the `search` element), or
 * whose fields are only selects and search boxes (a `type="search"` field, or a text field
 * named or labelled for search, as `q`).
 */
export function isSearchForm(form: HTMLFormElement): boolean {
  if (form.closest('[role="search"], search')) return true;
  const fields = [...form.elements].filter((f) => {
    if (f.localName === 'select' || f.localName === 'textarea') return true;
    if (f.localName !== 'input') return false;
    const type = (f as HTMLInputElement).type;
    return !['hidden', 'submit', 'button', 'reset', 'image'].includes(type);
  });
  if (fields.length === 0) return false;
  return fields.every((f) => {
    if (f.localName === 'select') return true;
    const input = f as HTMLInputElement;
    if (input.type === 'search') return true;
    const words = `${input.name} ${input.id} ${input.placeholder ?? ''} ${f.getAttribute('aria-label') ?? ''}`;
    return input.type === 'text' && SEARCH_NAME.test(words);
  });
}

/** What a control is for, where that decides whether it can be the page's call to action. */
export function purposeOf(el: Element): Purpose | null {
  const role = el.getAttribute('role');
  if (role === 'tab' || el.closest('[role="tablist"]')) return 'tab';
  if (role === 'menuitem' || el.closest('[role="menu"], [role="menubar"]')) return 'menu';
  const rel = el.getAttribute('rel') ?? '';
  if (/\b(next|prev)\b/.test(rel)) return 'pagination';
  for (let a: Element | null = el; a; a = a.parentElement) {
    const label = `${a.getAttribute('class') ?? ''} ${a.id} ${a.getAttribute('aria-label') ?? ''}`;
    if (PAGINATION.test(label)) return 'pagination';
  }
  const form = submittedForm(el);
  if (form) return isSearchForm(form) ? 'search' : 'submit';
  return null;
}

const SIDES = ['top', 'right', 'bottom', 'left'] as const;
const CLEAR = /rgba\([^)]*,\s*0\)$/;

/** A border on all four sides, drawn (not `none`, not transparent): an outlined button. */
export function isBordered(style: CSSStyleDeclaration): boolean {
  return SIDES.every((side) => {
    const width = parseFloat(style.getPropertyValue(`border-${side}-width`));
    const color = style.getPropertyValue(`border-${side}-color`);
    return width >= 1 && !CLEAR.test(color) && color !== 'transparent';
  });
}

const BLOCK_LIKE = new Set(['block', 'list-item', 'table', 'flex', 'grid']);
const isBlockLike = (display: string) => BLOCK_LIKE.has(display) || display.startsWith('table-');
const WIDGETS = 'a[href], button, input, select, textarea, [role="link"], [role="button"], [tabindex]';

/**
 * Display and visibility by element, kept for one extraction: targets in the same block read
 * the same elements, and a block of 190 inline links would otherwise read 100,000 styles.
 */
export type StyleCache = Map<Element, { display: string; visibility: string }>;

/**
 * Whether a target sits in a line of text: it is not a block itself, and the nearest block
 * around it shows other words in the same line (between the same blocks and `br`s).
 * WCAG 2.5.8's inline exception ("the target is in a sentence or its size is otherwise
 * constrained by the line-height of non-target text"); the same test as axe-core's
 * `target-size` rule, which leaves such targets out (isInTextBlock).
 */
export function isInText(el: Element, styles: StyleCache = new Map()): boolean {
  const win = el.ownerDocument.defaultView;
  if (!win) return false;
  const styleOf = (e: Element) => {
    let style = styles.get(e);
    if (!style) {
      const computed = win.getComputedStyle(e);
      styles.set(e, (style = { display: computed.display, visibility: computed.visibility }));
    }
    return style;
  };
  if (isBlockLike(styleOf(el).display)) return false;
  let block = el.parentElement;
  while (block && !isBlockLike(styleOf(block).display)) block = block.parentElement;
  if (!block) return false;
  let line = '';
  let passed = false;
  const visit = (node: Node): boolean => {
    for (let child = node.firstChild; child; child = child.nextSibling) {
      if (child.nodeType === 3) {
        line += child.nodeValue ?? '';
        continue;
      }
      if (child.nodeType !== 1) continue;
      const element = child as Element;
      if (element === el) {
        passed = true;
        continue;
      }
      const style = styleOf(element);
      if (isBlockLike(style.display) || element.localName === 'br' || element.localName === 'hr') {
        // A break ends the target's line: its words are what came before, since the last break.
        if (passed) return true;
        line = '';
        continue;
      }
      if (style.display === 'none' || style.visibility !== 'visible') continue;
      if (element.matches(WIDGETS)) continue;
      if (visit(element)) return true;
    }
    return false;
  };
  visit(block);
  return /[\p{L}\p{N}]/u.test(line);
}
