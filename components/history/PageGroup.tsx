import { useId, useState } from 'react';
import { LAST_RUNS, type PageHistory } from '@/utils/panel/history/pages';
import { CHART_RUNS, scorePoints } from '@/utils/panel/history/scoreChart';
import type { HistoryEntry } from '@/utils/extension/history/read';
import { HistoryRow, type RowActions } from '@/components/history/HistoryRow';
import { ScoreChart } from '@/components/history/ScoreChart';

/** One page URL: its score over time, and its last runs (all of them on request). */
export function PageGroup({
  page,
  current,
  byId,
  checks,
  actions,
}: {
  page: PageHistory;
  current: boolean;
  byId: ReadonlyMap<string, HistoryEntry>;
  checks: ReadonlyMap<string, HistoryEntry[]>;
  actions: RowActions;
}) {
  const [all, setAll] = useState(false);
  const headingId = useId();
  const scored = scorePoints(page.runs, Infinity);
  const runs = all ? page.runs : page.runs.slice(0, LAST_RUNS);
  return (
    <section className="history__page" aria-labelledby={headingId} data-page-url={page.url}>
      <h3 id={headingId} className="history__page-title">
        {current && <span className="history__here">This page · </span>}
        {page.title || page.url}
      </h3>
      <p className="muted history__url" title={page.url}>
        {page.url}
      </p>
      <ScoreChart points={scored.slice(-CHART_RUNS)} total={scored.length} />
      <ol
        className="history"
        aria-label={`Runs of ${page.title || page.url}, newest first`}
        data-testid="history-list"
      >
        {runs.map((entry) => (
          <HistoryRow
            key={entry.id}
            entry={entry}
            byId={byId}
            checks={checks.get(entry.id) ?? []}
            actions={actions}
          />
        ))}
      </ol>
      {page.runs.length > LAST_RUNS && (
        <button
          type="button"
          className="button--secondary history__more"
          onClick={() => setAll(!all)}
          aria-expanded={all}
        >
          {all ? `Show the last ${LAST_RUNS} runs` : `Show all ${page.runs.length} runs`}
        </button>
      )}
    </section>
  );
}
