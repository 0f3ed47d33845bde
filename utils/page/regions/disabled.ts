/**
 * WCAG 1.4.3 exempts "text or images of text that are part of an inactive user interface
 * component": a disabled control's text, and its label's.
 */
const INACTIVE = ':disabled, [aria-disabled="true"]';

export function isDisabled(el: Element, disabledLabels: ReadonlySet<Element> | null): boolean {
  // Most pages have nothing inactive: then nothing needs looking up.
  if (disabledLabels === null) return false;
  if (el.closest(INACTIVE)) return true;
  const label = el.closest('label');
  if (label?.control?.matches(INACTIVE) || label?.control?.closest('[aria-disabled="true"]')) return true;
  if (el.querySelector(INACTIVE)) return el.localName === 'label';
  for (let node: Element | null = el; node; node = node.parentElement)
    if (disabledLabels.has(node)) return true;
  return false;
}

/**
 * Elements that label an inactive control through aria-labelledby; null when nothing in the
 * document is inactive (`composed`: shadow roots or frames were walked, whose controls a
 * document query does not see).
 */
export function labelsOfDisabled(doc: Document, composed: boolean): Set<Element> | null {
  if (!composed && doc.querySelector(INACTIVE) === null) return null;
  const labels = new Set<Element>();
  doc.querySelectorAll('[aria-labelledby]').forEach((el) => {
    if (!el.closest(INACTIVE)) return;
    for (const id of el.getAttribute('aria-labelledby')!.split(/\s+/)) {
      const label = doc.getElementById(id);
      if (label) labels.add(label);
    }
  });
  return labels;
}
