import { storage } from '#imports';
import { z } from 'zod';
import { pageOf } from '@/utils/extension/settings/locks';
import type { Finding, IgnoredFinding } from '@/utils/core/schemas/finding';
import type { Region } from '@/utils/core/schemas/region';

/**
 * Findings the user ignored, saved per page (its URL without the fragment, as locks are) in
 * `local:` storage. An ignore names the finding's kind (its rule, else its category) and the
 * stable keys of its regions (utils/core/regions/key.ts), so it outlives region numbers.
 *
 * The matching rule: a later finding is set aside when it is of the same kind and every region
 * it names is one the ignored finding named. A grouped finding that shrank stays ignored; one
 * that now names a region the user never saw in it is raised again. A finding about the whole
 * page (no regions) matches an ignore of the same kind that named none.
 */
export const Ignore = z.object({
  kind: z.string().min(1).max(100),
  keys: z.array(z.string().regex(/^k[0-9a-f]{8}$/)).max(200),
  reason: z.string().max(500).nullable(),
  at: z.number(),
});
export type Ignore = z.infer<typeof Ignore>;

const ignoresItem = storage.defineItem<unknown>('local:ignores', { fallback: {} });

/**
 * Every page's ignores, read leniently: a stored value that is not an object of lists reads as
 * none, and an entry that does not parse (a hand edit, a later version) is dropped on its own.
 */
export function parseIgnores(value: unknown): Record<string, Ignore[]> {
  const pages = z.record(z.string(), z.array(z.unknown())).safeParse(value);
  if (!pages.success) return {};
  const all: Record<string, Ignore[]> = {};
  for (const [page, entries] of Object.entries(pages.data)) {
    const kept = entries.flatMap((entry) => {
      const parsed = Ignore.safeParse(entry);
      return parsed.success ? [parsed.data] : [];
    });
    if (kept.length > 0) all[page] = kept;
  }
  return all;
}

export const kindOf = (f: Finding) => f.rule ?? f.category;

/** The region keys a finding names, in its region order; ids with no region are left out. */
export function keysOf(f: Finding, regions: readonly Region[]): string[] {
  const byId = new Map(regions.map((r) => [r.id, r.key]));
  return f.regionIds.flatMap((id) => byId.get(id) ?? []);
}

export function matches(entry: Ignore, f: Finding, regions: readonly Region[]): boolean {
  if (entry.kind !== kindOf(f)) return false;
  const keys = keysOf(f, regions);
  if (keys.length === 0 || entry.keys.length === 0) return keys.length === entry.keys.length;
  const named = new Set(entry.keys);
  return keys.every((key) => named.has(key));
}

/** The page's ignores. */
export async function ignoresFor(url: string): Promise<Ignore[]> {
  return parseIgnores(await ignoresItem.getValue())[pageOf(url)] ?? [];
}

/** Saves an ignore of `f` on this page (replacing one for the same kind and regions). */
export async function saveIgnore(
  url: string,
  f: Finding,
  regions: readonly Region[],
  reason: string | null,
  at: number,
): Promise<void> {
  const all = parseIgnores(await ignoresItem.getValue());
  const page = pageOf(url);
  const entry: Ignore = { kind: kindOf(f), keys: keysOf(f, regions), reason, at };
  all[page] = [...(all[page] ?? []).filter((e) => !sameAs(e, entry)), Ignore.parse(entry)];
  await ignoresItem.setValue(all);
}

/** Drops every ignore on this page that matches `f`, so later critiques raise it again. */
export async function dropIgnore(url: string, f: Finding, regions: readonly Region[]): Promise<void> {
  const all = parseIgnores(await ignoresItem.getValue());
  const page = pageOf(url);
  const left = (all[page] ?? []).filter((e) => !matches(e, f, regions));
  if (left.length > 0) all[page] = left;
  else delete all[page];
  await ignoresItem.setValue(all);
}

const sameAs = (a: Ignore, b: Ignore) => a.kind === b.kind && a.keys.join() === b.keys.join();

/** Splits findings into those raised and those an ignore of the page sets aside, with its reason. */
export function setAside(
  findings: readonly Finding[],
  regions: readonly Region[],
  ignores: readonly Ignore[],
): { findings: Finding[]; ignored: IgnoredFinding[] } {
  const raised: Finding[] = [];
  const ignored: IgnoredFinding[] = [];
  for (const finding of findings) {
    const entry = ignores.find((e) => matches(e, finding, regions));
    if (entry) ignored.push({ finding, reason: entry.reason, at: entry.at });
    else raised.push(finding);
  }
  return { findings: raised, ignored };
}

/** Every finding the score counts: ignoring is triage, not a fix, so ignored ones still cost. */
export const scored = (findings: readonly Finding[], ignored: readonly IgnoredFinding[]) => [
  ...findings,
  ...ignored.map((i) => i.finding),
];
