import { useState } from 'react';
import type { Finding, IgnoredFinding } from '@/utils/core/schemas/finding';
import type { Region } from '@/utils/core/schemas/region';
import {
  ANY,
  filterFindings,
  sortFindings,
  type FindingFilter,
  type FindingSort,
} from '@/utils/core/triage/filter';
import { FindingCard } from '@/components/critique/FindingCard';
import { FindingTools } from '@/components/critique/FindingTools';
import type { FixPreview } from '@/components/critique/useFixPreview';
import type { Triage } from '@/components/critique/useTriage';

/** The findings list's id: the panel's "Skip to findings" focuses it (components/shell/Workspace.tsx). */
export const FINDINGS_ID = 'findings';

/** AAA-only contrast (a goal, not a requirement) and info notes: kept, but folded under one line. */
const isNote = (f: Finding) => f.severity === 'info' || f.rule === 'wcag-1.4.6';

function noteKind(f: Finding): string {
  if (f.rule === 'wcag-1.4.6') return 'AAA';
  if (f.rule?.startsWith('needs-review')) return 'needs review';
  return 'info';
}

/** "3 notes (AAA, needs review)". */
export function notesLine(notes: readonly Finding[]): string {
  const kinds = [...new Set(notes.map(noteKind))];
  return `${notes.length} note${notes.length === 1 ? '' : 's'} (${kinds.join(', ')})`;
}

interface Props {
  findings: Finding[];
  /** The critique's regions, for sorting by place on the page. */
  regions?: readonly Region[];
  ignored?: readonly IgnoredFinding[];
  preview?: FixPreview;
  /** Ignore and Restore; without it the cards offer neither. */
  triage?: Triage;
}

/**
 * Findings, worst first or in page order, filtered by category, severity and basis: each says
 * what is wrong in the page's words, why it matters and what to change, with the numbers
 * behind it folded into a details line, and a button that puts that fix alone on the page. AAA
 * and info notes fold under one line; ignored findings under "Ignored (n)", to restore.
 */
export function FindingList({ findings, regions = [], ignored = [], preview, triage }: Props) {
  const [filter, setFilter] = useState<FindingFilter>(ANY);
  const [sort, setSort] = useState<FindingSort>('severity');
  const filtering = filter.category !== null || filter.severity !== null || filter.basis !== null;
  const shown = sortFindings(filterFindings(findings, filter), sort, regions);
  const notes = shown.filter(isNote);
  const main = shown.filter((f) => !isNote(f));
  const card = (f: Finding) => <FindingCard key={f.id} finding={f} preview={preview} triage={triage} />;
  return (
    <div className="findings-block" data-testid="finding-list" data-sort={sort}>
      {preview?.problem && <p role="alert">{preview.problem}</p>}
      {triage?.problem && <p role="alert">{triage.problem}</p>}
      {findings.length === 0 ? (
        <p className="muted">
          {ignored.length > 0
            ? 'No findings left: the others are ignored.'
            : 'No findings: nothing measured crossed a threshold.'}
        </p>
      ) : (
        <>
          {findings.length > 1 && (
            <FindingTools
              findings={findings}
              filter={filter}
              sort={sort}
              onFilter={setFilter}
              onSort={setSort}
            />
          )}
          {filtering && (
            <p className="muted findings__count" role="status" data-testid="findings-shown">
              {shown.length} of {findings.length} findings shown.{' '}
              <button type="button" className="button--link" onClick={() => setFilter(ANY)}>
                Show all
              </button>
            </p>
          )}
          <ol className="findings" aria-label="Findings" id={FINDINGS_ID} tabIndex={-1}>
            {main.map(card)}
          </ol>
          {notes.length > 0 && (
            <details
              className="findings__notes"
              data-testid="finding-notes"
              open={filtering && main.length === 0}
            >
              <summary>{notesLine(notes)}</summary>
              <ol className="findings" aria-label="Notes">
                {notes.map(card)}
              </ol>
            </details>
          )}
        </>
      )}
      {ignored.length > 0 && <IgnoredList ignored={ignored} triage={triage} />}
    </div>
  );
}

/** Findings set aside on this page, each with its reason and a Restore button. */
function IgnoredList({ ignored, triage }: { ignored: readonly IgnoredFinding[]; triage?: Triage }) {
  return (
    <details className="findings__ignored" data-testid="ignored-findings">
      <summary>Ignored ({ignored.length})</summary>
      <p className="muted">
        Still counted in the score: ignoring is triage, not a fix. Restore one to raise it again here and in
        later critiques of this page.
      </p>
      <ul className="findings" aria-label="Ignored findings">
        {ignored.map(({ finding: f, reason }) => (
          <li key={f.id} className={`finding finding--${f.severity} finding--ignored`} data-finding={f.id}>
            <p className="finding__head">
              <span className="finding__severity">{f.severity}</span>
              <span>{f.title}</span>
            </p>
            <p className="muted" data-testid="ignore-reason">
              {reason ? `Reason: ${reason}` : 'No reason given.'}
            </p>
            {triage && (
              <p>
                <button
                  type="button"
                  className="button--secondary button--small"
                  disabled={!triage.ready}
                  onClick={() => void triage.restore(f)}
                >
                  Restore
                </button>
              </p>
            )}
          </li>
        ))}
      </ul>
    </details>
  );
}
