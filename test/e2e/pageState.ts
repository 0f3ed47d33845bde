/**
 * What a page looks like to a restore check: every element's box and every computed style
 * property (all of them, hashed per element), in the document, its open shadow roots and its
 * same-origin frames, plus what the preview could leave behind (its data attributes, adopted
 * stylesheets, style elements).
 *
 * Computed values come from the Typed OM (`computedStyleMap()`), not getComputedStyle: for
 * geometry properties getComputedStyle returns a used value that Chromium resolves lazily (a
 * centred container reads `margin-left: 0px` until something lays it out again, then
 * `152.5px`, at the same place on the page). Where things are is the box's job.
 */
import type { Page } from 'playwright-core';

export interface ElementState {
  /** Which document or shadow root (0 is the document), and the element's tag there. */
  root: number;
  tag: string;
  box: string;
  /** FNV-1a of `property:value;` for every computed property. */
  style: string;
}

export interface PageState {
  elements: ElementState[];
  /** Computed properties per element (the same for every element of a document). */
  properties: number;
  /** Elements carrying a data-restage-preview attribute, in every root. */
  marks: number;
  /** Adopted stylesheets per root, and style elements in all roots. */
  sheets: number[];
  styleElements: number;
}

// A string, not a function: tsx would wrap named helpers in __name(), which the page lacks.
const SNAPSHOT = `(() => {
  const out = { elements: [], properties: 0, marks: 0, sheets: [], styleElements: 0 };
  const roots = [document];
  for (let i = 0; i < roots.length; i++) {
    const root = roots[i];
    out.sheets.push(root.adoptedStyleSheets.length);
    out.styleElements += root.querySelectorAll('style').length;
    out.marks += root.querySelectorAll('[data-restage-preview]').length;
    for (const el of root.querySelectorAll('*')) {
      if (el.localName === 'restage-overlay') continue;
      if (el.shadowRoot) roots.push(el.shadowRoot);
      if (el.localName === 'iframe' && el.contentDocument) roots.push(el.contentDocument);
      let h = 0x811c9dc5;
      let n = 0;
      for (const [name, values] of el.computedStyleMap()) {
        const pair = name + ':' + values.join(' ') + ';';
        for (let c = 0; c < pair.length; c++) { h ^= pair.charCodeAt(c); h = Math.imul(h, 0x01000193); }
        n++;
      }
      out.properties = Math.max(out.properties, n);
      const r = el.getBoundingClientRect();
      out.elements.push({ root: i, tag: el.localName, box: [r.x, r.y, r.width, r.height].join(','), style: (h >>> 0).toString(16) });
    }
  }
  return out;
})()`;

export async function pageState(page: Page): Promise<PageState> {
  return (await page.evaluate(SNAPSHOT)) as PageState;
}

/** The elements whose box or computed style differ, described for a failure message. */
export function differences(before: PageState, after: PageState): string[] {
  if (before.elements.length !== after.elements.length) {
    return [`${before.elements.length} elements before, ${after.elements.length} after`];
  }
  return before.elements.flatMap((b, i) => {
    const a = after.elements[i]!;
    const what = [
      b.box !== a.box ? `box ${b.box} → ${a.box}` : '',
      b.style !== a.style ? 'computed style' : '',
    ]
      .filter(Boolean)
      .join(', ');
    return what ? [`#${i} <${b.tag}> in root ${b.root}: ${what}`] : [];
  });
}

/** Freezes the page's own animations, whose styles would otherwise change between snapshots. */
export async function pauseAnimations(page: Page): Promise<void> {
  await page.evaluate('document.getAnimations().forEach((a) => a.pause())');
}
