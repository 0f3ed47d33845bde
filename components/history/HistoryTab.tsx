import {
  useCallback,
  useEffect,
  useMemo,
  useRef,
  useState,
  useSyncExternalStore,
  type ReactNode,
} from 'react';
import { checksByCritique, groupByPage, runLabel, searchPages } from '@/utils/panel/history/pages';
import { listHistory, type HistoryEntry } from '@/utils/extension/history/read';
import { deletions, type DeleteQueue } from '@/utils/panel/history/undo';
import type { JobKind } from '@/utils/core/schemas/record';
import { PageGroup } from '@/components/history/PageGroup';
import { UndoBar } from '@/components/history/UndoBar';
import { when } from '@/components/history/when';
import '@/components/history/history.css';

/**
 * Every saved run, read straight from IndexedDB and grouped by page (the current page first):
 * each page's score over time and its last runs, critiques, rounds and checks told apart and
 * linked. A search box filters pages by URL or title as you type. Delete asks nothing and
 * offers Undo (utils/panel/history/undo.ts).
 */
export function HistoryTab({
  url,
  onOpen,
  version,
  renderActions,
  queue = deletions,
}: {
  url: string;
  /** Opens a saved run: `kind` says whether it is a critique (or round) or a check. */
  onOpen(id: string, kind: JobKind): void;
  version: number;
  /** Extra controls in each run's actions area (the Export menu). */
  renderActions?: (entry: HistoryEntry) => ReactNode;
  queue?: Pick<DeleteQueue<unknown>, 'subscribe' | 'pending' | 'remove' | 'undo' | 'delayMs'>;
}) {
  const [entries, setEntries] = useState<HistoryEntry[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [query, setQuery] = useState('');
  const [focusUndo, setFocusUndo] = useState<string | null>(null);
  /** A run just brought back: its first control takes the focus the Undo button had. */
  const restored = useRef<string | null>(null);
  const view = useRef<HTMLDivElement>(null);
  const pending = useSyncExternalStore(queue.subscribe, queue.pending);
  const load = useCallback(
    () =>
      listHistory().then(setEntries, (e: unknown) =>
        setError(`History could not be read: ${(e as Error).message}`),
      ),
    [],
  );
  useEffect(() => void load(), [load, version]);

  const pages = useMemo(() => groupByPage(entries ?? [], url), [entries, url]);
  const shown = useMemo(() => searchPages(pages, query), [pages, query]);
  const byId = useMemo(() => new Map((entries ?? []).map((e) => [e.id, e])), [entries]);
  const checks = useMemo(() => checksByCritique(entries ?? []), [entries]);

  const fail = (e: unknown) => setError((e as Error).message);
  const actions = {
    onOpen: (entry: HistoryEntry) => onOpen(entry.id, entry.kind),
    onDelete: (entry: HistoryEntry) => {
      const label = `${runLabel(entry).toLowerCase()} of ${entry.title || entry.url} from ${when(entry.createdAt)}`;
      void queue.remove(entry.id, label).then(() => {
        setFocusUndo(entry.id);
        return load();
      }, fail);
    },
    renderActions,
  };
  const undo = (id: string) =>
    void queue.undo(id).then(() => {
      setFocusUndo(null);
      restored.current = id;
      return load();
    }, fail);
  useEffect(() => {
    const id = restored.current;
    const control =
      id && view.current?.querySelector<HTMLElement>(`li[data-critique="${CSS.escape(id)}"] button`);
    if (!control) return;
    control.focus();
    restored.current = null;
  }, [entries]);

  return (
    <div ref={view} className="history-view" data-testid="history-view">
      {entries && entries.length > 0 && (
        <input
          type="search"
          className="history__search"
          aria-label="Search history by page URL or title"
          placeholder="Search by URL or title"
          value={query}
          onChange={(event) => setQuery(event.target.value)}
        />
      )}
      {error && <p role="alert">{error}</p>}
      {!entries && !error && <p className="muted">Reading history…</p>}
      {entries?.length === 0 && <p className="muted">No critiques yet. They are kept here after each run.</p>}
      {entries && query.trim() && (
        <p className="muted" data-testid="history-matches">
          {shown.length === 0
            ? 'No page matches.'
            : `${shown.length} of ${pages.length} ${pages.length === 1 ? 'page' : 'pages'} match.`}
        </p>
      )}
      {shown.map((page) => (
        <PageGroup
          key={page.url}
          page={page}
          current={page.url === url}
          byId={byId}
          checks={checks}
          actions={actions}
        />
      ))}
      <UndoBar pending={pending} focusId={focusUndo} delayMs={queue.delayMs} onUndo={undo} />
    </div>
  );
}
