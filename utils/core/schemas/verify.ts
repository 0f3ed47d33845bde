/** A check: each finding of the earlier critique matched against the page now, and the intents a plan stated. */
import { z } from 'zod';
import { Basis, Finding } from '@/utils/core/schemas/finding';
import { RegionId } from '@/utils/core/schemas/region';

/** An earlier or later finding as verification names it: enough to list it, and its regions. */
export const VerifiedFinding = Finding.pick({
  id: true,
  title: true,
  category: true,
  rule: true,
  severity: true,
  regionIds: true,
}).extend({
  basis: Basis.optional(),
  /** Why it came out as it did, when the group alone does not say (e.g. regions that are gone). */
  note: z.string().optional(),
});

export type VerifiedFinding = z.infer<typeof VerifiedFinding>;

/** The plan's intents verification checks on the later page. */
export const Intent = z.enum(['emphasis-order', 'grouping', 'one-primary', 'contrast']);

export type Intent = z.infer<typeof Intent>;

/** Counts a record saved before they existed lacks: derived from what it kept. */
function withRegionCounts(value: unknown): unknown {
  if (typeof value !== 'object' || value === null || 'matched' in value) return value;
  const m = value as Record<string, unknown>;
  const count = (key: string) => (typeof m[key] === 'number' ? m[key] : 0);
  const matched = count('byKey') + count('byText') + count('byPosition');
  const gone = Array.isArray(m.unmatched) ? m.unmatched.length : 0;
  return { ...m, matched, gone, added: Math.max(0, count('after') - matched) };
}

/**
 * A later critique of a page checked against an earlier one (utils/verify): which earlier
 * measured findings were fixed, which remain (and whether they shrank), which are new, which
 * could not be checked because their regions are gone, which a model saw and a check does not
 * re-check, the score before and after, and which intents of the earlier plan the page now
 * meets. Region ids in `resolved`, `still`, `gone` and `notRechecked` are the earlier
 * critique's; `regionIdsNow` and `new` use the later one's.
 */
export const Verify = z.object({
  scoreBefore: z.number().min(0).max(100),
  scoreAfter: z.number().min(0).max(100),
  /**
   * The later score over the same regions: later measured findings on matched regions (and
   * page-wide ones), with the earlier findings that could not be re-checked counted as they
   * were. Absent in checks saved before it existed.
   */
  scoreAfterMatched: z.number().min(0).max(100).optional(),
  resolved: z.array(VerifiedFinding),
  still: z.array(
    VerifiedFinding.extend({
      /** The later finding it matched. */
      nowId: z.string(),
      regionIdsNow: z.array(RegionId),
      /** A grouped finding that now covers fewer of its regions: still there, but smaller. */
      smaller: z.boolean(),
      /** Earlier regions the finding no longer names. */
      cleared: z.array(RegionId),
      note: z.string(),
    }),
  ),
  new: z.array(VerifiedFinding),
  /** Earlier findings none of whose regions is on the later page: not checked, not resolved. */
  gone: z.array(VerifiedFinding).default([]),
  /** Earlier findings a model saw or inferred: a check measures, so it cannot say. */
  notRechecked: z.array(VerifiedFinding).default([]),
  intents: z.array(
    z.object({
      intent: Intent,
      /** null when the earlier critique has nothing to check it against (no plan). */
      met: z.boolean().nullable(),
      reason: z.string(),
    }),
  ),
  matched: z.preprocess(
    withRegionCounts,
    z.object({
      before: z.number().int().nonnegative(),
      after: z.number().int().nonnegative(),
      /** Earlier regions with a counterpart on the later page. */
      matched: z.number().int().nonnegative(),
      /** Earlier regions with no counterpart (`unmatched`), and later regions with no earlier one. */
      gone: z.number().int().nonnegative(),
      added: z.number().int().nonnegative(),
      byKey: z.number().int().nonnegative(),
      byText: z.number().int().nonnegative(),
      byPosition: z.number().int().nonnegative(),
      /** Earlier regions with no counterpart on the later page. */
      unmatched: z.array(RegionId),
    }),
  ),
});

export type Verify = z.infer<typeof Verify>;
