import { useRef, useState, type KeyboardEvent } from 'react';

/**
 * A roving tabindex (https://www.w3.org/WAI/ARIA/apg/practices/keyboard-interface/#kbd_roving_tabindex):
 * a set of `count` items is one tab stop, the item focused last. Arrow keys move focus inside
 * the set and Home and End go to its first and last item; Tab leaves it. With `columns` > 1
 * the items are rows of that many (a region and its Keep button): up and down move between
 * rows in the same column, left and right within the row.
 */
export function useRovingFocus(count: number, columns = 1) {
  const [active, setActive] = useState(0);
  const items = useRef<(HTMLElement | null)[]>([]);
  const current = Math.max(0, Math.min(active, count - 1));

  const target = (key: string): number | null => {
    const column = current % columns;
    const lastRow = count - 1 - ((count - 1) % columns);
    switch (key) {
      case 'ArrowDown':
        return columns > 1 ? current + columns : current + 1;
      case 'ArrowUp':
        return columns > 1 ? current - columns : current - 1;
      case 'ArrowRight':
        return columns > 1 ? (column < columns - 1 ? current + 1 : current) : current + 1;
      case 'ArrowLeft':
        return columns > 1 ? (column > 0 ? current - 1 : current) : current - 1;
      case 'Home':
        return 0;
      case 'End':
        return lastRow;
      default:
        return null;
    }
  };

  const onKeyDown = (event: KeyboardEvent) => {
    const to = target(event.key);
    if (to === null || count === 0) return;
    event.preventDefault();
    const next = Math.max(0, Math.min(to, count - 1));
    setActive(next);
    items.current[next]?.focus();
  };

  /** The props of item `index`: in the tab order only when it is the current one. */
  const item = (index: number, onFocus?: () => void) => ({
    tabIndex: index === current ? 0 : -1,
    ref: (el: HTMLElement | null) => {
      items.current[index] = el;
    },
    onFocus: () => {
      setActive(index);
      onFocus?.();
    },
  });

  return { item, onKeyDown };
}
