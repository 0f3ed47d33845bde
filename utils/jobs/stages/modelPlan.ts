import { browser } from '#imports';
import { planWithModel } from '../../model/planWithModel';
import { recordSpend, spentToday } from '../../model/spend';
import type { Finding, PlannerRun } from '../../schemas';
import { defineStage } from '../stage';

/**
 * Model plan: a vision model looks at the labelled screenshot and the region table, and plans
 * by region id. Its findings stream into the panel as they arrive; its plan replaces the
 * offline one only after validation (utils/model/validatePlan.ts). Any model fault leaves the
 * offline critique as it was, with a note saying why.
 */
export const modelPlanStage = defineStage({
  name: 'model-plan',
  optional: true,
  needs: ['regions', 'findings', 'extraction', 'labelled'],
  skip: (io) => (io.model ? null : 'offline: no model is configured'),
  async run({ regions, findings, extraction, labelled }, io) {
    const { settings, client } = io.model!;
    const image = await io.load(labelled.image);
    if (!image) throw new Error('the labelled screenshot is not available');
    // Already within the image-token budget (the capture stage drew it so): sent as it is.
    const screenshot = { image, width: labelled.width, height: labelled.height };
    // A repair or an API fallback streams its findings again under the same ids: keep the last.
    const streamed = new Map<string, Finding>();
    const outcome = await planWithModel(
      { regions, findings, request: io.job.request, screenshot, viewport: extraction.viewport },
      {
        client: client('planner'),
        settings,
        spend: { thisCritiqueUsd: 0, todayUsd: await spentToday() },
        extensionId: browser.runtime.id,
        signal: io.signal,
        onProgress: io.progress,
        onFinding: (finding) => {
          streamed.set(finding.id, finding);
          io.stream({ findings: [...findings, ...streamed.values()] });
        },
      },
    );
    io.signal.throwIfAborted();
    if (outcome.status === 'cancelled') throw new DOMException('Cancelled', 'AbortError');
    if (outcome.costUsd > 0) await recordSpend(outcome.costUsd);
    const planner: PlannerRun = {
      status: outcome.status,
      note: outcome.status === 'model' ? null : outcome.note,
      ...(outcome.status === 'offline' && { fault: outcome.fault.kind }),
      model: settings.plannerModel,
      api: outcome.api,
      repaired: outcome.status === 'model' && outcome.repaired,
      estimate: outcome.estimate,
      usage: outcome.usage,
      costUsd: outcome.costUsd,
      requestBytes: outcome.requestBytes,
      image: outcome.image,
      calls: outcome.calls,
    };
    if (outcome.status !== 'model') return { planner, findings, notes: [outcome.note] };
    const { plan } = outcome;
    return {
      planner,
      engine: outcome.engine,
      findings: [...findings, ...plan.findings],
      plan: { blueprint: plan.blueprint, cssPatch: plan.cssPatch, contentCheck: plan.contentCheck },
      doNotTouch: plan.doNotTouch,
      notes: outcome.notes,
    };
  },
});
