/**
 * The findings a report leads with: those that cost the page the most score. A finding's cost
 * is what the score gains without it, from the score's own rule (utils/core/measure/score.ts), so a
 * critical contrast failure on the main text outranks a minor spacing note, and a change to
 * the rule changes the order with it. Info notes cost nothing and are never among them.
 */
import { score } from '@/utils/core/measure/score';
import type { Finding } from '@/utils/core/schemas/finding';

const SEVERITIES: readonly Finding['severity'][] = ['critical', 'major', 'minor', 'info'];

export function topFindings(findings: readonly Finding[], count = 3): Finding[] {
  return rankFindings(findings)
    .slice(0, count)
    .map((r) => r.finding);
}

/** Every finding but info notes, costliest first, with its cost in score points. */
export function rankFindings(findings: readonly Finding[]): { finding: Finding; cost: number }[] {
  const all = score(findings).value;
  const ranked = findings
    .filter((f) => f.severity !== 'info')
    .map((f, index) => ({
      f,
      index,
      // The score is rounded to whole points; the unrounded factors break its ties.
      cost: score(findings.filter((other) => other !== f)).value - all,
      weight: f.confidence * (1 + (f.extent ?? 0)),
    }));
  ranked.sort(
    (a, b) =>
      b.cost - a.cost ||
      SEVERITIES.indexOf(a.f.severity) - SEVERITIES.indexOf(b.f.severity) ||
      b.weight - a.weight ||
      a.index - b.index,
  );
  return ranked.map((r) => ({ finding: r.f, cost: r.cost }));
}
