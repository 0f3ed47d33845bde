import type { Finding } from '@/utils/schemas';
import { RegionBadges } from '../focus/RegionBadges';

const ORDER: Finding['severity'][] = ['critical', 'major', 'minor', 'info'];

/** The basis as shown: a finding measured from an image's pixels says so. */
const basisLabel = (f: Finding) => (f.source === 'pixels' ? `${f.basis} (from pixels)` : f.basis);

/** Findings, worst first, each with its basis and the numbered regions it points at. */
export function FindingList({ findings }: { findings: Finding[] }) {
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
              {basisLabel(f)} · {Math.round(f.confidence * 100)}% sure
            </span>
            <RegionBadges ids={f.regionIds} />
          </p>
        </li>
      ))}
    </ol>
  );
}
