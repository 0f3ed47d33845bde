/**
 * Saving and deleting critiques: the background's alone (the panel asks it with a message).
 * A full disk is reported as `StorageFullError` so the panel can say so plainly and offer to
 * delete the oldest critiques; a failed write changes nothing that was saved before it (each
 * write is one transaction).
 */
import type { CritiqueRecord } from '@/utils/core/schemas/record';
import {
  artifactId,
  history,
  type ArtifactKind,
  type HistoryDb,
  type Removed,
} from '@/utils/extension/history/db';

export class StorageFullError extends Error {
  override name = 'StorageFullError';
  constructor(cause: unknown) {
    super(
      'The browser’s storage for Restage is full, so this critique could not be saved. Delete the oldest critiques to make room.',
      { cause },
    );
  }
}

function isQuotaError(error: unknown): boolean {
  for (let e = error as { name?: string; inner?: unknown; cause?: unknown } | undefined; e;) {
    if (e.name === 'QuotaExceededError') return true;
    e = (e.inner ?? e.cause) as typeof e;
  }
  return false;
}

async function guarded<T>(write: () => Promise<T>): Promise<T> {
  try {
    return await write();
  } catch (error) {
    throw isQuotaError(error) ? new StorageFullError(error) : error;
  }
}

/** Records come from the runner, built from parsed parts; reads are where they are checked. */
export function saveRecord(record: CritiqueRecord, db: HistoryDb = history()): Promise<string> {
  return guarded(() => db.critiques.put(record));
}

export async function saveArtifact(
  critiqueId: string,
  kind: ArtifactKind,
  blob: Blob,
  db: HistoryDb = history(),
): Promise<string> {
  const id = artifactId(critiqueId, kind);
  await guarded(() => db.artifacts.put({ id, critiqueId, kind, blob }));
  return id;
}

/**
 * Deletes a critique and its artifacts in one transaction and hands back exactly what was
 * stored (rows unparsed, Blobs as they were), so `restoreRecord` can undo it. Null when there
 * was nothing to delete.
 */
export async function takeRecord(id: string, db: HistoryDb = history()): Promise<Removed | null> {
  return db.transaction('rw', db.critiques, db.artifacts, async () => {
    const row: unknown = await db.critiques.get(id);
    if (row === undefined) return null;
    const artifacts = await db.artifacts.where('critiqueId').equals(id).toArray();
    await db.artifacts.where('critiqueId').equals(id).delete();
    await db.critiques.delete(id);
    return { row, artifacts };
  });
}

/** Puts back what `takeRecord` removed, in one transaction. */
export function restoreRecord(removed: Removed, db: HistoryDb = history()): Promise<void> {
  return guarded(() =>
    db.transaction('rw', db.critiques, db.artifacts, async () => {
      await db.artifacts.bulkPut(removed.artifacts);
      await db.critiques.put(removed.row as CritiqueRecord);
    }),
  );
}

export async function deleteRecord(id: string, db: HistoryDb = history()): Promise<void> {
  await db.transaction('rw', db.critiques, db.artifacts, async () => {
    await db.artifacts.where('critiqueId').equals(id).delete();
    await db.critiques.delete(id);
  });
}

/** Deletes the `count` oldest critiques that are not running; returns how many went. */
export async function deleteOldest(count: number, db: HistoryDb = history()): Promise<number> {
  const oldest = await db.critiques.orderBy('createdAt').toArray();
  const done = oldest.filter((r) => r.job?.state !== 'running' && r.job?.state !== 'queued').slice(0, count);
  for (const record of done) await deleteRecord(record.id, db);
  return done.length;
}
