/**
 * A page's score over its runs, for a small SVG chart. The score axis is always the whole
 * 0–100 scale (a zoomed axis would make a 2-point change look like a leap), and points are in
 * the order the runs were made, evenly spaced: run order, not a time scale, so runs made
 * minutes apart and runs made weeks apart are equally readable. The dates are in the chart's
 * text alternative and under its ends.
 */
import { runLabel } from '@/utils/panel/history/pages';
import type { HistoryEntry } from '@/utils/extension/history/read';

/** Runs the chart shows: the newest ones with a score. */
export const CHART_RUNS = 20;

export interface ScorePoint {
  id: string;
  createdAt: number;
  score: number;
  /** "Critique", "Round 2", "Check". */
  label: string;
  check: boolean;
  /** A check made with the plan previewed: the page as it would be, not as it is. */
  previewed: boolean;
}

/** One point per run with a score, oldest first; at most the newest `limit`. */
export function scorePoints(runs: readonly HistoryEntry[], limit = CHART_RUNS): ScorePoint[] {
  return runs
    .flatMap((run) =>
      run.score === null
        ? []
        : [
            {
              id: run.id,
              createdAt: run.createdAt,
              score: Math.min(100, Math.max(0, run.score)),
              label: runLabel(run),
              check: run.kind === 'check',
              previewed: run.kind === 'check' && run.preview,
            },
          ],
    )
    .sort((a, b) => a.createdAt - b.createdAt || a.id.localeCompare(b.id))
    .slice(-limit);
}

/** The chart's size and its plot area's margins (room for the axis labels), in SVG units. */
export interface ChartBox {
  width: number;
  height: number;
  top: number;
  right: number;
  bottom: number;
  left: number;
}

/** The y of a score on the fixed 0–100 axis. */
export const scoreY = (score: number, box: ChartBox) =>
  box.top + ((100 - score) / 100) * (box.height - box.top - box.bottom);

/** Where each point sits in `box`: x by run order (one point in the middle), y by score. */
export function placePoints(points: readonly ScorePoint[], box: ChartBox) {
  const plotWidth = box.width - box.left - box.right;
  const step = points.length > 1 ? plotWidth / (points.length - 1) : 0;
  return points.map((point, i) => ({
    ...point,
    x: box.left + (points.length > 1 ? i * step : plotWidth / 2),
    y: scoreY(point.score, box),
  }));
}
