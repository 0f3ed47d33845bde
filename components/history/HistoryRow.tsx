import type { ReactNode } from 'react';
import { runLabel } from '@/utils/panel/history/pages';
import type { HistoryEntry } from '@/utils/extension/history/read';
import { useArtifactUrl } from '@/components/focus/useArtifactUrl';
import { shortWhen, when } from '@/components/history/when';

export interface RowActions {
  /** Opens a run: a critique or round in Critique, a check (with its critique) in Verify. */
  onOpen(entry: HistoryEntry): void;
  onDelete(entry: HistoryEntry): void;
  /** Extra controls for a run (the Export menu), shown in the row's actions. */
  renderActions?: (entry: HistoryEntry) => ReactNode;
}

/** The run's small annotated picture, or a plain placeholder when it has none. */
function Thumb({ entry }: { entry: HistoryEntry }) {
  const url = useArtifactUrl(entry.thumb);
  if (!url) return <span className="history__thumb history__thumb--none" aria-hidden="true" />;
  return <img className="history__thumb" src={url} alt="" data-testid="history-thumb" />;
}

const scoreText = (entry: HistoryEntry) =>
  entry.score === null ? 'no score' : `score ${Math.round(entry.score)}`;

/** How a linked run is named in a link: "Critique, Dec 5, 10:02 AM, score 62". */
export const runName = (entry: HistoryEntry) =>
  `${runLabel(entry)}, ${shortWhen(entry.createdAt)}, ${scoreText(entry)}`;

/**
 * One run in History: its label (Critique, Round n, Check), thumbnail, score and findings; a
 * check names the critique it checked with a control to open it, and a critique lists its
 * checks. The actions area holds Reopen, Delete and whatever `renderActions` adds.
 */
export function HistoryRow({
  entry,
  byId,
  checks,
  actions,
}: {
  entry: HistoryEntry;
  byId: ReadonlyMap<string, HistoryEntry>;
  checks: readonly HistoryEntry[];
  actions: RowActions;
}) {
  const label = runLabel(entry);
  const checked = entry.against ? byId.get(entry.against) : undefined;
  const refined = entry.refines ? byId.get(entry.refines) : undefined;
  return (
    <li className="history__item" data-critique={entry.id} data-kind={entry.kind} data-label={label}>
      <Thumb entry={entry} />
      <div className="history__text">
        <span>
          <span
            className={`history__label history__label--${entry.kind === 'check' ? 'check' : label === 'Critique' ? 'critique' : 'round'}`}
          >
            {label}
          </span>{' '}
          <time dateTime={new Date(entry.createdAt).toISOString()}>{when(entry.createdAt)}</time>
        </span>
        <span className="muted">
          {scoreText(entry)} · {entry.findings} findings · {entry.engine}
          {entry.state !== 'done' && ` · ${entry.state}`}
          {entry.kind === 'check' && entry.preview && ' · plan previewed'}
        </span>
        {entry.request && entry.kind !== 'check' && (
          <span className="history__request">“{entry.request}”</span>
        )}
        {entry.kind === 'check' && (
          <span className="history__link" data-testid="checked-critique" data-against={entry.against ?? ''}>
            {checked ? (
              <>
                Checked against{' '}
                <button
                  type="button"
                  className="button--link"
                  aria-label={`Open the critique it checked: ${runName(checked)}`}
                  onClick={() => actions.onOpen(checked)}
                >
                  {runName(checked)}
                </button>
              </>
            ) : (
              'The critique it checked has been deleted.'
            )}
          </span>
        )}
        {refined && (
          <span className="history__link">
            Refines{' '}
            <button type="button" className="button--link" onClick={() => actions.onOpen(refined)}>
              {runName(refined)}
            </button>
          </span>
        )}
        {checks.length > 0 && (
          <span className="history__link" data-testid="critique-checks">
            {checks.length === 1 ? 'Checked once:' : `Checked ${checks.length} times:`}{' '}
            <ul className="history__checks">
              {checks.map((check) => (
                <li key={check.id} data-check-id={check.id}>
                  <button
                    type="button"
                    className="button--link"
                    aria-label={`Open check: ${runName(check)}`}
                    onClick={() => actions.onOpen(check)}
                  >
                    {shortWhen(check.createdAt)}, {scoreText(check)}
                    {check.preview ? ' (previewed)' : ''}
                  </button>
                </li>
              ))}
            </ul>
          </span>
        )}
      </div>
      <div className="history__actions" data-testid="history-actions">
        {/* A check is shown against its critique: without it there is nothing to show it with. */}
        {(entry.kind !== 'check' || checked) && (
          <button type="button" onClick={() => actions.onOpen(entry)}>
            Reopen
          </button>
        )}
        {actions.renderActions?.(entry)}
        <button
          type="button"
          className="button--secondary"
          aria-label={`Delete ${label.toLowerCase()} of ${entry.title || entry.url} from ${when(entry.createdAt)}`}
          onClick={() => actions.onDelete(entry)}
        >
          Delete
        </button>
      </div>
    </li>
  );
}
