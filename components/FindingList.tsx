import type { Finding } from '@/utils/schemas';

type Props = {
  findings: Finding[];
  active: string | null;
  onHover(id: string | null): void;
  onPick(id: string): void;
};

const ORDER: Finding['severity'][] = ['critical', 'major', 'minor', 'info'];

/** Findings, worst first, each with its basis and the numbered regions it points at. */
export function FindingList({ findings, active, onHover, onPick }: Props) {
  const sorted = [...findings].sort((a, b) => ORDER.indexOf(a.severity) - ORDER.indexOf(b.severity));
  if (sorted.length === 0) return <p className="muted">No findings: nothing measured crossed a threshold.</p>;
  return (
    <ol className="findings" data-testid="finding-list">
      {sorted.map((f) => (
        <li key={f.id} className={`finding finding--${f.severity}`} data-finding={f.id}>
          <p className="finding__head">
            <span className="finding__severity">{f.severity}</span>
            <strong>{f.title}</strong>
          </p>
          <p className="finding__detail">{f.detail}</p>
          <p className="finding__meta">
            <span className="muted">
              {f.basis} · {Math.round(f.confidence * 100)}% sure
            </span>
            {f.regionIds.slice(0, 12).map((id) => (
              <button
                key={id}
                type="button"
                className={`badge${id === active ? ' badge--active' : ''}`}
                onMouseEnter={() => onHover(id)}
                onMouseLeave={() => onHover(null)}
                onClick={() => onPick(id)}
                aria-label={`Region ${id.slice(1)}`}
              >
                {id.slice(1)}
              </button>
            ))}
            {f.regionIds.length > 12 && <span className="muted">+{f.regionIds.length - 12}</span>}
          </p>
        </li>
      ))}
    </ol>
  );
}
