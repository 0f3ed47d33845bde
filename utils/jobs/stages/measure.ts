import { measure } from '../../measure';
import { advise } from '../../measure/advice';
import { score } from '../../measure/score';
import { defineStage } from '../stage';

/** Measure: every offline check over the regions, each with its advice, and the score they add up to. */
export const measureStage = defineStage({
  name: 'measure',
  optional: false,
  needs: ['regions', 'extraction'],
  async run({ regions, extraction }) {
    const findings = advise(measure(regions, extraction.viewport), regions, extraction.viewport.height);
    return { findings, score: score(findings) };
  },
});
