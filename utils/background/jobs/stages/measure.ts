import { measure } from '@/utils/core/measure';
import { advise } from '@/utils/core/measure/advice';
import { score } from '@/utils/core/measure/score';
import { ignoresFor, scored, setAside } from '@/utils/extension/ignores';
import { defineStage } from '@/utils/background/jobs/stage';

/**
 * Measure: every offline check over the regions, each with its advice, and the score they add
 * up to. Findings the user ignored on this page move to `ignored` here, so every later stage,
 * the panel, the report and `critique.json` see the same list; the score still counts them.
 */
export const measureStage = defineStage({
  name: 'measure',
  optional: false,
  needs: ['regions', 'extraction'],
  async run({ regions, extraction }, io) {
    const all = advise(measure(regions, extraction.viewport), regions, extraction.viewport.height);
    const { findings, ignored } = setAside(all, regions, await ignoresFor(io.job.url));
    return { findings, ignored, score: score(scored(findings, ignored)) };
  },
});
