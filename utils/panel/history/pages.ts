/**
 * History as the panel shows it: runs grouped by page URL, each run labelled by what it was
 * (a critique, a round refining one, a check of the page against one), checks linked to the
 * critique they checked, and a search over page addresses and titles. Pure functions of the
 * listed entries, so the view stays small.
 */
import type { HistoryEntry } from '@/utils/extension/history/read';

/** Runs a page group lists before "Show all". */
export const LAST_RUNS = 5;

/** "Critique", "Round 2" or "Check": what a run was. */
export function runLabel(entry: Pick<HistoryEntry, 'kind' | 'round' | 'refines'>): string {
  if (entry.kind === 'check') return 'Check';
  if (entry.round > 1 || entry.refines) return `Round ${Math.max(entry.round, 2)}`;
  return 'Critique';
}

export interface PageHistory {
  url: string;
  /** The newest run's title (a page's title can change between runs). */
  title: string;
  /** Newest first. */
  runs: HistoryEntry[];
}

/**
 * Runs grouped by page URL: the page at `current` first, then the others by their newest run.
 * `entries` are newest first, as `listHistory` returns them.
 */
export function groupByPage(entries: readonly HistoryEntry[], current?: string): PageHistory[] {
  const pages = new Map<string, PageHistory>();
  for (const entry of entries) {
    const page = pages.get(entry.url);
    if (page) page.runs.push(entry);
    else pages.set(entry.url, { url: entry.url, title: entry.title, runs: [entry] });
  }
  const all = [...pages.values()];
  const here = all.filter((p) => p.url === current);
  return [...here, ...all.filter((p) => p.url !== current)];
}

/**
 * The pages whose URL or any run's title holds every word of `query` (case-insensitive);
 * all pages for a blank query. A page matches whole, so its chart and runs stay complete.
 */
export function searchPages(pages: readonly PageHistory[], query: string): PageHistory[] {
  const words = query.toLocaleLowerCase().split(/\s+/).filter(Boolean);
  if (words.length === 0) return [...pages];
  return pages.filter((page) => {
    const haystack = [page.url, ...page.runs.map((r) => r.title)].join('\n').toLocaleLowerCase();
    return words.every((word) => haystack.includes(word));
  });
}

/** Every check, by the id of the critique it checked, newest first. */
export function checksByCritique(entries: readonly HistoryEntry[]): Map<string, HistoryEntry[]> {
  const checks = new Map<string, HistoryEntry[]>();
  for (const entry of entries) {
    if (entry.kind !== 'check' || !entry.against) continue;
    const list = checks.get(entry.against) ?? [];
    list.push(entry);
    checks.set(entry.against, list);
  }
  for (const list of checks.values()) list.sort((a, b) => b.createdAt - a.createdAt);
  return checks;
}
