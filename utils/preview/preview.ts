/**
 * The live preview: a CssPatch applied to the real page, and taken off again without a trace.
 * Each patched region's element gets `data-restage-preview="rN"`, and one stylesheet with every
 * rule (./stylesheet.ts) goes into each document and shadow root holding a patched element
 * (./sheets.ts), same-origin frames included. Reverting removes both; nothing else is touched.
 */
import { resolveSelector } from '../regions/selector';
import type { CssPatch, Region } from '../schemas';
import { settleTransitions } from './settle';
import { attachSheets, type Root } from './sheets';
import { PREVIEW_ATTRIBUTE, previewRules } from './stylesheet';

export interface PreviewResult {
  /** Regions whose element was found and marked. */
  applied: number;
  /** Regions of the patch whose element is no longer on the page. */
  missing: string[];
  /** Declarations refused by the allow-list or the CSS guard. */
  rejected: number;
  /** Time spent in the page, in ms. */
  ms: number;
}

export interface Preview {
  /** Replaces whatever preview is on the page: applying twice never stacks. */
  apply(patch: CssPatch, regions: readonly Pick<Region, 'id' | 'selector'>[]): PreviewResult;
  /** Takes the preview off; resolves with how many elements it restored. */
  revert(): number;
  readonly active: boolean;
}

export function createPreview(doc: Document = document): Preview {
  let marked: Element[] = [];
  let detach = () => {};

  /** Synchronous, so a new preview replaces the old one within a single style recalculation. */
  const clear = (): Element[] => {
    const touched = marked;
    for (const el of touched) el.removeAttribute(PREVIEW_ATTRIBUTE);
    detach();
    detach = () => {};
    marked = [];
    return touched;
  };

  return {
    get active() {
      return marked.length > 0;
    },
    apply(patch, regions) {
      const started = performance.now();
      const previous = clear();
      const selectors = new Map(regions.map((r) => [r.id, r.selector]));
      const patched = new Set(patch.map((e) => e.regionId));
      const { css, rejected } = previewRules(patch);
      const missing: string[] = [];
      const roots = new Set<Root>();
      const mark = (el: Element, id: string) => {
        el.setAttribute(PREVIEW_ATTRIBUTE, id);
        marked.push(el);
        roots.add(el.getRootNode() as Root);
      };
      for (const { regionId } of patch) {
        const selector = selectors.get(regionId);
        const el = selector === undefined ? null : resolveSelector(selector, doc);
        if (el) mark(el, regionId);
        else missing.push(regionId);
      }
      const applied = marked.length;
      // Regions inside a recoloured region are the limit of its colour rule (./stylesheet.ts):
      // they are marked too, with their own id and no rule, so they keep their own colour.
      const recolored = new Set(patch.filter((e) => e.declarations.color).map((e) => e.regionId));
      const outers = marked.filter((el) => recolored.has(el.getAttribute(PREVIEW_ATTRIBUTE) ?? ''));
      if (outers.length > 0) {
        for (const { id, selector } of regions) {
          if (patched.has(id)) continue;
          const el = resolveSelector(selector, doc);
          if (el && outers.some((outer) => outer !== el && outer.contains(el))) mark(el, id);
        }
      }
      detach = attachSheets(roots, css);
      settleTransitions([...previous, ...marked]);
      return { applied, missing, rejected, ms: performance.now() - started };
    },
    revert() {
      const touched = clear();
      settleTransitions(touched);
      return touched.length;
    },
  };
}
