import { score as scoreOf } from '@/utils/core/measure/score';
import { keptNow } from '@/utils/extension/settings/locks';
import { ignoresFor, scored, setAside } from '@/utils/extension/ignores';
import { lockedChanges } from '@/utils/core/verify/locked';
import { matchRegions } from '@/utils/core/verify/match';
import { verify } from '@/utils/core/verify/verify';
import { defineStage } from '@/utils/background/jobs/stage';

/**
 * Verify: the page as this job found it, against the critique it is checked against. Regions
 * are matched by key, then text, then position; every earlier measured finding comes out
 * resolved, still present or gone (with its regions), and model findings not re-checked
 * (utils/core/verify/checkable.ts); the score before → after; and which intents were met. A region
 * kept as is (the user's lock or the model's do-not-touch) that changed is a finding of its
 * own (utils/core/verify/locked.ts), so it shows under New. Findings ignored on this page now are
 * out of both sides' lists (an earlier critique may predate the ignore), so an ignored finding
 * is never reported resolved or new; the scores still count them.
 */
export const verifyStage = defineStage({
  name: 'verify',
  optional: false,
  needs: ['regions', 'findings', 'score', 'extraction'],
  uses: ['plan', 'imagesRead', 'ignored'],
  skip: (io) => (io.job.against ? null : 'nothing to check against'),
  async run({ regions, findings: measured, score: measuredScore, extraction, imagesRead, ignored }, io) {
    const earlier = await io.earlier();
    if (!earlier) throw new Error('The critique to check against is no longer in history.');
    const before = earlier.draft;
    const { locked } = await keptNow(earlier.url, before.regions, before.doNotTouch);
    const changed = lockedChanges(before.regions, regions, locked, matchRegions(before.regions, regions));
    const findings = [...measured, ...changed];
    const setAsideNow = ignored ?? [];
    const score = changed.length > 0 ? scoreOf(scored(findings, setAsideNow)) : measuredScore;
    const earlierFindings = setAside(before.findings, before.regions, await ignoresFor(earlier.url)).findings;
    const result = verify(
      {
        regions: before.regions,
        findings: earlierFindings,
        score: before.score,
        blueprint: before.plan?.blueprint ?? null,
      },
      { regions, findings, score, blueprint: null, ignored: setAsideNow },
      {
        viewportHeight: before.extraction?.viewport.height ?? extraction.viewport.height,
        imagesRead: imagesRead ?? [],
      },
    );
    return changed.length > 0 ? { verify: result, findings, score } : { verify: result };
  },
});
