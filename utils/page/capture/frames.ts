/**
 * The page side of a full-page capture: scroll frame by frame, hide fixed and sticky
 * elements after the first frame so they appear once, and put everything back exactly.
 */
import type { FrameMasks, PageSize } from '@/utils/core/schemas/capture';
import { claim, release } from '@/utils/page/overlay/ownUi';
import { maskRects } from '@/utils/page/capture/masks';

const HIDE_ATTRIBUTE = 'data-restage-hide';

interface Saved {
  x: number;
  y: number;
  style: HTMLStyleElement;
  hidden: Element[] | null;
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
  style.textContent = `html{scroll-behavior:auto!important}[${HIDE_ATTRIBUTE}]{visibility:hidden!important}`;
  document.documentElement.append(style);
  claim(style);
  saved = { x: scrollX, y: scrollY, style, hidden: null };
  return {
    width: document.documentElement.scrollWidth,
    height: document.documentElement.scrollHeight,
    viewportWidth: innerWidth,
    viewportHeight: innerHeight,
    dpr: devicePixelRatio,
  };
}

function hideFixed(state: Saved) {
  state.hidden = [];
  for (const el of document.body?.querySelectorAll('*') ?? []) {
    const position = getComputedStyle(el).position;
    if ((position === 'fixed' || position === 'sticky') && !el.hasAttribute(HIDE_ATTRIBUTE)) {
      el.setAttribute(HIDE_ATTRIBUTE, '');
      state.hidden.push(el);
    }
  }
}

export async function frame(
  y: number,
  hideFixedElements: boolean,
  privateSelectors: readonly string[],
): Promise<FrameMasks> {
  if (!saved) throw new Error('Full-page capture was not started.');
  if (hideFixedElements && !saved.hidden) hideFixed(saved);
  window.scrollTo(0, y);
  await settle(150);
  return { ...maskRects(privateSelectors), pageHeight: document.documentElement.scrollHeight };
}

export function endFrames(): void {
  if (!saved) return;
  for (const el of saved.hidden ?? []) el.removeAttribute(HIDE_ATTRIBUTE);
  window.scrollTo(saved.x, saved.y);
  saved.style.remove();
  release(saved.style);
  saved = null;
}
