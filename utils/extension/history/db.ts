/**
 * Restage's IndexedDB, through Dexie: critiques by page URL, and their images and documents as
 * Blobs. The background writes it; the side panel reads it directly (same extension origin),
 * so pixels never travel through messages. Dexie versions match the records' `schemaVersion`.
 */
import Dexie, { type EntityTable } from 'dexie';
import type { CritiqueRecord } from '@/utils/core/schemas/record';

export const DB_NAME = 'restage';

export type ArtifactKind = 'shot' | 'annotated' | 'thumb' | 'labelled' | 'mockup' | 'image';

export interface Artifact {
  /** `<critique id>:<kind>` */
  id: string;
  critiqueId: string;
  kind: ArtifactKind;
  blob: Blob;
}

export type HistoryDb = Dexie & {
  critiques: EntityTable<CritiqueRecord, 'id'>;
  artifacts: EntityTable<Artifact, 'id'>;
};

export function openHistory(name = DB_NAME): HistoryDb {
  const db = new Dexie(name) as HistoryDb;
  // Records are at schema version 2, and so is the database: no release wrote an earlier one
  // (0.1.0 kept no history in the browser), so there is nothing to upgrade from.
  db.version(2).stores({ critiques: 'id, url, createdAt, job.state', artifacts: 'id, critiqueId' });
  return db;
}

let shared: HistoryDb | null = null;

/** The one connection each context uses. */
export function history(): HistoryDb {
  shared ??= openHistory();
  return shared;
}

export const artifactId = (critiqueId: string, kind: ArtifactKind) => `${critiqueId}:${kind}`;

/** A deleted critique as it was stored: its row and its artifacts, untouched, to put back. */
export interface Removed {
  row: unknown;
  artifacts: Artifact[];
}
