import { useId } from 'react';
import { placePoints, scoreY, type ChartBox, type ScorePoint } from '@/utils/panel/history/scoreChart';
import { shortWhen } from '@/components/history/when';

const BOX: ChartBox = { width: 280, height: 92, top: 8, right: 10, bottom: 18, left: 26 };

const describe = (p: ScorePoint) =>
  `${p.label}${p.previewed ? ' (plan previewed)' : ''}, ${shortWhen(p.createdAt)}: ${Math.round(p.score)}`;

/**
 * A page's score over its runs on a fixed 0–100 axis, one point per run with a score, oldest
 * on the left (utils/panel/history/scoreChart.ts). Circles are critiques and rounds; squares are
 * checks, hollow when the plan was only previewed. Its text alternative lists every point.
 */
export function ScoreChart({ points, total }: { points: ScorePoint[]; total: number }) {
  const titleId = useId();
  const descId = useId();
  if (points.length === 0) return <p className="muted history__chart-none">No scores yet for this page.</p>;
  const placed = placePoints(points, BOX);
  const first = placed[0]!;
  const last = placed.at(-1)!;
  const title =
    points.length === 1
      ? `Score of the one run with a score: ${Math.round(first.score)} of 100`
      : `Score over the ${total > points.length ? `last ${points.length} of ${total}` : points.length} runs with a score: ${Math.round(first.score)} → ${Math.round(last.score)} of 100`;
  return (
    <figure className="history__chart">
      <svg
        role="img"
        aria-labelledby={titleId}
        aria-describedby={descId}
        viewBox={`0 0 ${BOX.width} ${BOX.height}`}
        data-testid="score-chart"
        data-points={points.length}
      >
        <title id={titleId}>{title}</title>
        <desc id={descId}>{`Oldest first, evenly spaced by run. ${points.map(describe).join('; ')}.`}</desc>
        {[0, 50, 100].map((score) => (
          <g key={score} className="history__chart-grid">
            <line x1={BOX.left} x2={BOX.width - BOX.right} y1={scoreY(score, BOX)} y2={scoreY(score, BOX)} />
            <text x={BOX.left - 4} y={scoreY(score, BOX) + 3} textAnchor="end">
              {score}
            </text>
          </g>
        ))}
        {placed.length > 1 && (
          <polyline className="history__chart-line" points={placed.map((p) => `${p.x},${p.y}`).join(' ')} />
        )}
        {placed.map((p) =>
          p.check ? (
            <rect
              key={p.id}
              data-run-id={p.id}
              data-score={p.score}
              className={`history__chart-point${p.previewed ? ' history__chart-point--hollow' : ''}`}
              x={p.x - 3.5}
              y={p.y - 3.5}
              width={7}
              height={7}
            />
          ) : (
            <circle
              key={p.id}
              data-run-id={p.id}
              data-score={p.score}
              className="history__chart-point"
              cx={p.x}
              cy={p.y}
              r={3.5}
            />
          ),
        )}
        <text className="history__chart-date" x={BOX.left} y={BOX.height - 4} textAnchor="start">
          {shortWhen(first.createdAt)}
        </text>
        {placed.length > 1 && (
          <text className="history__chart-date" x={BOX.width - BOX.right} y={BOX.height - 4} textAnchor="end">
            {shortWhen(last.createdAt)}
          </text>
        )}
      </svg>
      <figcaption className="muted">
        Score 0–100 per run, oldest on the left
        {total > points.length ? `; the last ${points.length} of ${total}` : ''}.
      </figcaption>
    </figure>
  );
}
