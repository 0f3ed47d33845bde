import type { Coverage } from '@/utils/core/schemas/capture';
import type { Score } from '@/utils/core/schemas/finding';

/**
 * The hierarchy score with its breakdown. A heuristic, and it says so; and it says that ignored
 * findings still count (utils/extension/ignores.ts): ignoring never raises it.
 */
export function ScoreCard({
  score,
  coverage,
  ignored = 0,
}: {
  score: Score;
  coverage: Coverage | null;
  /** How many findings of this critique are ignored. */
  ignored?: number;
}) {
  return (
    <section className="score" aria-label="Hierarchy score" data-testid="score">
      <p className="score__value">
        <strong data-testid="score-value">{Math.round(score.value)}</strong>
        <span className="muted"> / 100</span>
      </p>
      <ul className="score__breakdown">
        {Object.entries(score.breakdown).map(([category, value]) => (
          <li key={category}>
            <span>{category}</span>
            <meter min={0} max={100} value={value} aria-label={category} />
            <span>{Math.round(value)}</span>
          </li>
        ))}
      </ul>
      {coverage && (
        <p className="muted" data-testid="coverage">
          Regions hold {Math.round(coverage.share * 100)} % of the page’s{' '}
          {coverage.pageWords.toLocaleString('en-US')} distinct words; the largest holds{' '}
          {Math.round(coverage.largestShare * 100)} %.
        </p>
      )}
      <p className="muted score__note">A heuristic from measured findings, not a conformance verdict.</p>
      <p className="muted score__note" data-testid="score-ignored">
        Ignored findings still count: ignoring is triage, not a fix
        {ignored > 0 && ` (${ignored} ignored here)`}.
      </p>
    </section>
  );
}
