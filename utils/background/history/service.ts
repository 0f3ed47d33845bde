/**
 * The panel's changes to saved runs, made here: only the background writes IndexedDB. A
 * deleted run is held in memory for its Undo window (UNDO_MS, plus a little for the message
 * to arrive), then let go; the delete itself is done at once, so closing the panel keeps it.
 */
import { UNDO_MS } from '@/utils/core/constants';
import { ignoreInRecord, restoreInRecord } from '@/utils/core/triage/record';
import type { CritiqueRecord } from '@/utils/core/schemas/record';
import { deleteOldest, restoreRecord, saveRecord, takeRecord } from '@/utils/background/history/store';
import { dropIgnore, saveIgnore } from '@/utils/extension/ignores';
import { history, type HistoryDb, type Removed } from '@/utils/extension/history/db';
import { getRecord } from '@/utils/extension/history/read';
import { onMessage } from '@/utils/messaging/protocol';

/** Grace for the Undo message itself: the panel's window closes first. */
const UNDO_GRACE_MS = 2_000;

const running = (record: CritiqueRecord) => record.job.state === 'running' || record.job.state === 'queued';

/** Registers the handlers; returns a function that removes them. */
export function startHistoryService(db: HistoryDb = history(), holdMs = UNDO_MS + UNDO_GRACE_MS): () => void {
  const held = new Map<string, { removed: Removed; timer: ReturnType<typeof setTimeout> }>();

  const deleteRun = onMessage('deleteRun', async ({ id }) => {
    const removed = await takeRecord(id, db);
    if (!removed) return false;
    clearTimeout(held.get(id)?.timer);
    held.set(id, { removed, timer: setTimeout(() => held.delete(id), holdMs) });
    return true;
  });

  const undoDelete = onMessage('undoDelete', async ({ id }) => {
    const copy = held.get(id);
    if (!copy) return false;
    await restoreRecord(copy.removed, db);
    clearTimeout(copy.timer);
    held.delete(id);
    return true;
  });

  const makeRoom = onMessage('makeRoom', ({ count }) => deleteOldest(count, db));

  const triageFinding = onMessage('triageFinding', async ({ id, findingId, ignore, reason }) => {
    const record = await getRecord(id, db);
    if (!record) throw new Error('This critique is no longer in history.');
    if (running(record)) throw new Error('The critique is still running; wait for it to finish.');
    const finding = [...record.draft.findings, ...record.draft.ignored.map((i) => i.finding)].find(
      (f) => f.id === findingId,
    );
    if (!finding) throw new Error('The finding is no longer in this critique.');
    const at = Date.now();
    if (ignore) await saveIgnore(record.url, finding, record.draft.regions, reason, at);
    else await dropIgnore(record.url, finding, record.draft.regions);
    const next = ignore
      ? ignoreInRecord(record, findingId, reason, at)
      : restoreInRecord(record, findingId, at);
    await saveRecord(next, db);
    return next;
  });

  return () => {
    for (const stop of [deleteRun, undoDelete, makeRoom, triageFinding]) stop();
    for (const copy of held.values()) clearTimeout(copy.timer);
  };
}
