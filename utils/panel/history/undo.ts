/**
 * Delete without asking, with Undo for a while. A delete happens at once: the background takes
 * the critique and its artifacts out of IndexedDB in one transaction and keeps what was stored
 * in memory until the Undo window closes; Undo puts it back exactly
 * (background/history/service.ts). Each delete has its own window and its
 * own copy, so a second delete never shortens or replaces the first's chance to undo.
 * Closing the panel closes every window: the deletes stay done.
 */
import { UNDO_MS } from '@/utils/core/constants';
import type { Removed } from '@/utils/extension/history/db';
import { sendMessage } from '@/utils/messaging/protocol';

export interface PendingDelete {
  id: string;
  /** What was deleted, in words ("Critique of Example, Dec 5, 10:02"). */
  label: string;
  /** When the Undo window closes (ms since the epoch). */
  until: number;
}

interface Held<T> extends PendingDelete {
  removed: T;
  timer: ReturnType<typeof setTimeout>;
}

/** Where deletes happen: `take` returns what `restore` needs to put the run back, or null. */
export interface DeleteStore<T = Removed> {
  take(id: string): Promise<T | null>;
  restore(removed: T): Promise<void>;
}

/** The panel's store: the background deletes and keeps the copy; the panel holds only the id. */
export const backgroundStore: DeleteStore<string> = {
  take: async (id) => ((await sendMessage('deleteRun', { id })) ? id : null),
  restore: async (id) => {
    if (!(await sendMessage('undoDelete', { id })))
      throw new Error('Undo came too late: the deleted run is gone.');
  },
};

export class DeleteQueue<T = Removed> {
  private held = new Map<string, Held<T>>();
  private snapshot: readonly PendingDelete[] = [];
  private listeners = new Set<() => void>();

  constructor(
    private readonly store: DeleteStore<T>,
    readonly delayMs = UNDO_MS,
  ) {}

  /** The deletes that can still be undone, oldest first (a stable array between changes). */
  pending = (): readonly PendingDelete[] => this.snapshot;

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  /** Deletes `id` now and offers Undo for `delayMs`. False when there was nothing to delete. */
  async remove(id: string, label: string): Promise<boolean> {
    const removed = await this.store.take(id);
    if (!removed) return false;
    this.hold({ id, label, until: Date.now() + this.delayMs, removed });
    return true;
  }

  /** Puts `id` back as it was. False when its Undo window has closed. */
  async undo(id: string): Promise<boolean> {
    const held = this.held.get(id);
    if (!held) return false;
    clearTimeout(held.timer);
    this.drop(id);
    try {
      await this.store.restore(held.removed);
    } catch (error) {
      // Nothing was put back: keep the copy for what is left of its window.
      if (held.until > Date.now()) this.hold(held);
      throw error;
    }
    return true;
  }

  private hold(item: Omit<Held<T>, 'timer'>) {
    const timer = setTimeout(() => this.drop(item.id), Math.max(0, item.until - Date.now()));
    this.held.set(item.id, { ...item, timer });
    this.changed();
  }

  private drop(id: string) {
    if (this.held.delete(id)) this.changed();
  }

  private changed() {
    this.snapshot = [...this.held.values()]
      .map(({ id, label, until }) => ({ id, label, until }))
      .sort((a, b) => a.until - b.until);
    for (const listener of this.listeners) listener();
  }
}

/** The panel's one queue: it outlives a History view that remounts when the panel changes tab. */
export const deletions = new DeleteQueue(backgroundStore);
