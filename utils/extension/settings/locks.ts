import { storage } from '#imports';
import { z } from 'zod';
import { lockedIds, userLocks } from '@/utils/core/plan/constraints';
import type { DoNotTouch } from '@/utils/core/schemas/record';
import type { Region } from '@/utils/core/schemas/region';

/**
 * Regions the user keeps as they are ("Keep as is" in the panel), saved per page by region key
 * (utils/core/regions/key.ts), so a later critique of the same page keeps them too. In `local:`
 * storage beside the settings; a page is its URL without the fragment.
 */
const Locks = z.record(z.string(), z.array(z.string().regex(/^k[0-9a-f]{8}$/)));
type Locks = z.infer<typeof Locks>;

const locksItem = storage.defineItem<unknown>('local:locks', { fallback: {} });

export function pageOf(url: string): string {
  const hash = url.indexOf('#');
  return hash === -1 ? url : url.slice(0, hash);
}

async function readAll(): Promise<Locks> {
  const parsed = Locks.safeParse(await locksItem.getValue());
  return parsed.success ? parsed.data : {};
}

/** The region keys kept as they are on this page. */
export async function lockedKeys(url: string): Promise<Set<string>> {
  return new Set((await readAll())[pageOf(url)] ?? []);
}

/** Keeps (or stops keeping) one region of a page as it is; returns the page's locked keys. */
export async function setLocked(url: string, key: string, locked: boolean): Promise<Set<string>> {
  const all = await readAll();
  const page = pageOf(url);
  const keys = new Set(all[page] ?? []);
  if (locked) keys.add(key);
  else keys.delete(key);
  if (keys.size > 0) all[page] = [...keys];
  else delete all[page];
  await locksItem.setValue(all);
  return keys;
}

/** Calls back with the page's locked keys whenever they change; returns the unwatch function. */
export function watchLocks(url: string, onChange: (keys: Set<string>) => void): () => void {
  return locksItem.watch((value) => {
    const parsed = Locks.safeParse(value);
    onChange(new Set(parsed.success ? (parsed.data[pageOf(url)] ?? []) : []));
  });
}

/**
 * What a plan may not restyle on this page now: `doNotTouch` (the model's, or a critique's
 * saved list) with the page's current locks added, and every region inside either.
 */
export async function keptNow(
  url: string,
  regions: readonly Region[],
  doNotTouch: readonly DoNotTouch[] = [],
): Promise<{ doNotTouch: DoNotTouch[]; locked: Set<string> }> {
  const locks = userLocks(regions, await lockedKeys(url));
  const all = locks ? [...doNotTouch, locks] : [...doNotTouch];
  return { doNotTouch: all, locked: lockedIds(regions, all) };
}
