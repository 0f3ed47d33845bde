import { basisLabel } from '@/utils/measure/format';
import type { Finding } from '@/utils/schemas';
import { RegionBadges } from '../focus/RegionBadges';
import type { FixPreview } from './useFixPreview';

const ORDER: Finding['severity'][] = ['critical', 'major', 'minor', 'info'];

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

function FindingCard({ finding: f, preview }: { finding: Finding; preview?: FixPreview }) {
  const fixable = preview && (f.fixPatch?.length ?? 0) > 0;
  const on = preview?.active === f.id;
  return (
    <li className={`finding finding--${f.severity}`} data-finding={f.id} data-rule={f.rule}>
      <p className="finding__head">
        <span className="finding__severity">{f.severity}</span>
        <strong>{f.title}</strong>
      </p>
      {f.why && <p className="finding__why">{f.why}</p>}
      {f.fix && (
        <p className="finding__fix">
          <span className="finding__label">Fix:</span> {f.fix}
        </p>
      )}
      {fixable && (
        <p className="finding__preview">
          <button type="button" aria-pressed={on} onClick={() => void preview.toggle(f)}>
            Preview this fix
          </button>
          {on && <span className="muted"> On the page; press again to put the page back.</span>}
        </p>
      )}
      {f.detail && (
        <details className="finding__detail">
          <summary>Details</summary>
          {f.detail}
        </details>
      )}
      <p className="finding__meta">
        <span className="muted" data-basis={f.basis}>
          {basisLabel(f)} · {Math.round(f.confidence * 100)}% sure
        </span>
        <RegionBadges ids={f.regionIds} />
      </p>
    </li>
  );
}

/**
 * Findings, worst first: each says what is wrong in the page's words, why it matters and what
 * to change, with the numbers behind it folded into a details line, and a button that puts that
 * fix alone on the page. AAA and info notes fold under one line.
 */
export function FindingList({ findings, preview }: { findings: Finding[]; preview?: FixPreview }) {
  const sorted = [...findings].sort((a, b) => ORDER.indexOf(a.severity) - ORDER.indexOf(b.severity));
  if (sorted.length === 0) return <p className="muted">No findings: nothing measured crossed a threshold.</p>;
  const notes = sorted.filter(isNote);
  const main = sorted.filter((f) => !isNote(f));
  return (
    <div className="findings-block" data-testid="finding-list">
      {preview?.problem && <p role="alert">{preview.problem}</p>}
      <ol className="findings" aria-label="Findings" id={FINDINGS_ID} tabIndex={-1}>
        {main.map((f) => (
          <FindingCard key={f.id} finding={f} preview={preview} />
        ))}
      </ol>
      {notes.length > 0 && (
        <details className="findings__notes" data-testid="finding-notes">
          <summary>{notesLine(notes)}</summary>
          <ol className="findings" aria-label="Notes">
            {notes.map((f) => (
              <FindingCard key={f.id} finding={f} preview={preview} />
            ))}
          </ol>
        </details>
      )}
    </div>
  );
}
