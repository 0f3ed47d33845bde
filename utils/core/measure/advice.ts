/**
 * Findings that say what to do. Each measured finding, by its rule, gets a title that names the
 * page's own words (./names.ts), one sentence on why it matters, a fix with values, and the
 * declarations of that fix alone (utils/core/plan/findingFix.ts), sanitized like every patch. The
 * numbers behind it stay in `detail`. A finding that already carries a why or a fix (a check
 * that words its own) keeps its words, and a kind with no words here is left as its check made
 * it; model findings are left as they are.
 */
import { parsePatch } from '@/utils/core/plan/cssPatch';
import { FIX_MAKERS, fixContext, type FixContext } from '@/utils/core/plan/findingFix';
import { foldOf } from '@/utils/core/plan/fold';
import { sanitizePatch } from '@/utils/core/plan/sanitizePatch';
import type { Finding } from '@/utils/core/schemas/finding';
import type { CssPatch } from '@/utils/core/schemas/plan';
import type { Region } from '@/utils/core/schemas/region';
import { MEASURED_RULES, type MeasuredRule } from '@/utils/core/measure/rules';
import { WORDING, type Wording } from '@/utils/core/measure/wording';

const isMeasuredRule = (rule: string | undefined): rule is MeasuredRule =>
  (MEASURED_RULES as readonly string[]).includes(rule ?? '');

export interface Advised {
  title: string;
  why: string;
  fix: string;
}

export interface AdviceContext extends FixContext {
  fold: number;
}

/** One finding's words and patch, or null when its rule is not the engine's or its regions are gone. */
export function adviceFor(
  finding: Finding,
  context: AdviceContext,
): (Advised & { fixPatch: CssPatch }) | null {
  if (finding.basis !== 'measured' || !isMeasuredRule(finding.rule)) return null;
  const word: Wording | undefined = WORDING[finding.rule];
  if (!word) return null;
  const regions = finding.regionIds.flatMap((id) => context.byId.get(id) ?? []);
  const draft = FIX_MAKERS[finding.rule]?.(finding, context) ?? [];
  const fixPatch = parsePatch(sanitizePatch(draft, context.regions).patch);
  const words = word({ finding, regions, context, fixPatch });
  return words ? { ...words, fixPatch } : null;
}

const capitalized = (title: string) => title.charAt(0).toUpperCase() + title.slice(1);

/**
 * Every finding with a plain title, why, fix and fix patch wherever it had none. `fold` is the
 * height of the first screen, estimated from the regions when the viewport is not known.
 */
export function advise(
  findings: readonly Finding[],
  pageRegions: readonly Region[],
  fold = foldOf(pageRegions),
): Finding[] {
  const context: AdviceContext = { ...fixContext(pageRegions), fold };
  return findings.map((finding) => {
    const advice = adviceFor(finding, context);
    if (!advice) return finding;
    const ownWords = finding.why !== undefined || finding.fix !== undefined;
    return {
      ...finding,
      title: ownWords ? finding.title : capitalized(advice.title),
      why: finding.why ?? advice.why,
      fix: finding.fix ?? advice.fix,
      fixPatch: finding.fixPatch ?? advice.fixPatch,
    };
  });
}
