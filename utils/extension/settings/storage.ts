import { storage } from '#imports';
import { z } from 'zod';
import { DEFAULT_SETTINGS, Settings } from '@/utils/core/schemas/settings';
import { readKey } from '@/utils/extension/settings/keyStore';

/**
 * Settings live on this device, never in `sync:`: the API key in its own store (keyStore.ts),
 * out of content scripts' reach, and the rest in `local:settings`. Reads are parsed: a stored
 * value that no longer fits the schema (an older version, a hand edit) falls back field by
 * field to the defaults instead of breaking the panel, except the private selectors, which are
 * never dropped (see coerceSettings).
 */
export const settingsItem = storage.defineItem<unknown>('local:settings', { fallback: null });

/**
 * Settings for this browser session only, in memory (`session:` storage is never written to
 * disk and content scripts cannot read it): how the CLI hands the extension a key from
 * OPENAI_API_KEY without writing it anywhere. When present it wins over the saved settings.
 */
const sessionItem = storage.defineItem<unknown>('session:settings', { fallback: null });

export async function loadSettings(): Promise<Settings> {
  const session: unknown = await sessionItem.getValue().catch(() => null);
  // Session settings that fail to parse are coerced, not ignored: falling back to the saved
  // ones would drop the private selectors they name.
  if (typeof session === 'object' && session !== null) return coerceSettings(session);
  const saved: unknown = await settingsItem.getValue();
  // The key belongs to saved settings: with none saved (never, or cleared) none is used.
  if (typeof saved !== 'object' || saved === null) return DEFAULT_SETTINGS;
  // A key an earlier version kept in `local:settings` counts until the worker moves it out
  // (background/settings/save.ts); one in the key store wins.
  const { apiKey: legacy, ...rest } = saved as Record<string, unknown>;
  return coerceSettings({ ...rest, apiKey: (await readKey()) || legacy || '' });
}

/**
 * Stored private selectors, kept as they were written. Replacing a list that fails the schema
 * with the default (none) would fail open: the capture would take what they hide. Kept, an
 * invalid one is refused by name where it is used (utils/page/regions/privacy.ts) and shown with
 * its reason in the options page.
 */
const StoredSelectors = z.union([
  z.string().transform((one) => [one]),
  z.array(z.unknown()).transform((all) => all.map((item) => String(item))),
]);

/**
 * Stored settings as the schema reads them, field by field: a field that fails falls back to
 * its default, except the private selectors, which are kept (see StoredSelectors). The result
 * may then hold a selector the schema refuses; every context that uses one refuses it by name.
 */
export function coerceSettings(stored: unknown): Settings {
  const whole = Settings.safeParse(stored);
  if (whole.success) return whole.data;
  const fields = typeof stored === 'object' && stored !== null ? (stored as Record<string, unknown>) : {};
  const merged: Record<string, unknown> = { ...DEFAULT_SETTINGS };
  for (const key of Object.keys(Settings.shape) as (keyof Settings)[]) {
    const field = Settings.shape[key].safeParse(fields[key]);
    if (field.success) merged[key] = field.data;
  }
  const selectors = Settings.shape.privateSelectors.safeParse(fields.privateSelectors);
  const kept = StoredSelectors.safeParse(fields.privateSelectors);
  if (!selectors.success && kept.success)
    merged.privateSelectors = kept.data.map((s) => s.trim()).filter(Boolean);
  return Settings.omit({ privateSelectors: true })
    .extend({ privateSelectors: z.array(z.string()) })
    .parse(merged);
}

/** `sk-…abcd`: enough to recognise a key, never enough to use it. */
export function maskKey(key: string): string {
  if (!key) return '';
  if (key.length <= 8) return '•'.repeat(key.length);
  return `${key.slice(0, 3)}…${key.slice(-4)}`;
}
