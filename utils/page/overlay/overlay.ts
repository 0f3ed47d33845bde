import { createShadowRootUi, type ContentScriptContext } from '#imports';
import type { Box, Region } from '@/utils/core/schemas/region';
import { frameOffset } from '@/utils/page/capture/masks';
import { regionElement } from '@/utils/page/regions/selector';
import { BADGE_CSS_VARS, carriesText, type BadgePlace } from '@/utils/core/render/badges';
import { pageBadges } from '@/utils/page/overlay/pageBadges';
import css from '@/utils/page/overlay/overlay.css?inline';
import { claim } from '@/utils/page/overlay/ownUi';

/** Three frames at 60 Hz: a change older than this is on screen. */
const SETTLED_MS = 50;

export interface Overlay {
  /** Draws these regions' boxes, unless the labels are hidden (then it only keeps the regions). */
  draw(regions: Region[]): void;
  /**
   * Hide labels: false takes every box off the page but keeps the regions, and true draws them
   * again where their elements are now. Holds for later draws until changed.
   */
  setLabels(shown: boolean): void;
  /** Lights exactly these regions' boxes. */
  highlight(ids: readonly string[]): void;
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
 * resize the boxes are re-measured from their live elements, and every badge is placed again
 * (placeBadges), so none covers text where the layout now puts it.
 */
export async function createOverlay(
  ctx: ContentScriptContext,
  onHover: (id: string | null) => void,
): Promise<Overlay> {
  let regions: Region[] = [];
  let labels = true;
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
  // WXT's `ui.mounted` is what onMount returned (nothing here), so it cannot say whether the
  // host is in the page; and a page may remove it (a framework re-rendering <html>'s
  // children). Whatever draws puts the host back first.
  const attach = () => {
    if (!ui.shadowHost.isConnected) ui.mount();
  };

  /** Each region's box now, and where its text is drawn (PageLayout). */
  const current = new Map<string, Box>();
  const contents = new Map<string, Box>();
  const range = document.createRange();
  const measureContents = () => {
    contents.clear();
    for (const region of regions) {
      const el = carriesText(region) && regionElement(region.selector);
      if (!el) continue;
      range.selectNodeContents(el);
      const r = range.getBoundingClientRect();
      if (r.width === 0 && r.height === 0) continue;
      const [dx, dy] = pageOffset(region, el);
      contents.set(region.id, { x: r.left + dx, y: r.top + dy, width: r.width, height: r.height });
    }
  };

  const layout = () => {
    const root = document.documentElement;
    const places = pageBadges(regions, {
      boxes: current,
      contents,
      scroll: { x: scrollX, y: scrollY },
      page: { x: 0, y: 0, width: root.scrollWidth, height: root.scrollHeight },
      viewport: { x: 0, y: 0, width: root.clientWidth, height: root.clientHeight },
    });
    for (const region of regions) {
      const el = boxes.get(region.id);
      const box = current.get(region.id);
      const place = places.get(region.id);
      if (el && box && place) drawBox(el, box, region.flags.fixed, place);
    }
  };

  let pending = 0;
  const remeasure = () => {
    cancelAnimationFrame(pending);
    pending = requestAnimationFrame(() => {
      for (const region of regions) {
        const el = regionElement(region.selector);
        if (!el) continue;
        const rect = el.getBoundingClientRect();
        const [dx, dy] = pageOffset(region, el);
        current.set(region.id, {
          x: rect.left + dx,
          y: rect.top + dy,
          width: rect.width,
          height: rect.height,
        });
      }
      measureContents();
      layout();
    });
  };
  // Fixed regions stay put while the page scrolls under them: their badges, and the badges
  // that keep off them, are placed again for the new scroll position.
  let scrolled = 0;
  ctx.addEventListener(window, 'scroll', () => {
    if (!regions.some((r) => r.flags.fixed)) return;
    cancelAnimationFrame(scrolled);
    scrolled = requestAnimationFrame(layout);
  });
  const resizeObserver = new ResizeObserver(remeasure);
  ctx.addEventListener(window, 'resize', remeasure);

  const clearBoxes = () => {
    resizeObserver.disconnect();
    layer.replaceChildren();
    boxes.clear();
    current.clear();
  };
  const drawBoxes = () => {
    clearBoxes();
    for (const region of regions) {
      const box = document.createElement('div');
      box.className = 'box';
      box.dataset.region = region.id;
      const badge = document.createElement('span');
      badge.className = 'badge';
      badge.textContent = region.id.slice(1);
      badge.addEventListener('mouseenter', () => onHover(region.id));
      badge.addEventListener('mouseleave', () => onHover(null));
      const leader = document.createElement('div');
      leader.className = 'leader';
      box.append(badge, leader);
      const { x, y, width, height } = region.box;
      current.set(
        region.id,
        region.flags.fixed ? { x: x - scrollX, y: y - scrollY, width, height } : region.box,
      );
      boxes.set(region.id, box);
      layer.append(box);
    }
    measureContents();
    layout();
    resizeObserver.observe(document.documentElement);
  };

  return {
    draw(next) {
      regions = next;
      changedAt = performance.now();
      attach();
      layer.hidden = false;
      if (labels) drawBoxes();
      else clearBoxes();
    },
    setLabels(shown) {
      if (shown === labels) return;
      labels = shown;
      changedAt = performance.now();
      if (!shown) return clearBoxes();
      attach();
      drawBoxes();
      // The page may have changed while the labels were off.
      remeasure();
    },
    remeasure,
    regionById(id) {
      return regions.find((r) => r.id === id);
    },
    highlight(ids) {
      const lit = new Set(ids);
      for (const [regionId, box] of boxes) box.classList.toggle('active', lit.has(regionId));
    },
    outline(rect) {
      attach();
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
      if (ui.shadowHost.isConnected && !layer.hidden && boxes.size > 0) changedAt = performance.now();
      resizeObserver.disconnect();
      cancelAnimationFrame(pending);
      cancelAnimationFrame(scrolled);
      regions = [];
      boxes.clear();
      current.clear();
      contents.clear();
      ui.remove();
    },
  };
}

/**
 * What turns `el`'s client rect into the region's coordinates: the offsets of the frames it is
 * in (its rect is in its own frame's viewport), plus the scroll unless the region is fixed.
 */
function pageOffset(region: Region, el: Element): [number, number] {
  const frame = frameOffset(el.ownerDocument);
  return region.flags.fixed ? [frame.x, frame.y] : [frame.x + scrollX, frame.y + scrollY];
}

/** The box's own CSS border, which its children's offsets start inside. */
const BORDER = 2;

/**
 * Moves a box onto `box` and its badge onto `place`, both in the box's coordinates (page or
 * viewport). The badge is drawn 1 px inside the room it was given (BADGE), and a far badge's
 * leader runs from its edge to the box's.
 */
function drawBox(el: HTMLDivElement, box: Box, fixed: boolean, place: BadgePlace) {
  el.classList.toggle('fixed', fixed);
  el.style.cssText = `left:${box.x}px;top:${box.y}px;width:${box.width}px;height:${box.height}px`;
  const [badge, leader] = el.children as unknown as [HTMLElement, HTMLElement];
  const { rect } = place;
  const x0 = box.x + BORDER;
  const y0 = box.y + BORDER;
  badge.dataset.spot = place.spot;
  badge.style.cssText = `left:${rect.x + 1 - x0}px;top:${rect.y + 1 - y0}px`;
  leader.hidden = place.leader === null;
  if (place.leader) {
    const { x1, y1, x2, y2 } = place.leader;
    const length = Math.hypot(x2 - x1, y2 - y1);
    const angle = Math.atan2(y2 - y1, x2 - x1);
    leader.style.cssText = `left:${x1 - x0}px;top:${y1 - y0}px;width:${length}px;transform:rotate(${angle}rad)`;
  }
}
