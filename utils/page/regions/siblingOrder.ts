/**
 * Whether two regions can trade places with CSS `order`, read from the live page: only items of
 * one flex or grid container move with it (CSS Flexbox §5.4, CSS Grid §4.2 "order" applies to
 * their items and nothing else). Returns the container's items in document order, each with its
 * region id and computed `order`, or a plain sentence why not (utils/core/plan/refine.ts decides).
 */
import type { SiblingOrder } from '@/utils/core/plan/refine';
import { resolveSelector } from '@/utils/page/regions/selector';

export function siblingOrder(
  a: string,
  b: string,
  regions: readonly { id: string; selector: string }[],
  doc: Document = document,
): SiblingOrder {
  const elements = new Map<Element, string>();
  for (const { id, selector } of regions) {
    const el = resolveSelector(selector, doc);
    if (el) elements.set(el, id);
  }
  const find = (id: string) => [...elements].find(([, rid]) => rid === id)?.[0] ?? null;
  const first = find(a);
  const second = find(b);
  const gone = !first ? a : !second ? b : null;
  if (gone || !first || !second) return { container: null, reason: `${gone} is no longer on the page.` };
  const parent = first.parentElement;
  if (!parent || parent !== second.parentElement)
    return {
      container: null,
      reason: `${a} and ${b} are not items of one container, so CSS cannot put one before the other; that takes a change to the page’s HTML.`,
    };
  const view = doc.defaultView ?? window;
  const display = view.getComputedStyle(parent).display;
  const container = display.includes('flex') ? 'flex' : display.includes('grid') ? 'grid' : null;
  if (!container)
    return {
      container: null,
      reason: `${a} and ${b} sit in one container, but it is not a flex or grid container (display: ${display}), where CSS order moves nothing; that takes a change to the page’s HTML.`,
    };
  const items = [...parent.children].flatMap((child) => {
    const style = view.getComputedStyle(child);
    // Out of flow (absolutely placed) or not rendered: not an item the order moves.
    if (style.display === 'none' || style.position === 'absolute' || style.position === 'fixed') return [];
    return [{ regionId: elements.get(child) ?? null, order: Number.parseInt(style.order, 10) || 0 }];
  });
  return { container, items };
}
