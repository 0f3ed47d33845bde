import { parseRequest, type Command } from '@/utils/core/plan/commands';
import { USER_LOCK_REASON } from '@/utils/core/plan/constraints';
import { pairKey, refinePlan, type SiblingOrder } from '@/utils/core/plan/refine';
import { checkContent } from '@/utils/core/plan/validate';
import { sendMessage } from '@/utils/messaging/protocol';
import { keptNow } from '@/utils/extension/settings/locks';
import { fitImageToTokens } from '@/utils/background/model/imageBudget';
import { annotate } from '@/utils/background/render/annotate';
import { markTones } from '@/utils/core/render/marks';
import type { Finding } from '@/utils/core/schemas/finding';
import type { DoNotTouch, Draft } from '@/utils/core/schemas/record';
import type { Region } from '@/utils/core/schemas/region';
import { defineStage, type StageIO } from '@/utils/background/jobs/stage';

/**
 * A round's plan: the plan of the round it refines, changed by the request's commands
 * (utils/core/plan/commands.ts, refine.ts), with every constraint of that round kept: the same
 * blueprint (so the same content, checked again), its do-not-touch list, and the user's locks as
 * they are now. What is not a command is recorded; offline it needs a model, and with one the
 * model-plan stage reads the whole request as free text.
 */
export const refineStage = defineStage({
  name: 'plan',
  optional: false,
  needs: ['regions', 'extraction', 'plan'],
  uses: ['doNotTouch', 'findings', 'shot', 'labelled'],
  async run({ regions, extraction, plan, doNotTouch, findings, shot, labelled }, io) {
    const { commands, unread } = parseRequest(io.job.request ?? '');
    // The user's locks are read afresh: the saved entry is replaced by the locks as they are now.
    const earlier = (doNotTouch ?? []).filter((d) => d.reason !== USER_LOCK_REASON);
    const kept = await keptNow(io.job.url, regions, earlier);
    const refined = refinePlan(
      {
        regions,
        blueprint: plan.blueprint,
        cssPatch: plan.cssPatch,
        doNotTouch: kept.doNotTouch,
        viewport: extraction.viewport,
        round: io.job.round,
        siblings: await siblingOrders(commands, regions, io),
      },
      commands,
    );
    const notes: string[] = [];
    if (unread.length > 0 && !io.model)
      notes.push(
        `Needs a model: ${unread.map((u) => `“${u}”`).join(', ')}. Offline, a round reads commands such as “r12 bigger”, “r5 primary”, “keep r3”, “r7 before r4” and “more space around r9”.`,
      );
    return {
      ...(io.model && !labelled && shot ? await forModel(shot, regions, findings, io) : {}),
      plan: {
        blueprint: plan.blueprint,
        cssPatch: refined.cssPatch,
        contentCheck: checkContent(plan.blueprint, regions),
      },
      doNotTouch: dedupe(refined.doNotTouch),
      refinement: { applied: refined.applied, refused: refined.refused, unread, model: io.model !== null },
      notes,
    };
  },
});

/**
 * The model's labelled screenshot, when the round it refines was made without a model: drawn
 * from that round's capture as the capture stage draws it (every region numbered, within the
 * image-token budget).
 */
async function forModel(
  shot: NonNullable<Draft['shot']>,
  regions: readonly Region[],
  findings: readonly Finding[],
  io: StageIO,
): Promise<Pick<Draft, 'labelled'>> {
  const png = await io.load(shot.image);
  if (!png) return { labelled: null };
  const fit = fitImageToTokens(shot);
  const drawn = await annotate(png, shot, regions, {
    tones: markTones(regions, findings, false),
    forModel: fit,
  });
  const image = await io.store('labelled', drawn.scaled ?? drawn.png);
  return {
    labelled: {
      image,
      width: drawn.scaled ? fit.width : shot.width,
      height: drawn.scaled ? fit.height : shot.height,
    },
  };
}

function dedupe(list: readonly DoNotTouch[]): DoNotTouch[] {
  const seen = new Set<string>();
  return list.filter((d) => {
    const key = `${d.reason}|${d.regionIds.join()}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/** For each `a before b`, how the page lays out the container the two share, read from the page. */
async function siblingOrders(
  commands: readonly Command[],
  regions: readonly Region[],
  io: StageIO,
): Promise<Map<string, SiblingOrder>> {
  const out = new Map<string, SiblingOrder>();
  const refs = regions.map(({ id, selector }) => ({ id, selector }));
  for (const command of commands) {
    if (command.kind !== 'before') continue;
    const { regionId: a, otherId: b } = command;
    if (!refs.some((r) => r.id === a) || !refs.some((r) => r.id === b)) continue;
    try {
      out.set(pairKey(a, b), await sendMessage('siblingOrder', { a, b, regions: refs }, io.job.tabId));
    } catch (error) {
      io.signal.throwIfAborted();
      out.set(pairKey(a, b), {
        container: null,
        reason: `The page could not be read to reorder ${a} and ${b} (${(error as Error).message}).`,
      });
    }
  }
  return out;
}
