/**
 * Restage's IndexedDB, through Dexie: critiques by page URL, and their images and documents as
 * Blobs. The background writes it; the side panel reads it directly (same extension origin),
 * so pixels never travel through messages. Dexie versions match the records' `schemaVersion`.
 */
import Dexie, { type EntityTable } from 'dexie';
import type { CritiqueRecord } from '../schemas';
import { upgradeV1Records } from './migrate';

export const DB_NAME = 'restage';

export type ArtifactKind = 'shot' | 'annotated' | 'labelled' | 'mockup' | 'image';

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
  // Version 1 (Restage 0.1.0's shape): each critique run whole, images inline as data URLs.
  db.version(1).stores({ critiques: 'id, url, createdAt' });
  // Version 2: job records, with images and mockups as Blobs in their own table.
  db.version(2)
    .stores({ critiques: 'id, url, createdAt, job.state', artifacts: 'id, critiqueId' })
    .upgrade((tx) => upgradeV1Records(tx));
  return db;
}

let shared: HistoryDb | null = null;

/** The one connection each context uses. */
export function history(): HistoryDb {
  shared ??= openHistory();
  return shared;
}

export const artifactId = (critiqueId: string, kind: ArtifactKind) => `${critiqueId}:${kind}`;
