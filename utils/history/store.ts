/**
 * Saving, listing, reopening and deleting critiques. Every read is parsed, and a row that no
 * longer parses is skipped, not fatal. A full disk is reported as `StorageFullError` so the
 * panel can say so plainly and offer to delete the oldest critiques; a failed write changes
 * nothing that was saved before it (each write is one transaction).
 */
import { z } from 'zod';
import { CritiqueRecord, Draft, Score } from '../schemas';
import { artifactId, history, type ArtifactKind, type HistoryDb } from './db';

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

export async function readArtifact(id: string, db: HistoryDb = history()): Promise<Blob | null> {
  return (await db.artifacts.get(id))?.blob ?? null;
}

export async function getRecord(id: string, db: HistoryDb = history()): Promise<CritiqueRecord | null> {
  const parsed = CritiqueRecord.safeParse(await db.critiques.get(id));
  return parsed.success ? parsed.data : null;
}

export interface HistoryEntry {
  id: string;
  url: string;
  title: string;
  createdAt: number;
  state: CritiqueRecord['job']['state'];
  engine: CritiqueRecord['draft']['engine'];
  score: number | null;
  findings: number;
}

/**
 * What a history row shows, checked on its own: listing does not parse every region and
 * finding of every critique (a whole record is parsed when it is reopened).
 */
const Listed = CritiqueRecord.pick({
  id: true,
  schemaVersion: true,
  url: true,
  title: true,
  createdAt: true,
}).extend({
  job: CritiqueRecord.shape.job.pick({ state: true }),
  draft: z.object({
    engine: Draft.shape.engine,
    score: Score.pick({ value: true }).nullable(),
    findings: z.array(z.unknown()),
  }),
});

/** Newest first; only one page's critiques when `url` is given. */
export async function listHistory(url?: string, db: HistoryDb = history()): Promise<HistoryEntry[]> {
  const rows = url ? await db.critiques.where('url').equals(url).toArray() : await db.critiques.toArray();
  return rows
    .flatMap((row) => {
      const parsed = Listed.safeParse(row);
      return parsed.success ? [parsed.data] : [];
    })
    .sort((a, b) => b.createdAt - a.createdAt)
    .map((r) => ({
      id: r.id,
      url: r.url,
      title: r.title,
      createdAt: r.createdAt,
      state: r.job.state,
      engine: r.draft.engine,
      score: r.draft.score?.value ?? null,
      findings: r.draft.findings.length,
    }));
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
