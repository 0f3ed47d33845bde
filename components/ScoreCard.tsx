import type { Critique } from '@/utils/schemas';

/** The hierarchy score with its breakdown. A heuristic, and it says so. */
export function ScoreCard({ score }: { score: Critique['score'] }) {
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
      <p className="muted score__note">A heuristic from measured findings, not a conformance verdict.</p>
    </section>
  );
}
