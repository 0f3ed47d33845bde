import { sameColourNote } from '@/utils/core/text/pageData';
import { planWithModel } from '@/utils/background/model/planWithModel';
import { recordSpend, spentToday } from '@/utils/background/model/spend';
import { choosePlan } from '@/utils/core/plan/choose';
import { annotate } from '@/utils/background/render/annotate';
import { flaggedRegionIds, markTones } from '@/utils/core/render/marks';
import { lockedIds, lockedNote, withoutLocked } from '@/utils/core/plan/constraints';
import { ignoresFor, setAside } from '@/utils/extension/ignores';
import type { Finding } from '@/utils/core/schemas/finding';
import type { CssPatch } from '@/utils/core/schemas/plan';
import type { Draft, PlannerRun } from '@/utils/core/schemas/record';
import type { Region } from '@/utils/core/schemas/region';
import { ownIdentity } from '@/utils/messaging/senders';
import { defineStage, type StageIO } from '@/utils/background/jobs/stage';

/**
 * Model plan: a vision model looks at the labelled screenshot and the region table, and plans
 * by region id. Its findings stream into the panel as they arrive; its plan replaces the
 * offline one only after validation (utils/background/model/validatePlan.ts), with nothing on the regions
 * the user or the model keeps as they are, and only when it predicts at least the offline
 * plan's score (utils/core/plan/choose.ts). Any model fault leaves the offline critique as it was,
 * with a note saying why.
 */
export const modelPlanStage = defineStage({
  name: 'model-plan',
  optional: true,
  needs: ['regions', 'findings', 'extraction', 'labelled', 'plan'],
  uses: ['doNotTouch', 'shot', 'ignored'],
  skip: (io) => (io.model ? null : 'offline: no model is configured'),
  async run(
    { regions, findings, extraction, labelled, plan: offline, doNotTouch: kept, shot, ignored: before },
    io,
  ) {
    const { settings, client } = io.model!;
    const image = await io.load(labelled.image);
    if (!image) throw new Error('the labelled screenshot is not available');
    // Already within the image-token budget (the capture stage drew it so): sent as it is.
    const screenshot = { image, width: labelled.width, height: labelled.height };
    // A repair or an API fallback streams its findings again under the same ids: keep the last.
    const streamed = new Map<string, Finding>();
    // The model's findings the user ignored on this page are set aside like measured ones.
    const ignores = await ignoresFor(io.job.url);
    // A round: the model sees the plan it refines and that plan's latest check.
    const prior = io.job.refines ? await io.previous() : null;
    const previous = prior?.round.draft.plan
      ? {
          round: prior.round.round,
          cssPatch: prior.round.draft.plan.cssPatch,
          verify: prior.check?.draft.verify ?? prior.round.draft.verify,
        }
      : undefined;
    const outcome = await planWithModel(
      {
        regions,
        findings,
        request: io.job.request,
        screenshot,
        viewport: extraction.viewport,
        baseline: offline.cssPatch,
        previous,
      },
      {
        client: client('planner'),
        settings,
        spend: { thisCritiqueUsd: 0, todayUsd: await spentToday() },
        extensionOrigin: ownIdentity().origin,
        signal: io.signal,
        onProgress: io.progress,
        onFinding: (finding) => {
          streamed.set(finding.id, finding);
          io.stream({
            findings: [...findings, ...setAside([...streamed.values()], regions, ignores).findings],
          });
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
      choice: null,
    };
    const request = io.job.request ? `Your request “${io.job.request}” went to the model, but ` : '';
    // Text no one sees stays out of every model request of the critique (planner and image).
    const unseen = sameColourNote(regions);
    const withheld = unseen ? [unseen] : [];
    // The fault's own sentence says the offline plan is shown; the engine summary shows it once.
    if (outcome.status !== 'model') return { planner, findings, notes: [outcome.note, ...withheld] };
    const { plan } = outcome;
    // The user's locks (from the plan stage) and the model's own do-not-touch list bind both plans.
    const doNotTouch = [...(kept ?? []), ...plan.doNotTouch];
    const locked = lockedIds(regions, doNotTouch);
    // A round's commands, applied to the baseline by the plan stage, bind the model's plan too.
    const asked = previous ? withCommands(plan.cssPatch, offline.cssPatch, previous.cssPatch) : plan.cssPatch;
    const model = withoutLocked(asked, locked);
    const offlinePatch = withoutLocked(offline.cssPatch, locked).patch;
    const choice = choosePlan(model.patch, offlinePatch, regions, extraction.viewport);
    const { patch, ...why } = choice;
    const notes = [...outcome.notes, why.sentence, ...withheld];
    const lockNote = lockedNote(model.rejected, locked, plan.cssPatch);
    if (lockNote) notes.push(`The model’s plan: ${lockNote.charAt(0).toLowerCase()}${lockNote.slice(1)}`);
    const shown =
      why.used === 'model'
        ? { blueprint: plan.blueprint, cssPatch: patch, contentCheck: plan.contentCheck }
        : { ...offline, cssPatch: patch };
    if (why.used === 'offline' && request) notes.push(`${request}its plan predicted a lower score.`);
    const seen = setAside(plan.findings, regions, ignores);
    const all = [...findings, ...seen.findings];
    return {
      ...(await reannotated(shot, regions, findings, all, io)),
      planner: {
        ...planner,
        status: why.used,
        note: why.used === 'offline' ? why.sentence : null,
        choice: why,
      },
      ...(why.used === 'model' ? { engine: outcome.engine } : {}),
      findings: all,
      ignored: [...(before ?? []), ...seen.ignored],
      plan: shown,
      doNotTouch,
      notes,
    };
  },
});

/**
 * The model's patch with the declarations the round's commands changed (where the baseline now
 * differs from the previous round's plan) laid over it, so a model cannot drop what was asked.
 */
export function withCommands(model: CssPatch, baseline: CssPatch, previous: CssPatch): CssPatch {
  const before = new Map(previous.map((e) => [e.regionId, e.declarations]));
  const out = new Map(model.map((e) => [e.regionId, { ...e.declarations }]));
  for (const { regionId, declarations } of baseline) {
    const was = before.get(regionId) ?? {};
    const changed = Object.entries(declarations).filter(([p, v]) => was[p as keyof typeof was] !== v);
    if (changed.length > 0) out.set(regionId, { ...out.get(regionId), ...Object.fromEntries(changed) });
  }
  return [...out].map(([regionId, d]) => ({ regionId, declarations: d }));
}

/**
 * `annotated.png` again when the model's findings point at regions the measured ones did not,
 * so the picture numbers every region a finding names (the capture stage drew it before the
 * model spoke).
 */
async function reannotated(
  shot: Draft['shot'],
  regions: Region[],
  before: readonly Finding[],
  after: readonly Finding[],
  io: StageIO,
): Promise<Partial<Pick<Draft, 'annotated'>>> {
  const was = flaggedRegionIds(before);
  if (!shot || [...flaggedRegionIds(after)].every((id) => was.has(id))) return {};
  const png = await io.load(shot.image);
  if (!png) return {};
  const { png: drawn } = await annotate(png, shot, regions, { tones: markTones(regions, after, false) });
  return { annotated: await io.store('annotated', drawn) };
}
