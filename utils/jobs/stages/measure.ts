import { measure } from '../../measure';
import { score } from '../../measure/score';
import { defineStage } from '../stage';

/** Measure: every offline check over the regions, and the score they add up to. */
export const measureStage = defineStage({
  name: 'measure',
  optional: false,
  needs: ['regions', 'extraction'],
  async run({ regions, extraction }) {
    const findings = measure(regions, extraction.viewport);
    return { findings, score: score(findings) };
  },
});
