/**
 * Visible text and accessible names. A region's text is never capped (views cap it for
 * display); names are, since they repeat text the page already shows.
 */
import { shadowOf } from '@/utils/page/regions/shadow';

const NAME_CAP = 120;

export const squash = (s: string) => s.replace(/\s+/g, ' ').trim();

export function cap(text: string, max: number): string {
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

/** What Chromium shows on a button-like input without a value (HTML §4.10.5.1.18–20). */
const INPUT_LABELS: Record<string, string> = { submit: 'Submit', reset: 'Reset' };
/** Inputs whose value is not text a reader sees (a checkbox's value is "on"). */
const VALUELESS_INPUTS = new Set(['checkbox', 'radio', 'range', 'color', 'file', 'image', 'hidden']);

/** The text a form field shows (its value, placeholder or chosen option); null for other elements. */
export function fieldText(el: Element): string | null {
  if (el.localName === 'select') {
    const select = el as HTMLSelectElement;
    // A drop-down shows its chosen option; a list box (multiple, or size > 1) shows its options.
    const listBox = select.multiple || select.size > 1;
    const shown = listBox ? [...select.options] : [...select.selectedOptions].slice(0, 1);
    return squash(shown.map((o) => o.label || o.text).join(' '));
  }
  if (el.localName === 'textarea') {
    const area = el as HTMLTextAreaElement;
    return squash(area.value || area.placeholder);
  }
  if (el.localName !== 'input') return null;
  const input = el as HTMLInputElement;
  if (VALUELESS_INPUTS.has(input.type)) return '';
  if (input.type in INPUT_LABELS) return squash(input.value || INPUT_LABELS[input.type]!);
  return squash(input.value || input.placeholder || '');
}

/**
 * Rendered text: `innerText` skips display:none and visibility:hidden descendants. Shadow
 * content is not in the host's innerText, so a shadow host (open or closed) reads its own.
 */
export function visibleText(el: Element): string {
  const field = fieldText(el);
  if (field !== null) return field;
  if (el.localName === 'img' || el.namespaceURI === 'http://www.w3.org/2000/svg') return '';
  const own = (el as HTMLElement).innerText ?? el.textContent ?? '';
  // Asked only when needed: opening a closed root is a call into the extension API.
  const host = squash(own) ? null : shadowOf(el);
  if (host) {
    const shadowText = [...host.childNodes]
      .map((n) => (n.nodeType === 1 ? ((n as HTMLElement).innerText ?? '') : (n.textContent ?? '')))
      .join(' ');
    return squash(shadowText);
  }
  return squash(own);
}

/** The name an element's content gives it when it has no text: its images' alt text. */
function contentName(el: Element): string {
  const images = el.querySelectorAll('img[alt], svg[aria-label], [role="img"][aria-label]');
  return squash(
    [...images].map((i) => i.getAttribute('alt') ?? i.getAttribute('aria-label') ?? '').join(' '),
  );
}

export function accessibleName(el: Element, text: string): string {
  const label = el.getAttribute('aria-label');
  if (label && squash(label)) return cap(squash(label), NAME_CAP);
  const labelledBy = el.getAttribute('aria-labelledby');
  if (labelledBy) {
    const doc = el.ownerDocument;
    const joined = labelledBy
      .split(/\s+/)
      .map((id) => doc.getElementById(id)?.textContent ?? '')
      .join(' ');
    if (squash(joined)) return cap(squash(joined), NAME_CAP);
  }
  if (el.localName === 'img' || el.localName === 'area' || (el as HTMLInputElement).type === 'image')
    return cap(squash(el.getAttribute('alt') ?? ''), NAME_CAP);
  const labels = (el as HTMLInputElement).labels;
  if (labels && labels.length > 0)
    return cap(squash([...labels].map((l) => l.textContent ?? '').join(' ')), NAME_CAP);
  return cap(text || contentName(el) || squash(el.getAttribute('title') ?? ''), NAME_CAP);
}
