/**
 * Verification: a later critique of a page (after the live preview, or after a real change and
 * a reload) checked against an earlier one. Pure: it reads two critiques and nothing else.
 * It says only what it measured: see checkable.ts for what a check can and cannot re-check.
 */
import { screenOf } from '@/utils/core/measure/layout';
import { score } from '@/utils/core/measure/score';
import { foldOf } from '@/utils/core/plan/fold';
import { type Finding, type IgnoredFinding, type Score } from '@/utils/core/schemas/finding';
import { type Blueprint } from '@/utils/core/schemas/plan';
import { type Region } from '@/utils/core/schemas/region';
import { Verify } from '@/utils/core/schemas/verify';
import { checkable, isMeasured } from '@/utils/core/verify/checkable';
import { matchFindings, summary } from '@/utils/core/verify/findings';
import { contrast, emphasisOrder, grouping, onePrimary } from '@/utils/core/verify/intents';
import { matchRegions } from '@/utils/core/verify/match';
import { scoreOverMatched } from '@/utils/core/verify/score';

/** The parts of a critique verification reads; a saved `Critique` has them all. */
export interface CritiqueState {
  regions: readonly Region[];
  findings: readonly Finding[];
  score: Score | null;
  blueprint: Blueprint | null;
  /** Findings the user ignored (utils/extension/ignores.ts): in no list, but in the scores. */
  ignored?: readonly IgnoredFinding[];
}

export function verify(
  earlier: CritiqueState,
  later: CritiqueState,
  /** The viewport height both critiques were taken at; read from the earlier regions when not given. */
  options: {
    viewportHeight?: number;
    /** Later image regions whose text was read from pixels; every image when not given. */
    imagesRead?: readonly string[];
  } = {},
): Verify {
  const match = matchRegions(earlier.regions, later.regions);
  const reread = options.imagesRead && new Set(options.imagesRead.map((id) => match.before.get(id)));
  const split = checkable(earlier.findings, later.findings, match, earlier.regions.length, reread);
  const found = matchFindings(split.judged, split.later, match);
  // Resolved on the regions left, but some went with the page: the score cannot credit it.
  const resolvedIds = new Set(found.resolved.map((f) => f.id));
  const resolvedWithGone = split.judged.filter(
    (f) => resolvedIds.has(f.id) && f.regionIds.some((id) => !match.after.has(id)),
  );
  const height = options.viewportHeight ?? foldOf(earlier.regions);
  const earlierById = new Map(earlier.regions.map((r) => [r.id, r]));
  const page = {
    regions: later.regions,
    findings: later.findings,
    screen: (r: Region) => {
      const was = earlierById.get(match.before.get(r.id) ?? '');
      return screenOf((was ?? r).box, { width: 0, height });
    },
  };
  const plan = earlier.blueprint;
  const unplanned = (intent: 'emphasis-order' | 'grouping') => ({
    intent,
    met: null,
    reason: 'the earlier critique has no plan to check',
  });
  const by = [...match.by.values()];
  return Verify.parse({
    scoreBefore: (earlier.score ?? score(earlier.findings.filter(isMeasured))).value,
    scoreAfter: (later.score ?? score(split.later)).value,
    scoreAfterMatched: scoreOverMatched(
      [...split.gone, ...resolvedWithGone],
      [...split.later, ...(later.ignored ?? []).map((i) => i.finding).filter(isMeasured)],
      match,
    ),
    resolved: found.resolved,
    still: found.still,
    new: found.new,
    gone: split.gone.map(summary),
    notRechecked: split.notRechecked.map(summary),
    intents: [
      plan ? emphasisOrder(plan, match, page) : unplanned('emphasis-order'),
      plan ? grouping(plan, match, earlier.regions, page) : unplanned('grouping'),
      onePrimary(page),
      contrast(page),
    ],
    matched: {
      before: earlier.regions.length,
      after: later.regions.length,
      matched: match.after.size,
      gone: earlier.regions.length - match.after.size,
      added: later.regions.length - match.before.size,
      byKey: by.filter((b) => b === 'key').length,
      byText: by.filter((b) => b === 'text').length,
      byPosition: by.filter((b) => b === 'position').length,
      unmatched: earlier.regions.filter((r) => !match.after.has(r.id)).map((r) => r.id),
    },
  });
}
