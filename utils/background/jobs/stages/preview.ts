import { sendMessage } from '@/utils/messaging/protocol';
import { lockedNote, withoutLocked } from '@/utils/core/plan/constraints';
import { keptNow } from '@/utils/extension/settings/locks';
import type { CssPatch } from '@/utils/core/schemas/plan';
import type { Region } from '@/utils/core/schemas/region';
import { defineStage } from '@/utils/background/jobs/stage';

/**
 * Preview: the earlier critique's CSS patch put on the real page (one stylesheet keyed by data
 * attributes, utils/page/preview/), so the stages after it measure and capture the next state with
 * the page's own images, fonts and text. The panel's toggle or the next critique takes it off.
 * Regions kept as they are now (the user may have pressed Keep as is since the critique) get no
 * declarations, and are held at their own inherited values. A preview that puts any region
 * out of sight is taken off again at once, and the check fails naming the regions and the
 * declarations behind them.
 */
export const previewStage = defineStage({
  name: 'preview',
  optional: false,
  needs: [],
  skip: (io) => (io.job.preview ? null : 'the page is checked as it is'),
  async run(_, io) {
    const earlier = await io.earlier();
    const plan = earlier?.draft.plan;
    if (!earlier || !plan) throw new Error('The critique to preview has no plan.');
    const { regions, doNotTouch } = earlier.draft;
    const { locked } = await keptNow(earlier.url, regions, doNotTouch);
    const { patch, rejected } = withoutLocked(plan.cssPatch, locked);
    io.progress(`applying the plan’s ${patch.length} CSS changes to the page`);
    const result = await sendMessage(
      'applyPreview',
      { patch, regions: regions.map(({ id, selector }) => ({ id, selector })), kept: [...locked] },
      io.job.tabId,
    );
    if (result.hidden.length > 0) {
      await sendMessage('revertPreview', undefined, io.job.tabId);
      throw new Error(hiddenByPlan(result.hidden, patch, regions));
    }
    const gone =
      result.missing.length > 0 ? `; ${result.missing.length} regions are no longer on the page` : '';
    const kept = lockedNote(rejected, locked, plan.cssPatch);
    return {
      notes: [`Preview: ${result.applied} elements restyled by the plan${gone}.`, ...(kept ? [kept] : [])],
    };
  },
});

/**
 * "The plan was rejected: it hides r4 (font-size 0px) through r4 { font-size: 0px }; the page
 * is back as it was." A hidden region that was not patched itself is named with the patched
 * region around it (its nearest patched ancestor by `parentId`).
 */
export function hiddenByPlan(
  hidden: readonly { regionId: string; reason: string }[],
  patch: CssPatch,
  regions: readonly Pick<Region, 'id' | 'parentId'>[],
): string {
  const byId = new Map(patch.map((e) => [e.regionId, e]));
  const parents = new Map(regions.map((r) => [r.id, r.parentId]));
  const culprits = new Set<string>();
  for (const { regionId } of hidden) {
    let id: string | null | undefined = regionId;
    while (id && !byId.has(id)) id = parents.get(id);
    if (id) culprits.add(id);
  }
  const shown = hidden.slice(0, 5).map((h) => `${h.regionId} (${h.reason})`);
  if (hidden.length > 5) shown.push(`${hidden.length - 5} more`);
  const rules = [...culprits].slice(0, 5).map((id) => {
    const declarations = Object.entries(byId.get(id)?.declarations ?? {}).map(([p, v]) => `${p}: ${v}`);
    return `${id} { ${declarations.join('; ')} }`;
  });
  const through = rules.length > 0 ? ` through ${rules.join(', ')}` : '';
  return `The plan was rejected: it hides ${shown.join(', ')}${through}; the page is back as it was.`;
}
