/** Findings and the score they add up to. */
import { z } from 'zod';
import { SavedCssPatch } from '@/utils/core/schemas/plan';
import { RegionId } from '@/utils/core/schemas/region';

export const Severity = z.enum(['critical', 'major', 'minor', 'info']);

export const Basis = z.enum(['measured', 'seen', 'inferred']);

export type Basis = z.infer<typeof Basis>;

export const Finding = z.object({
  id: z.string().min(1),
  title: z.string().min(1),
  /** Carries the numbers behind the finding, e.g. "r4 1.00, r7 0.97". */
  detail: z.string(),
  /** One sentence on why it matters to the people using the page. */
  why: z.string().optional(),
  /** One concrete change, with values ("make it 18 px bold, #1a1a1a on white: 15.9:1"). */
  fix: z.string().optional(),
  severity: Severity,
  category: z.enum(['contrast', 'hierarchy', 'typography', 'spacing', 'targets', 'density']),
  basis: Basis,
  /** What a measured finding was measured from, when not the DOM: `pixels` for an image's own pixels. */
  source: z.enum(['pixels']).optional(),
  /** The rule behind the finding when there is one, e.g. `wcag-1.4.3`; `needs-review` outcomes say so here too. */
  rule: z.string().optional(),
  regionIds: z.array(RegionId),
  confidence: z.number().min(0).max(1),
  /**
   * How much of the page the finding covers: its regions' share of the area of all regions
   * with text (0–1). The score weighs a finding by it; a model finding may leave it out.
   */
  extent: z.number().min(0).max(1).optional(),
  /**
   * The declarations that fix this finding alone (utils/core/measure/advice.ts), for "Preview this
   * fix"; absent or empty when no honest CSS change can be derived (records saved before it
   * existed have none).
   */
  fixPatch: SavedCssPatch.optional(),
});

export type Finding = z.infer<typeof Finding>;

/**
 * A finding the user set aside with **Ignore** (utils/extension/ignores.ts): kept with the critique,
 * out of its findings list, still counted by the score (utils/core/measure/score.ts).
 */
export const IgnoredFinding = z.object({
  finding: Finding,
  /** The user's reason, when they gave one. */
  reason: z.string().max(500).nullable(),
  /** When it was ignored (ms since the epoch). */
  at: z.number(),
});

export type IgnoredFinding = z.infer<typeof IgnoredFinding>;

export const Score = z.object({
  value: z.number().min(0).max(100),
  /** Each category's own 0–100 score. */
  breakdown: z.record(z.string(), z.number()),
});

export type Score = z.infer<typeof Score>;
