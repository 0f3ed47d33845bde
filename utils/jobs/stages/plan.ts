import { toCssPatch } from '../../plan/cssPatch';
import { restage } from '../../plan/restage';
import { defineStage } from '../stage';

/** Plan: the offline restage, a same-content blueprint and the CSS patch that applies it. */
export const planStage = defineStage({
  name: 'plan',
  optional: false,
  needs: ['regions', 'findings', 'extraction'],
  async run({ regions, findings, extraction }, io) {
    if (io.job.request)
      io.note(`Request noted: “${io.job.request}”. The offline engine does not read requests; a model does.`);
    const { blueprint, contentCheck } = restage(regions, findings, extraction.viewport);
    return { plan: { blueprint, cssPatch: toCssPatch(blueprint, regions), contentCheck } };
  },
});
