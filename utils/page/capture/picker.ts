import type { Picked } from '@/utils/core/schemas/capture';
import type { Box } from '@/utils/core/schemas/region';
import { insideOwnUi } from '@/utils/page/overlay/ownUi';
import { uniqueSelector } from '@/utils/page/regions/selector';

/**
 * Lets the user choose an element: hover highlights, click chooses, Esc cancels. Listeners
 * run in the capture phase so the page's own handlers never see the picking click.
 */
export function pickElement(
  outline: (rect: Box | null) => void,
  signal?: AbortSignal,
): Promise<Picked | null> {
  return new Promise((resolve) => {
    let current: Element | null = null;
    const targetOf = (event: Event) => {
      const el = event.composedPath()[0];
      return el instanceof Element && !insideOwnUi(el) ? el : null;
    };
    const onMove = (event: MouseEvent) => {
      current = targetOf(event);
      const r = current?.getBoundingClientRect();
      outline(r ? { x: r.left, y: r.top, width: r.width, height: r.height } : null);
    };
    const swallow = (event: Event) => {
      event.preventDefault();
      event.stopImmediatePropagation();
    };
    const onClick = (event: MouseEvent) => {
      swallow(event);
      const el = targetOf(event) ?? current;
      if (!el) return;
      const r = el.getBoundingClientRect();
      finish({
        selector: uniqueSelector(el),
        box: { x: r.left + scrollX, y: r.top + scrollY, width: r.width, height: r.height },
        viewportHeight: innerHeight,
      });
    };
    const onKey = (event: KeyboardEvent) => {
      if (event.key !== 'Escape') return;
      swallow(event);
      finish(null);
    };
    const finish = (picked: Picked | null) => {
      removeEventListener('mousemove', onMove, true);
      removeEventListener('click', onClick, true);
      removeEventListener('mousedown', swallow, true);
      removeEventListener('mouseup', swallow, true);
      removeEventListener('keydown', onKey, true);
      outline(null);
      resolve(picked);
    };
    addEventListener('mousemove', onMove, true);
    addEventListener('click', onClick, true);
    addEventListener('mousedown', swallow, true);
    addEventListener('mouseup', swallow, true);
    addEventListener('keydown', onKey, true);
    signal?.addEventListener('abort', () => finish(null));
  });
}
