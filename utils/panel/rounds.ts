/**
 * The rounds of a critique, as the panel lists them: the first critique (round 1) and every
 * round refining it or one of its rounds, oldest first. A round started again from the same
 * round gets a prime (round 2′, 2″), so two second rounds are told apart. Each says which score
 * it shows: the score its plan predicts (utils/core/plan/choose.ts, the estimate the planner checks
 * itself with), or, once a preview of it was checked on the page, the verified one; its
 * thumbnail is then that check's capture, the page with the round's plan on it.
 */
import { predictedScore } from '@/utils/core/plan/choose';
import type { ArtifactRef, CritiqueRecord } from '@/utils/core/schemas/record';

export interface RoundEntry {
  id: string;
  round: number;
  /** "Round 1", "Round 2", "Round 2′". */
  label: string;
  /** The label of the round it refines, when that is not the round just before it in the list. */
  from: string | null;
  request: string | null;
  state: CritiqueRecord['job']['state'];
  createdAt: number;
  thumb: ArtifactRef | null;
  score: { value: number; kind: 'predicted' | 'verified' } | null;
}

const PRIMES = ['', '′', '″', '‴'];

/** The family of the critique `id` belongs to, from the records of its page. */
export function roundsOf(records: readonly CritiqueRecord[], id: string): RoundEntry[] {
  const byId = new Map(records.map((r) => [r.id, r]));
  const rootOf = (start: CritiqueRecord) => {
    let at = start;
    for (let hops = 0; at.refines && byId.has(at.refines) && hops < 100; hops++) at = byId.get(at.refines)!;
    return at;
  };
  const shown = byId.get(id);
  if (!shown || shown.kind !== 'critique') return [];
  const root = rootOf(shown);
  const family = records
    .filter((r) => r.kind === 'critique' && rootOf(r).id === root.id)
    .sort((a, b) => a.createdAt - b.createdAt);
  const seen = new Map<number, number>();
  const labels = new Map<string, string>();
  const entries = family.map((record, i) => {
    const repeat = seen.get(record.round) ?? 0;
    seen.set(record.round, repeat + 1);
    const label = `Round ${record.round}${PRIMES[Math.min(repeat, PRIMES.length - 1)]}`;
    labels.set(record.id, label);
    const parent = record.refines ? (labels.get(record.refines) ?? null) : null;
    const previous = family[i - 1];
    return {
      id: record.id,
      round: record.round,
      label,
      from: parent && previous?.id !== record.refines ? parent : null,
      request: record.request,
      state: record.job.state,
      createdAt: record.createdAt,
      ...shownBy(record, records),
    };
  });
  return entries;
}

function shownBy(
  record: CritiqueRecord,
  records: readonly CritiqueRecord[],
): Pick<RoundEntry, 'score' | 'thumb'> {
  const checked = records
    .filter((r) => r.kind === 'check' && r.against === record.id && r.preview && r.draft.verify)
    .sort((a, b) => b.createdAt - a.createdAt)[0];
  const verify = checked?.draft.verify;
  if (checked && verify)
    return {
      score: { value: Math.round(verify.scoreAfterMatched ?? verify.scoreAfter), kind: 'verified' },
      thumb: checked.draft.thumb ?? record.draft.thumb,
    };
  const { plan, extraction, regions } = record.draft;
  return {
    score:
      plan && extraction
        ? { value: predictedScore(regions, plan.cssPatch, extraction.viewport), kind: 'predicted' }
        : null,
    thumb: record.draft.thumb,
  };
}
