import { createShadowRootUi, type ContentScriptContext } from '#imports';
import type { Box, Region } from '../schemas';
import { resolveSelector } from '../regions/selector';
import { BADGE_CSS_VARS, badgeSide } from '../render/badges';
import css from './overlay.css?inline';
import { claim } from './ownUi';

/** Three frames at 60 Hz: a change older than this is on screen. */
const SETTLED_MS = 50;

export interface Overlay {
  draw(regions: Region[]): void;
  highlight(id: string | null): void;
  regionById(id: string): Region | undefined;
  /** A dashed box in viewport coordinates, for the element picker; null hides it. */
  outline(rect: Box | null): void;
  /** Hidden while the page is captured, so our boxes never end up in its pixels. */
  setVisible(visible: boolean): void;
  /** Moves the boxes onto their elements again, after something changed the page's layout. */
  remeasure(): void;
  /** Resolves once a frame has been painted with the overlay as it is now. */
  painted(): Promise<void>;
  remove(): void;
}

/**
 * Numbered boxes over the page, in a shadow root at the document origin. Boxes use page
 * coordinates, so they scroll with the page for free; fixed regions use fixed boxes. On
 * resize the boxes are re-measured from their live elements.
 */
export async function createOverlay(
  ctx: ContentScriptContext,
  onHover: (id: string | null) => void,
): Promise<Overlay> {
  let regions: Region[] = [];
  /** When the overlay last changed what the page shows. */
  let changedAt = -Infinity;
  const boxes = new Map<string, HTMLDivElement>();
  const layer = document.createElement('div');
  layer.className = 'layer';
  const pick = document.createElement('div');
  pick.className = 'pick';
  pick.hidden = true;

  const ui = await createShadowRootUi(ctx, {
    name: 'restage-overlay',
    position: 'inline',
    anchor: 'html',
    append: 'last',
    inheritStyles: true,
    css: `:host { ${BADGE_CSS_VARS} }\n${css}`,
    onMount(container) {
      container.append(layer, pick);
    },
  });
  // Everything the overlay draws lives under this one host: never page content (./ownUi.ts).
  claim(ui.shadowHost);

  const place = (el: HTMLDivElement, region: Region, rect?: DOMRect) => {
    const fixed = region.flags.fixed;
    const x = rect ? rect.left + (fixed ? 0 : scrollX) : region.box.x - (fixed ? scrollX : 0);
    const y = rect ? rect.top + (fixed ? 0 : scrollY) : region.box.y - (fixed ? scrollY : 0);
    const width = rect?.width ?? region.box.width;
    const height = rect?.height ?? region.box.height;
    el.classList.toggle('fixed', fixed);
    el.style.cssText = `left:${x}px;top:${y}px;width:${width}px;height:${height}px`;
    // The badge goes outside the box, where it hides none of the region's own text.
    const root = document.documentElement;
    const bounds = fixed
      ? { x: 0, y: 0, width: innerWidth, height: innerHeight }
      : { x: 0, y: 0, width: root.scrollWidth, height: root.scrollHeight };
    const side = badgeSide({ x, y, width, height }, bounds);
    (el.firstElementChild as HTMLElement | null)?.setAttribute('data-side', side);
  };

  let pending = 0;
  const remeasure = () => {
    cancelAnimationFrame(pending);
    pending = requestAnimationFrame(() => {
      for (const region of regions) {
        const el = resolveSelector(region.selector);
        const box = boxes.get(region.id);
        if (el && box) place(box, region, el.getBoundingClientRect());
      }
    });
  };
  const resizeObserver = new ResizeObserver(remeasure);
  ctx.addEventListener(window, 'resize', remeasure);

  return {
    draw(next) {
      regions = next;
      changedAt = performance.now();
      if (!ui.mounted) ui.mount();
      layer.hidden = false;
      layer.replaceChildren();
      boxes.clear();
      for (const region of regions) {
        const box = document.createElement('div');
        box.className = 'box';
        const badge = document.createElement('span');
        badge.className = 'badge';
        badge.textContent = region.id.slice(1);
        badge.addEventListener('mouseenter', () => onHover(region.id));
        badge.addEventListener('mouseleave', () => onHover(null));
        box.append(badge);
        place(box, region);
        boxes.set(region.id, box);
        layer.append(box);
      }
      resizeObserver.observe(document.documentElement);
    },
    remeasure,
    regionById(id) {
      return regions.find((r) => r.id === id);
    },
    highlight(id) {
      for (const [regionId, box] of boxes) box.classList.toggle('active', regionId === id);
    },
    outline(rect) {
      if (!ui.mounted) ui.mount();
      pick.hidden = rect === null;
      if (rect)
        pick.style.cssText = `left:${rect.x}px;top:${rect.y}px;width:${rect.width}px;height:${rect.height}px`;
    },
    setVisible(visible) {
      if (layer.hidden !== !visible) changedAt = performance.now();
      layer.hidden = !visible;
      if (!visible) pick.hidden = true;
    },
    painted() {
      // A change needs two frames to reach what captureVisibleTab copies: measured here, one
      // frame let the boxes into 1 capture in 15, two frames into none of 15. No recent change,
      // no wait.
      if (performance.now() - changedAt > SETTLED_MS) return Promise.resolve();
      return new Promise((done) =>
        requestAnimationFrame(() => requestAnimationFrame(() => setTimeout(done, 0))),
      );
    },
    remove() {
      if (ui.mounted && !layer.hidden && boxes.size > 0) changedAt = performance.now();
      resizeObserver.disconnect();
      cancelAnimationFrame(pending);
      regions = [];
      boxes.clear();
      ui.remove();
    },
  };
}
