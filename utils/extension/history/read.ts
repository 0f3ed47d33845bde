/**
 * Listing and reopening critiques, in any extension context (the panel reads IndexedDB
 * directly, so pixels never travel through messages). Every read is parsed, and a row that no
 * longer parses is skipped, not fatal. Writes are the background's (background/history/store.ts).
 */
import { z } from 'zod';
import { Score } from '@/utils/core/schemas/finding';
import { ArtifactRef, CritiqueRecord, Draft } from '@/utils/core/schemas/record';
import { history, type HistoryDb } from '@/utils/extension/history/db';

export async function readArtifact(id: string, db: HistoryDb = history()): Promise<Blob | null> {
  return (await db.artifacts.get(id))?.blob ?? null;
}

export async function getRecord(id: string, db: HistoryDb = history()): Promise<CritiqueRecord | null> {
  const parsed = CritiqueRecord.safeParse(await db.critiques.get(id));
  return parsed.success ? parsed.data : null;
}

/** Every run saved for the page at `url`, each parsed (a row that no longer parses is left out). */
export async function pageRecords(url: string, db: HistoryDb = history()): Promise<CritiqueRecord[]> {
  const rows = await db.critiques.where('url').equals(url).toArray();
  return rows.flatMap((row) => {
    const parsed = CritiqueRecord.safeParse(row);
    return parsed.success ? [parsed.data] : [];
  });
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
