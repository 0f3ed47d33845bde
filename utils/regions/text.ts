/** Visible text and accessible names, trimmed and capped. */
export const TEXT_CAP = 300;
const NAME_CAP = 120;

const squash = (s: string) => s.replace(/\s+/g, ' ').trim();

export function cap(text: string, max = TEXT_CAP): string {
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

/**
 * Rendered text: `innerText` skips display:none and visibility:hidden descendants. Shadow
 * content is not in the host's innerText, so a host with an open shadow root reads its own.
 */
export function visibleText(el: Element): string {
  if (el.localName === 'input' || el.localName === 'textarea') {
    const field = el as HTMLInputElement;
    return squash(field.value || field.placeholder || '');
  }
  if (el.localName === 'img') return '';
  const host = el.shadowRoot;
  const own = (el as HTMLElement).innerText ?? el.textContent ?? '';
  if (host && !squash(own)) {
    const shadowText = [...host.childNodes]
      .map((n) => (n.nodeType === 1 ? ((n as HTMLElement).innerText ?? '') : (n.textContent ?? '')))
      .join(' ');
    return squash(shadowText);
  }
  return squash(own);
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
  if (el.localName === 'img' || el.localName === 'area')
    return cap(squash(el.getAttribute('alt') ?? ''), NAME_CAP);
  const labels = (el as HTMLInputElement).labels;
  if (labels && labels.length > 0)
    return cap(squash([...labels].map((l) => l.textContent ?? '').join(' ')), NAME_CAP);
  return cap(text || squash(el.getAttribute('title') ?? ''), NAME_CAP);
}
