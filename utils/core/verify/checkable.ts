/**
 * What a check can say about each earlier finding. A check measures and runs no model, so:
 *   - a `seen` or `inferred` finding is not re-checked (never resolved, never still);
 *   - a measured finding none of whose regions is on the later page is gone: nothing was
 *     measured, so it is not resolved either;
 *   - a measured finding about the whole page (no regions) is judged only while at least half
 *     the earlier regions are matched: a page that lost most of its content is not the same page;
 *   - a finding measured from an image's pixels is not re-checked unless the check read that image
 *     again (OCR can be unavailable, or fail, and an unread image is not a fixed one);
 *   - every other measured finding is judged on its matched regions (utils/core/verify/findings.ts).
 * Later `seen`/`inferred` findings are not the check's to report, so they are never new.
 */
import type { Finding } from '@/utils/core/schemas/finding';
import type { RegionMatch } from '@/utils/core/verify/match';

/** The share of earlier regions that must be matched for page-wide findings to be judged. */
export const PAGE_MATCHED_SHARE = 0.5;

export const isMeasured = (f: Finding) => f.basis === 'measured';

export interface Checkable {
  /** Earlier measured findings with at least one region matched, or page-wide and judged. */
  judged: Finding[];
  gone: Finding[];
  notRechecked: Finding[];
  /** Later measured findings: the only ones a check compares or lists as new. */
  later: Finding[];
}

export function checkable(
  earlier: readonly Finding[],
  later: readonly Finding[],
  match: RegionMatch,
  earlierRegionCount: number,
  /** Earlier image regions read again from pixels; every image when not given. */
  reread?: ReadonlySet<string | undefined>,
): Checkable {
  const pageMatched = earlierRegionCount === 0 || match.after.size / earlierRegionCount >= PAGE_MATCHED_SHARE;
  const isGone = (f: Finding) =>
    f.regionIds.length === 0 ? !pageMatched : f.regionIds.every((id) => !match.after.has(id));
  const unread = (f: Finding) =>
    f.source === 'pixels' && reread !== undefined && !f.regionIds.every((id) => reread.has(id));
  const measured = earlier.filter((f) => isMeasured(f) && !unread(f));
  return {
    judged: measured.filter((f) => !isGone(f)),
    gone: measured.filter(isGone),
    // With a model configured, a later version may ask the model to look at these again.
    notRechecked: earlier.filter((f) => !isMeasured(f) || unread(f)),
    later: later.filter(isMeasured),
  };
}
