import { useCallback, useEffect, useState } from 'react';
import { deleteRecord, listHistory, type HistoryEntry } from '@/utils/history/store';

const when = (time: number) =>
  new Date(time).toLocaleString('en-US', { dateStyle: 'medium', timeStyle: 'short' });

/**
 * Every saved critique, newest first, read straight from IndexedDB: reopen one in the
 * Critique tab, or delete it. Critiques of the current page come first.
 */
export function HistoryTab({
  url,
  onOpen,
  version,
}: {
  url: string;
  onOpen(id: string): void;
  version: number;
}) {
  const [entries, setEntries] = useState<HistoryEntry[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const load = useCallback(
    () =>
      listHistory().then(
        (all) => setEntries([...all.filter((e) => e.url === url), ...all.filter((e) => e.url !== url)]),
        (e: unknown) => setError(`History could not be read: ${(e as Error).message}`),
      ),
    [url],
  );
  useEffect(() => void load(), [load, version]);

  if (error) return <p role="alert">{error}</p>;
  if (!entries) return <p className="muted">Reading history…</p>;
  if (entries.length === 0)
    return <p className="muted">No critiques yet. They are kept here after each run.</p>;
  return (
    <ol className="history" aria-label="Saved critiques" data-testid="history-list">
      {entries.map((entry) => (
        <li key={entry.id} className="history__item" data-critique={entry.id}>
          <div className="history__text">
            <strong>{entry.title || entry.url}</strong>
            <span className="muted history__url">{entry.url}</span>
            <span className="muted">
              {when(entry.createdAt)} · {entry.state}
              {entry.score !== null && ` · score ${Math.round(entry.score)}`} · {entry.findings} findings ·{' '}
              {entry.engine}
            </span>
          </div>
          <div className="history__actions">
            <button type="button" onClick={() => onOpen(entry.id)}>
              Reopen
            </button>
            <button
              type="button"
              className="button--secondary"
              aria-label={`Delete critique of ${entry.title || entry.url} from ${when(entry.createdAt)}`}
              onClick={() => void deleteRecord(entry.id).then(load)}
            >
              Delete
            </button>
          </div>
        </li>
      ))}
    </ol>
  );
}
