import type { Finding } from '@/utils/schemas';
import { useRegionFocus } from '../focus/RegionFocus';

const ORDER: Finding['severity'][] = ['critical', 'major', 'minor', 'info'];
const SHOWN_BADGES = 12;

/** Findings, worst first, each with its basis and the numbered regions it points at. */
export function FindingList({ findings }: { findings: Finding[] }) {
  const { hovered, hover, select } = useRegionFocus();
  const sorted = [...findings].sort((a, b) => ORDER.indexOf(a.severity) - ORDER.indexOf(b.severity));
  if (sorted.length === 0) return <p className="muted">No findings: nothing measured crossed a threshold.</p>;
  return (
    <ol className="findings" aria-label="Findings" data-testid="finding-list">
      {sorted.map((f) => (
        <li key={f.id} className={`finding finding--${f.severity}`} data-finding={f.id}>
          <p className="finding__head">
            <span className="finding__severity">{f.severity}</span>
            <strong>{f.title}</strong>
          </p>
          <p className="finding__detail">{f.detail}</p>
          <p className="finding__meta">
            <span className="muted" data-basis={f.basis}>
              {f.basis} · {Math.round(f.confidence * 100)}% sure
            </span>
            {f.regionIds.slice(0, SHOWN_BADGES).map((id) => (
              <button
                key={id}
                type="button"
                className={`badge${id === hovered ? ' badge--active' : ''}`}
                onMouseEnter={() => hover(id)}
                onMouseLeave={() => hover(null)}
                onClick={() => select(id)}
                aria-label={`Region ${id.slice(1)}`}
              >
                {id.slice(1)}
              </button>
            ))}
            {f.regionIds.length > SHOWN_BADGES && (
              <span className="muted">+{f.regionIds.length - SHOWN_BADGES}</span>
            )}
          </p>
        </li>
      ))}
    </ol>
  );
}
