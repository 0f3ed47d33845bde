/**
 * Writing settings: the background's alone. The options page and the panel send what the user
 * entered (`saveSettings`); the key goes to its own store (extension/settings/keyStore.ts) and
 * the rest to `local:settings`, after `local` is closed to content scripts.
 */
import { z } from 'zod';
import { Settings } from '@/utils/core/schemas/settings';
import { restrictLocalStorage } from '@/utils/extension/settings/accessLevel';
import { API_KEY, keyStore, readKey } from '@/utils/extension/settings/keyStore';
import { settingsItem } from '@/utils/extension/settings/storage';
import type { SaveResult } from '@/utils/messaging/protocol';

/** Saves the key; an empty one deletes it, so a key removed in settings is gone from the disk too. */
export async function writeKey(key: string, db = keyStore()): Promise<void> {
  if (key) await db.keys.put({ name: API_KEY, value: key });
  else await db.keys.delete(API_KEY);
}

/**
 * Moves a key that an earlier version kept in `local:settings` to the key store, then rewrites
 * the settings without it; returns the saved settings, keyless, or null when there are none.
 * A key already in the key store is kept: it was saved from the settings page, whereas a key
 * in `local:settings` may have been written there by anything that could reach that storage.
 */
export async function moveKeyOut(): Promise<Record<string, unknown> | null> {
  const stored: unknown = await settingsItem.getValue();
  if (typeof stored !== 'object' || stored === null) return null;
  const { apiKey, ...rest } = stored as Record<string, unknown>;
  if (apiKey === undefined) return rest;
  const key = Settings.shape.apiKey.safeParse(apiKey);
  if (key.success && key.data && !(await readKey())) await writeKey(key.data);
  await settingsItem.setValue(rest);
  return rest;
}

/** Validates and stores; on failure nothing is written and each bad field says why. */
export async function saveSettings(input: unknown): Promise<SaveResult> {
  const result = Settings.safeParse(input);
  if (!result.success) {
    const flat = z.flattenError(result.error).fieldErrors as Partial<Record<keyof Settings, string[]>>;
    const errors: Partial<Record<keyof Settings, string>> = {};
    for (const [key, messages] of Object.entries(flat)) {
      if (messages?.[0]) errors[key as keyof Settings] = messages[0];
    }
    return { ok: false, errors };
  }
  const { apiKey, ...rest } = result.data;
  await restrictLocalStorage();
  await writeKey(apiKey);
  await settingsItem.setValue(rest);
  return { ok: true, settings: result.data };
}
