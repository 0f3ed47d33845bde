/**
 * The page side of a full-page capture: scroll frame by frame and put everything back exactly.
 * Fixed elements are drawn in the first frame only, where the first screen shows them; sticky
 * ones are unstuck for the whole capture, so each is drawn once, where it sits in the page (a
 * sticky heading below the first screen would otherwise be stuck in every frame, or hidden).
 */
import type { FrameMasks, PageSize } from '@/utils/core/schemas/capture';
import { claim, release } from '@/utils/page/overlay/ownUi';
import { maskRects } from '@/utils/page/capture/masks';

const HIDE_ATTRIBUTE = 'data-restage-hide';
const UNSTICK_ATTRIBUTE = 'data-restage-unstick';

interface Saved {
  x: number;
  y: number;
  style: HTMLStyleElement;
  /** Fixed elements, hidden from the second frame on (`hidden`). */
  fixed: Element[];
  hidden: boolean;
  /** Sticky elements, unstuck while the capture lasts. */
  unstuck: Element[];
}
let saved: Saved | null = null;

const settle = (ms: number) =>
  new Promise<void>((done) => {
    // Two frames let scroll-linked layout and lazy loaders run; the timer covers hidden tabs.
    const timer = setTimeout(done, ms + 100);
    requestAnimationFrame(() =>
      requestAnimationFrame(() => setTimeout(() => (clearTimeout(timer), done()), ms)),
    );
  });

export function beginFrames(): PageSize {
  endFrames();
  const style = document.createElement('style');
  // An unstuck element keeps its place in the flow: relative with no offset is where sticky
  // positioning puts it before it sticks (CSS Positioned Layout 3, "Sticky positioning").
  style.textContent =
    `html{scroll-behavior:auto!important}[${HIDE_ATTRIBUTE}]{visibility:hidden!important}` +
    `[${UNSTICK_ATTRIBUTE}]{position:relative!important;inset:auto!important}`;
  document.documentElement.append(style);
  claim(style);
  saved = { x: scrollX, y: scrollY, style, fixed: [], hidden: false, unstuck: [] };
  for (const el of document.body?.querySelectorAll('*') ?? []) {
    const { position } = getComputedStyle(el);
    if (position === 'fixed' && !el.hasAttribute(HIDE_ATTRIBUTE)) saved.fixed.push(el);
    else if (position === 'sticky' && !el.hasAttribute(UNSTICK_ATTRIBUTE)) {
      el.setAttribute(UNSTICK_ATTRIBUTE, '');
      saved.unstuck.push(el);
    }
  }
  return {
    width: document.documentElement.scrollWidth,
    height: document.documentElement.scrollHeight,
    viewportWidth: innerWidth,
    viewportHeight: innerHeight,
    dpr: devicePixelRatio,
  };
}

export async function frame(
  y: number,
  hideFixedElements: boolean,
  privateSelectors: readonly string[],
): Promise<FrameMasks> {
  if (!saved) throw new Error('Full-page capture was not started.');
  if (hideFixedElements && !saved.hidden) {
    saved.hidden = true;
    for (const el of saved.fixed) el.setAttribute(HIDE_ATTRIBUTE, '');
  }
  window.scrollTo(0, y);
  await settle(150);
  return { ...maskRects(privateSelectors), pageHeight: document.documentElement.scrollHeight };
}

export function endFrames(): void {
  if (!saved) return;
  for (const el of saved.hidden ? saved.fixed : []) el.removeAttribute(HIDE_ATTRIBUTE);
  for (const el of saved.unstuck) el.removeAttribute(UNSTICK_ATTRIBUTE);
  window.scrollTo(saved.x, saved.y);
  saved.style.remove();
  release(saved.style);
  saved = null;
}
