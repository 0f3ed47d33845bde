/**
 * What Restage itself puts in a page (the overlay's host, holding the numbered boxes, their
 * badges and the picker outline; the full-page capture's style element; the preview's
 * fallback style elements) is never page content. Each is recorded here, by identity, when it
 * is made, and region extraction skips it, hides it while it reads the page, and refuses any
 * region inside it. Identity, not class names: a page may use any name, and we may rename ours.
 */
const own = new Set<Element>();

/** Records an element Restage put in the page; `release` when it is taken out again. */
export function claim(el: Element): void {
  own.add(el);
}

export function release(el: Element): void {
  own.delete(el);
}

/** Whether `el` is itself one of Restage's own elements (the hot path: one lookup). */
export function isOwn(el: Element): boolean {
  return own.size > 0 && own.has(el);
}

/** Whether `node` lies inside one of Restage's own elements, across shadow roots and frames. */
export function insideOwnUi(node: Node): boolean {
  if (own.size === 0) return false;
  for (let n: Node | null = node; n;) {
    if (n.nodeType === 1 && own.has(n as Element)) return true;
    const parent: Node | null = n.parentNode;
    if (parent) n = parent;
    else if ('host' in n && (n as ShadowRoot).host) n = (n as ShadowRoot).host;
    else n = (n as Document).defaultView?.frameElement ?? null;
  }
  return false;
}

/**
 * Runs `read` with Restage's own elements taken out of the layout, so that nothing of ours
 * (a badge past the page's last line, say) changes what the page measures: its size, its
 * boxes, its text. Synchronous: the page never paints in between, so nothing flickers.
 */
export function withOwnUiHidden<T>(read: () => T): T {
  const hidden: { el: HTMLElement; style: string | null }[] = [];
  for (const el of own) {
    if (!el.isConnected || !('style' in el)) continue;
    const html = el as HTMLElement;
    hidden.push({ el: html, style: html.getAttribute('style') });
    html.style.setProperty('display', 'none', 'important');
  }
  try {
    return read();
  } finally {
    for (const { el, style } of hidden) {
      if (style === null) el.removeAttribute('style');
      else el.setAttribute('style', style);
    }
  }
}
