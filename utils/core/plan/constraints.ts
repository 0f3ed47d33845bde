/**
 * Regions a plan must leave as they are: those the user keeps as is in the panel (saved per
 * page by region key, utils/extension/settings/locks.ts) and those the model names in `doNotTouch`.
 * A region inside a locked one is locked too: restyling it would change the locked region.
 * Declarations on locked regions are taken out of every plan, offline or model, and counted.
 */
import type { CssPatch } from '@/utils/core/schemas/plan';
import type { DoNotTouch } from '@/utils/core/schemas/record';
import type { Region } from '@/utils/core/schemas/region';

/** What the user's "Keep as is" says in the plan, the image prompt and `critique.json`. */
export const USER_LOCK_REASON = 'kept as is by the user';

/** The user's locks as a do-not-touch entry for this critique's regions, or null when none apply. */
export function userLocks(regions: readonly Region[], lockedKeys: ReadonlySet<string>): DoNotTouch | null {
  const regionIds = regions.filter((r) => lockedKeys.has(r.key)).map((r) => r.id);
  return regionIds.length > 0 ? { regionIds, reason: USER_LOCK_REASON } : null;
}

/** Every region a plan may not restyle: the ones named, and every region inside them. */
export function lockedIds(regions: readonly Region[], doNotTouch: readonly DoNotTouch[]): Set<string> {
  const locked = new Set(doNotTouch.flatMap((d) => d.regionIds));
  if (locked.size === 0) return locked;
  const parent = new Map(regions.map((r) => [r.id, r.parentId]));
  for (const region of regions) {
    for (let up = region.parentId; up; up = parent.get(up) ?? null) {
      if (locked.has(up)) {
        locked.add(region.id);
        break;
      }
    }
  }
  return locked;
}

/** The patch without declarations on locked regions, and how many were taken out. */
export function withoutLocked(
  patch: CssPatch,
  locked: ReadonlySet<string>,
): { patch: CssPatch; rejected: number } {
  if (locked.size === 0) return { patch, rejected: 0 };
  let rejected = 0;
  const kept = patch.filter((entry) => {
    if (!locked.has(entry.regionId)) return true;
    rejected += Object.keys(entry.declarations).length;
    return false;
  });
  return { patch: kept, rejected };
}

/** "2 CSS changes on locked regions (r3, r7) were left out." or null. */
export function lockedNote(rejected: number, locked: ReadonlySet<string>, patch: CssPatch): string | null {
  if (rejected === 0) return null;
  const ids = [...new Set(patch.filter((e) => locked.has(e.regionId)).map((e) => e.regionId))];
  return `${rejected} CSS change${rejected === 1 ? '' : 's'} on regions kept as they are (${ids.join(', ')}) ${rejected === 1 ? 'was' : 'were'} left out of the plan.`;
}
