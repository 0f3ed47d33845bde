import { useEffect, useRef, useState } from 'react';
import type { PendingDelete } from '@/utils/panel/history/undo';

/**
 * The deletes that can still be undone, each with its own **Undo** until its window closes.
 * The live region is always in the page, so a new delete is announced; the newest delete's
 * Undo takes the focus (the Delete button that had it is gone with its row).
 */
export function UndoBar({
  pending,
  focusId,
  delayMs,
  onUndo,
}: {
  pending: readonly PendingDelete[];
  focusId: string | null;
  delayMs: number;
  onUndo(id: string): void;
}) {
  const bar = useRef<HTMLDivElement>(null);
  // Each delete moves the focus once: a later change (another window closing) must not pull it back.
  const focused = useRef<string | null>(null);
  useEffect(() => {
    if (!focusId) return void (focused.current = null);
    if (focused.current === focusId) return;
    const button = bar.current?.querySelector<HTMLButtonElement>(`[data-undo-id="${CSS.escape(focusId)}"]`);
    if (!button) return;
    button.focus();
    focused.current = focusId;
  }, [focusId, pending]);
  return (
    <div ref={bar} className="history__undo" role="status" data-testid="history-undo">
      {pending.map((item) => (
        <UndoItem key={item.id} item={item} delayMs={delayMs} onUndo={onUndo} />
      ))}
    </div>
  );
}

function UndoItem({
  item,
  delayMs,
  onUndo,
}: {
  item: PendingDelete;
  delayMs: number;
  onUndo(id: string): void;
}) {
  // The bar shows the time left, from when the item appears (a remounted view shows less left).
  const [left] = useState(() => Math.max(0, item.until - Date.now()));
  return (
    <p className="history__undo-item" data-pending-id={item.id}>
      <span>Deleted {item.label}.</span>
      <button
        type="button"
        data-undo-id={item.id}
        aria-label={`Undo: bring back the ${item.label}`}
        onClick={() => onUndo(item.id)}
      >
        Undo
      </button>
      <span
        className="history__undo-time"
        aria-hidden="true"
        style={{ width: `${Math.min(100, (left / delayMs) * 100)}%`, animationDuration: `${left}ms` }}
      />
    </p>
  );
}
