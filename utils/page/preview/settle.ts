/**
 * Pages often animate the very properties a preview changes (`transition: all .3s` on buttons).
 * Left running, a transition would show the preview, or the restored page, half way for a
 * moment, and anything measured then (the overlay, a recapture, the restore check) would read
 * in-between values. The transitions the change started on the touched elements and inside
 * them (inherited colour and size) are finished at once instead: the page lands where it would
 * have landed, without the wait. CSS Transitions 2: a CSSTransition is an Animation
 * (https://drafts.csswg.org/css-transitions-2/#csstransition-interface).
 */

/** Whether `node` is `el` or inside it, across shadow roots. */
function within(el: Element, node: Node | null): boolean {
  // Duck-typed, not instanceof: a frame's nodes come from another realm's classes.
  for (let n = node; n; n = n.parentNode ?? ('host' in n ? (n as ShadowRoot).host : null)) {
    if (n === el) return true;
  }
  return false;
}

export function settleTransitions(elements: readonly Element[]): void {
  const byDocument = new Map<Document, Element[]>();
  for (const el of elements) {
    if (!el.isConnected) continue;
    const list = byDocument.get(el.ownerDocument) ?? [];
    byDocument.set(el.ownerDocument, list);
    list.push(el);
  }
  for (const [doc, touched] of byDocument) {
    // Without the Web Animations API (an old engine, a test DOM) there is nothing to finish.
    if (typeof doc.getAnimations !== 'function') continue;
    // One call per document: getAnimations() brings style up to date first, so the transitions
    // the change just started are listed. `transitionProperty` tells a CSSTransition from the
    // page's own animations, which keep running.
    for (const animation of doc.getAnimations()) {
      if (!('transitionProperty' in animation)) continue;
      const effect = animation.effect as KeyframeEffect | null;
      const target = effect && 'target' in effect ? effect.target : null;
      if (touched.some((el) => within(el, target))) animation.finish();
    }
  }
}
