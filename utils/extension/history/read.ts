/**
 * Saving, listing, reopening and deleting critiques. Every read is parsed, and a row that no
 * longer parses is skipped, not fatal. A full disk is reported as `StorageFullError` so the
 * panel can say so plainly and offer to delete the oldest critiques; a failed write changes
 * nothing that was saved before it (each write is one transaction).
 */
import { z } from 'zod';
import { ArtifactRef, CritiqueRecord, Draft, Score } from '@/utils/core/schemas';
import {
  artifactId,
  history,
  type Artifact,
  type ArtifactKind,
  type HistoryDb,
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

export async function readArtifact(id: string, db: HistoryDb = history()): Promise<Blob | null> {
  return (await db.artifacts.get(id))?.blob ?? null;
}

export async function getRecord(id: string, db: HistoryDb = history()): Promise<CritiqueRecord | null> {
  const parsed = CritiqueRecord.safeParse(await db.critiques.get(id));
  return parsed.success ? parsed.data : null;
}

/**
 * A saved run as the panel's views take it: a critique (or round) alone, or a check with the
 * critique it checked (null when that critique has been deleted). Null when `id` cannot be read.
 */
export async function getRun(
  id: string,
  db: HistoryDb = history(),
): Promise<{ record: CritiqueRecord | null; check: CritiqueRecord | null } | null> {
  const run = await getRecord(id, db);
  if (!run) return null;
  if (run.kind !== 'check') return { record: run, check: null };
  return { record: run.against ? await getRecord(run.against, db) : null, check: run };
}

export interface HistoryEntry {
  id: string;
  /** A critique (a first one, or a round refining one), or a check of the page against one. */
  kind: CritiqueRecord['kind'];
  /** A check: the critique it checked. */
  against: string | null;
  /** A check: whether the critique's plan was previewed on the page when it was measured. */
  preview: boolean;
  /** A round: the critique (or round) it refines. */
  refines: string | null;
  round: number;
  url: string;
  title: string;
  /** What the user asked for (a round's follow-up request), if anything. */
  request: string | null;
  createdAt: number;
  state: CritiqueRecord['job']['state'];
  engine: CritiqueRecord['draft']['engine'];
  score: number | null;
  findings: number;
  /** The small JPEG of the annotated capture; null when there was no capture. */
  thumb: ArtifactRef | null;
}

/**
 * What a history row shows, checked on its own: listing does not parse every region and
 * finding of every critique (a whole record is parsed when it is reopened).
 */
const Listed = CritiqueRecord.pick({
  id: true,
  schemaVersion: true,
  kind: true,
  against: true,
  preview: true,
  refines: true,
  round: true,
  url: true,
  title: true,
  request: true,
  createdAt: true,
}).extend({
  job: CritiqueRecord.shape.job.pick({ state: true }),
  draft: z.object({
    engine: Draft.shape.engine,
    score: Score.pick({ value: true }).nullable(),
    findings: z.array(z.unknown()),
    thumb: Draft.shape.thumb,
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
      kind: r.kind,
      against: r.against,
      preview: r.preview,
      refines: r.refines,
      round: r.round,
      url: r.url,
      title: r.title,
      request: r.request,
      createdAt: r.createdAt,
      state: r.job.state,
      engine: r.draft.engine,
      score: r.draft.score?.value ?? null,
      findings: r.draft.findings.length,
      thumb: r.draft.thumb,
    }));
}

/** A deleted critique as it was stored: its row and its artifacts, untouched, to put back. */
export interface Removed {
  row: unknown;
  artifacts: Artifact[];
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
