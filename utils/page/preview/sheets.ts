/**
 * One stylesheet put into every document and shadow root that holds a patched element, and
 * taken out again. A constructed sheet adopted by the root (CSSOM, adoptedStyleSheets:
 * https://drafts.csswg.org/cssom/#dom-documentorshadowroot-adoptedstylesheets) adds no node, so
 * structural selectors (`:last-child` in a shadow root) match as before and a page CSP that
 * forbids inline styles does not apply to it. Each document gets its own sheet, made by its own
 * window: a constructed sheet can only be adopted in the document it was made for. Where
 * adopting fails (a browser that keeps content scripts' objects apart from the page's), a
 * marked <style> element does the same job.
 */
import { claim, release } from '@/utils/page/overlay/ownUi';
import { PREVIEW_STYLE_ATTRIBUTE } from '@/utils/core/plan/stylesheet';

export type Root = Document | ShadowRoot;

/** Adds `css` to each root; returns the function that removes it from all of them. */
export function attachSheets(roots: Iterable<Root>, css: string): () => void {
  const sheets = new Map<Document, CSSStyleSheet>();
  const undo: (() => void)[] = [];
  for (const root of roots) {
    const owner = 'host' in root ? root.ownerDocument : root;
    try {
      let sheet = sheets.get(owner);
      if (!sheet) {
        const View = (owner.defaultView ?? window) as typeof window;
        sheet = new View.CSSStyleSheet();
        sheet.replaceSync(css);
        sheets.set(owner, sheet);
      }
      const own = sheet;
      root.adoptedStyleSheets = [...root.adoptedStyleSheets, own];
      undo.push(() => {
        root.adoptedStyleSheets = root.adoptedStyleSheets.filter((s) => s !== own);
      });
    } catch {
      const style = owner.createElement('style');
      style.setAttribute(PREVIEW_STYLE_ATTRIBUTE, '');
      style.textContent = css;
      ('host' in root ? root : (root.head ?? root.documentElement)).append(style);
      claim(style);
      undo.push(() => (style.remove(), release(style)));
    }
  }
  return () => undo.forEach((take) => take());
}
