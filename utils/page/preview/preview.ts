/**
 * The live preview: a CssPatch applied to the real page, and taken off again without a trace.
 * Each patched region's element gets `data-restage-preview="rN"`, and one stylesheet with every
 * rule (./stylesheet.ts) goes into each document and shadow root holding a patched element
 * (./sheets.ts), same-origin frames included. Reverting removes both; nothing else is touched.
 * Once the sheet is on, every patched region and every region inside one is checked to still
 * be in sight (./visibility.ts). Regions kept as they are (`kept`) that sit inside a patched
 * region are held at the inherited values they had (./stylesheet.ts, pinRules).
 */
import { resolveSelector } from '@/utils/page/regions/selector';
import type { CssPatch } from '@/utils/core/schemas/plan';
import type { Region } from '@/utils/core/schemas/region';
import { settleTransitions } from '@/utils/page/preview/settle';
import { attachSheets, type Root } from '@/utils/page/preview/sheets';
import { INHERITED_BY_PLAN, PREVIEW_ATTRIBUTE, pinRules, previewRules } from '@/utils/core/plan/stylesheet';
import { newlyHidden, sightOf, type HiddenRegion, type Target } from '@/utils/page/preview/visibility';

export interface PreviewResult {
  /** Regions whose element was found and marked. */
  applied: number;
  /** Regions of the patch whose element is no longer on the page. */
  missing: string[];
  /** Declarations refused by the allow-list or the CSS grammar. */
  rejected: number;
  /** Regions the preview put out of sight, and how (./visibility.ts). */
  hidden: HiddenRegion[];
  /** Of `ms`, the part spent checking what is in sight, before and after. */
  checkMs: number;
  /** Time spent in the page, in ms. */
  ms: number;
}

export interface Preview {
  /** Replaces whatever preview is on the page: applying twice never stacks. */
  apply(
    patch: CssPatch,
    regions: readonly Pick<Region, 'id' | 'selector'>[],
    kept?: readonly string[],
  ): PreviewResult;
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
    apply(patch, regions, kept = []) {
      const started = performance.now();
      const previous = clear();
      const selectors = new Map(regions.map((r) => [r.id, r.selector]));
      // Each region's element, looked up once for marking and for the visibility check.
      const found = new Map<string, Element | null>();
      const resolve = (id: string): Element | null => {
        let el = found.get(id);
        if (el === undefined) {
          const selector = selectors.get(id);
          found.set(id, (el = selector === undefined ? null : resolveSelector(selector, doc)));
        }
        return el;
      };
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
        const el = resolve(regionId);
        if (el) mark(el, regionId);
        else missing.push(regionId);
      }
      const applied = marked.length;
      // Regions inside a recoloured region are the limit of its colour rule (./stylesheet.ts):
      // they are marked too, with their own id and no rule, so they keep their own colour.
      const recolored = new Set(patch.filter((e) => e.declarations.color).map((e) => e.regionId));
      const outers = marked.filter((el) => recolored.has(el.getAttribute(PREVIEW_ATTRIBUTE) ?? ''));
      if (outers.length > 0) {
        for (const { id } of regions) {
          if (patched.has(id)) continue;
          const el = resolve(id);
          if (el && outers.some((outer) => outer !== el && outer.contains(el))) mark(el, id);
        }
      }
      const pins = pinKept(kept, patched, resolve, marked);
      for (const { regionId, el } of pins) if (!el.hasAttribute(PREVIEW_ATTRIBUTE)) mark(el, regionId);
      const checking = performance.now();
      const targets = checkedTargets(marked, regions, patched, resolve);
      const before = sightOf(targets);
      let checkMs = performance.now() - checking;
      detach = attachSheets(roots, pins.length > 0 ? `${css}\n${pinRules(pins)}` : css);
      settleTransitions([...previous, ...marked]);
      // The style and layout the new sheet causes are the preview's, paid on the next frame
      // anyway; the check's own cost is timed without them.
      doc.documentElement.getBoundingClientRect();
      const after = performance.now();
      const hidden = newlyHidden(before, sightOf(targets));
      checkMs += performance.now() - after;
      return { applied, missing, rejected, hidden, checkMs, ms: performance.now() - started };
    },
    revert() {
      const touched = clear();
      settleTransitions(touched);
      return touched.length;
    },
  };
}

/** Whether `el` lies inside one of `outers` (not `el` itself), across shadow roots. */
function insideAny(el: Element, outers: ReadonlySet<Element>): boolean {
  for (
    let n: Node | null = el.parentNode ?? null;
    n;
    n = n.parentNode ?? ('host' in n ? (n as ShadowRoot).host : null)
  )
    if (outers.has(n as Element)) return true;
  return false;
}

/**
 * The kept regions a patched region holds, with the inherited values they show now: the only
 * way the plan could still reach them. Read before the sheet goes on.
 */
function pinKept(
  kept: readonly string[],
  patched: ReadonlySet<string>,
  resolve: (id: string) => Element | null,
  marked: readonly Element[],
): { regionId: string; el: Element; values: Record<string, string> }[] {
  if (kept.length === 0) return [];
  const outers = new Set(marked.filter((el) => patched.has(el.getAttribute(PREVIEW_ATTRIBUTE) ?? '')));
  return kept.flatMap((regionId) => {
    const el = resolve(regionId);
    if (!el || patched.has(regionId) || !insideAny(el, outers)) return [];
    const style = (el.ownerDocument.defaultView ?? window).getComputedStyle(el);
    const values = Object.fromEntries(INHERITED_BY_PLAN.map((p) => [p, style.getPropertyValue(p)]));
    return [{ regionId, el, values }];
  });
}

/** The patched regions' elements and every region's element inside one (across shadow roots). */
function checkedTargets(
  marked: readonly Element[],
  regions: readonly Pick<Region, 'id' | 'selector'>[],
  patched: ReadonlySet<string>,
  resolve: (id: string) => Element | null,
): Target[] {
  const patchedEls = new Set(marked.filter((el) => patched.has(el.getAttribute(PREVIEW_ATTRIBUTE) ?? '')));
  if (patchedEls.size === 0) return [];
  const targets: Target[] = [];
  for (const { id } of regions) {
    const el = resolve(id);
    if (!el) continue;
    for (let n: Node | null = el; n; n = n.parentNode ?? ('host' in n ? (n as ShadowRoot).host : null)) {
      if (patchedEls.has(n as Element)) {
        targets.push({ id, el });
        break;
      }
    }
  }
  return targets;
}
