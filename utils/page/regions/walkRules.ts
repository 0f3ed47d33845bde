/** Small decisions the extraction walk makes about one element. */
import type { Box } from '@/utils/core/schemas/region';
import type { Scope } from '@/utils/page/regions/candidate';
import { cap } from '@/utils/page/regions/text';

/**
 * A card: a box that paints itself apart from its surroundings (a fill of its own, a border or
 * a shadow), big enough to hold content and narrower than the page.
 */
export function looksLikeCard(rect: DOMRect, painted: boolean, page: Box): boolean {
  if (!painted) return false;
  return rect.width * rect.height >= 4000 && rect.width <= page.width * 0.95;
}

/**
 * Decorative images are not content: `alt=""` (HTML §4.8.4.4.4), a presentational role, or
 * the spacer GIFs of table layouts (a pixel or two in one direction).
 */
export function isSpacer(el: Element, rect: DOMRect): boolean {
  const role = el.getAttribute('role');
  if (role === 'presentation' || role === 'none') return true;
  if (el.localName === 'img' && el.getAttribute('alt') === '' && !el.hasAttribute('aria-label')) return true;
  return Math.min(rect.width, rect.height) < 4;
}

/**
 * Clipped to nothing: the visually-hidden pattern (`clip: rect(0 0 0 0)`, or a 1px rect, on
 * an absolutely positioned element; `clip-path: inset(50%)`). Text there is for screen
 * readers, not the eye.
 */
export function clippedAway(style: CSSStyleDeclaration): boolean {
  const clip = /^rect\(([^)]*)\)$/.exec(style.clip);
  if (clip && (style.position === 'absolute' || style.position === 'fixed')) {
    const [top = 0, right = 0, bottom = 0, left = 0] = clip[1]!
      .split(/[\s,]+/)
      .map((v) => parseFloat(v) || 0);
    if (right - left <= 1 || bottom - top <= 1) return true;
  }
  const inset = /^inset\(([\d.]+)%/.exec(style.clipPath);
  return (inset !== null && Number(inset[1]) >= 50) || /^circle\(0(px)?[\s)]/.test(style.clipPath);
}

export function sectionLabel(el: Element): string {
  const name = el.getAttribute('aria-label') ?? el.id ?? '';
  const heading = el.querySelector('h1, h2, h3, h4, h5, h6')?.textContent ?? '';
  return `${el.localName === 'section' || el.localName === 'article' ? el.localName : 'section'}:${cap((name || heading).replace(/\s+/g, ' ').trim(), 40)}`;
}

export function intersect(a: Box, b: Box): Box | null {
  const x = Math.max(a.x, b.x);
  const y = Math.max(a.y, b.y);
  const right = Math.min(a.x + a.width, b.x + b.width);
  const bottom = Math.min(a.y + a.height, b.y + b.height);
  return right - x >= 1 && bottom - y >= 1 ? { x, y, width: right - x, height: bottom - y } : null;
}

/**
 * The root's overflow, or the body's when the root's is visible, applies to the viewport, not
 * to the element (CSS Overflow 3, §3.3): it scrolls the page instead of clipping it.
 */
export function scrollsViewport(el: Element, tag: string, win: Window): boolean {
  const root = el.ownerDocument.documentElement;
  if (el === root) return true;
  return tag === 'body' && el.parentElement === root && win.getComputedStyle(root).overflow === 'visible';
}

/**
 * A field paints its value in its own color, and its placeholder in the ::placeholder color
 * (HTML §4.10.5.1.4, CSS Pseudo-Elements 4, §5.2).
 */
export function fieldInk(el: Element, scope: Scope, win: Window): Scope {
  const field = el as HTMLInputElement;
  if (field.value || !field.placeholder) return scope;
  const color = win.getComputedStyle(el, '::placeholder').color;
  return color && color !== scope.ink.color ? { ...scope, ink: { ...scope.ink, color, fill: null } } : scope;
}
