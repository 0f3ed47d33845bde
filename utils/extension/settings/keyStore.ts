/**
 * The API key's own store: a small IndexedDB database of the extension's origin. Content
 * scripts run with the page's origin and so open the page's databases, never this one, in every
 * browser; `storage.local`, by contrast, is open to content scripts unless a browser lets the
 * extension close it (utils/extension/settings/accessLevel.ts).
 */
import Dexie, { type EntityTable } from 'dexie';
import { z } from 'zod';

export const KEY_DB_NAME = 'restage-keys';
/** The one row's id: there is one key, for the provider in the settings. */
export const API_KEY = 'apiKey';

interface KeyRow {
  name: string;
  value: string;
}

type KeyDb = Dexie & { keys: EntityTable<KeyRow, 'name'> };

export function openKeyStore(name = KEY_DB_NAME): KeyDb {
  const db = new Dexie(name) as KeyDb;
  db.version(1).stores({ keys: 'name' });
  return db;
}

let shared: KeyDb | null = null;
export const keyStore = () => (shared ??= openKeyStore());

/** The saved key, or '' when there is none (or the row is not a string). */
export async function readKey(db = keyStore()): Promise<string> {
  return z
    .string()
    .catch('')
    .parse((await db.keys.get(API_KEY))?.value);
}
