import { storage } from '#imports';
import { z } from 'zod';
import { DEFAULT_SETTINGS, Settings } from '../schemas';

/**
 * Settings live in `local:` storage, never `sync:`, so the API key stays on this device.
 * Reads are parsed: a stored value that no longer fits the schema (an older version, a
 * hand edit) falls back field by field to the defaults instead of breaking the panel.
 */
const settingsItem = storage.defineItem<unknown>('local:settings', { fallback: DEFAULT_SETTINGS });

/**
 * Settings for this browser session only, in memory (`session:` storage is never written to
 * disk and content scripts cannot read it): how the CLI hands the extension a key from
 * OPENAI_API_KEY without writing it anywhere. When present it wins over the saved settings.
 */
const sessionItem = storage.defineItem<unknown>('session:settings', { fallback: null });

export async function loadSettings(): Promise<Settings> {
  const session = Settings.safeParse(await sessionItem.getValue().catch(() => null));
  if (session.success) return session.data;
  return coerceSettings(await settingsItem.getValue());
}

export function coerceSettings(stored: unknown): Settings {
  const whole = Settings.safeParse(stored);
  if (whole.success) return whole.data;
  const fields = typeof stored === 'object' && stored !== null ? (stored as Record<string, unknown>) : {};
  const merged: Record<string, unknown> = { ...DEFAULT_SETTINGS };
  for (const key of Object.keys(Settings.shape) as (keyof Settings)[]) {
    const field = Settings.shape[key].safeParse(fields[key]);
    if (field.success) merged[key] = field.data;
  }
  return Settings.parse(merged);
}

export type SaveResult =
  { ok: true; settings: Settings } | { ok: false; errors: Partial<Record<keyof Settings, string>> };

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
  await settingsItem.setValue(result.data);
  return { ok: true, settings: result.data };
}

/** `sk-…abcd`: enough to recognise a key, never enough to use it. */
export function maskKey(key: string): string {
  if (!key) return '';
  if (key.length <= 8) return '•'.repeat(key.length);
  return `${key.slice(0, 3)}…${key.slice(-4)}`;
}
