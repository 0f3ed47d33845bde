import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { openHistory } from '@/utils/extension/history/db';
import { getRecord, listHistory, readArtifact } from '@/utils/extension/history/read';
import { restoreRecord, saveArtifact, saveRecord, takeRecord } from '@/utils/background/history/store';
import { type Removed } from '@/utils/extension/history/db';
import { UNDO_MS } from '@/utils/core/constants';
import { DeleteQueue, deletions, type DeleteStore } from '@/utils/panel/history/undo';
import { CRITIQUE_STAGE_NAMES, emptyRecord } from '@/utils/core/jobs/record';

/** An in-memory store, so the timers can be faked without stalling IndexedDB. */
function memoryStore(ids: string[]) {
  const rows = new Map(ids.map((id) => [id, { row: { id }, artifacts: [] } as Removed]));
  const store: DeleteStore = {
    take: async (id) => {
      const held = rows.get(id) ?? null;
      rows.delete(id);
      return held;
    },
    restore: async (removed) => void rows.set((removed.row as { id: string }).id, removed),
  };
  return { rows, store };
}

afterEach(() => {
  vi.useRealTimers();
});

describe('delete with Undo', () => {
  it('offers Undo for 10 seconds by default, then lets the copy go', async () => {
    expect(UNDO_MS).toBe(10_000);
    expect(deletions.delayMs).toBe(10_000);
    vi.useFakeTimers();
    const { rows, store } = memoryStore(['a']);
    const queue = new DeleteQueue(store);
    expect(await queue.remove('a', 'critique a')).toBe(true);
    expect(rows.has('a')).toBe(false);
    expect(queue.pending().map((p) => p.id)).toEqual(['a']);
    vi.advanceTimersByTime(9_999);
    expect(queue.pending().map((p) => p.id)).toEqual(['a']);
    vi.advanceTimersByTime(1);
    expect(queue.pending()).toEqual([]);
    expect(await queue.undo('a')).toBe(false);
    expect(rows.has('a')).toBe(false);
  });

  it('keeps each delete’s own window and copy: delete two, undo one, the other still expires on time', async () => {
    vi.useFakeTimers();
    const { rows, store } = memoryStore(['a', 'b']);
    const queue = new DeleteQueue(store);
    const seen: string[][] = [];
    queue.subscribe(() => seen.push(queue.pending().map((p) => p.id)));
    await queue.remove('a', 'critique a');
    vi.advanceTimersByTime(6_000);
    await queue.remove('b', 'critique b');
    expect(queue.pending().map((p) => p.id)).toEqual(['a', 'b']);
    // Undo the second: the first keeps its chance, with its own time left.
    expect(await queue.undo('b')).toBe(true);
    expect(rows.get('b')?.row).toEqual({ id: 'b' });
    expect(rows.has('a')).toBe(false);
    expect(queue.pending().map((p) => p.id)).toEqual(['a']);
    vi.advanceTimersByTime(3_999);
    expect(await queue.undo('a')).toBe(true);
    expect(rows.get('a')?.row).toEqual({ id: 'a' });
    expect(queue.pending()).toEqual([]);
    expect(seen).toEqual([['a'], ['a', 'b'], ['a'], []]);
  });

  it('a second delete does not restart the first’s window', async () => {
    vi.useFakeTimers();
    const { store } = memoryStore(['a', 'b']);
    const queue = new DeleteQueue(store);
    await queue.remove('a', 'critique a');
    vi.advanceTimersByTime(8_000);
    await queue.remove('b', 'critique b');
    vi.advanceTimersByTime(2_000);
    expect(queue.pending().map((p) => p.id)).toEqual(['b']);
    vi.advanceTimersByTime(8_000);
    expect(queue.pending()).toEqual([]);
  });

  it('keeps the copy when putting it back fails, for the rest of its window', async () => {
    vi.useFakeTimers();
    const { store } = memoryStore(['a']);
    const queue = new DeleteQueue({ ...store, restore: () => Promise.reject(new Error('disk full')) });
    await queue.remove('a', 'critique a');
    await expect(queue.undo('a')).rejects.toThrow('disk full');
    expect(queue.pending().map((p) => p.id)).toEqual(['a']);
    vi.advanceTimersByTime(10_000);
    expect(queue.pending()).toEqual([]);
  });

  it('puts a critique and its artifacts back in IndexedDB exactly as they were', async () => {
    const db = openHistory('undo-test');
    const record = emptyRecord(
      'x',
      {
        tabId: 1,
        url: 'https://one.test/',
        title: 'One',
        mode: 'viewport',
        request: null,
        kind: 'critique',
        against: null,
        preview: false,
      },
      CRITIQUE_STAGE_NAMES,
      5,
    );
    record.job.state = 'done';
    const thumbRef = {
      id: await saveArtifact(
        'x',
        'thumb',
        new Blob([new Uint8Array([0xff, 0xd8, 0xff, 1, 2])], { type: 'image/jpeg' }),
        db,
      ),
      stored: true,
    };
    record.draft.thumb = thumbRef;
    await saveArtifact('x', 'shot', new Blob([new Uint8Array([137, 80, 78, 71])], { type: 'image/png' }), db);
    await saveRecord(record, db);
    const before = {
      row: await db.critiques.get('x'),
      artifacts: await db.artifacts.where('critiqueId').equals('x').toArray(),
    };

    const queue = new DeleteQueue({ take: (id) => takeRecord(id, db), restore: (r) => restoreRecord(r, db) });
    await queue.remove('x', 'critique x');
    expect(await getRecord('x', db)).toBeNull();
    expect(await readArtifact(thumbRef.id, db)).toBeNull();
    expect(await db.artifacts.count()).toBe(0);

    await queue.undo('x');
    expect(await db.critiques.get('x')).toEqual(before.row);
    const after = await db.artifacts.where('critiqueId').equals('x').toArray();
    expect(after.map((a) => [a.id, a.kind, a.blob.type])).toEqual(
      before.artifacts.map((a) => [a.id, a.kind, a.blob.type]),
    );
    const bytes = async (b: Blob) => [...new Uint8Array(await b.arrayBuffer())];
    for (const [i, a] of after.entries())
      expect(await bytes(a.blob)).toEqual(await bytes(before.artifacts[i]!.blob));
    expect((await listHistory(undefined, db))[0]?.thumb).toEqual(thumbRef);
    await db.delete();
  });
});
