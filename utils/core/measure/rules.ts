/**
 * Every kind of finding the offline engine produces, by rule. Each check types its findings
 * with MeasuredDraft, so a new kind of finding is added here first. Its test
 * (test/utils/core/measure/advice.test.ts) walks this list and needs a fixture page per rule, on
 * which the kind has a plain title, a why and a fix: its own, or advice's (./advice.ts).
 */
import type { Finding } from '@/utils/core/schemas/finding';

export const MEASURED_RULES = [
  'wcag-1.4.3',
  'wcag-1.4.6',
  'needs-review:wcag-1.4.3',
  'heading-inversion',
  'heading-order',
  'competing-primaries',
  'primary-action-weak',
  'primary-action-below-fold',
  'wcag-2.5.8',
  'font-sizes',
  'font-weights',
  'font-families',
  'type-scale',
  'line-length',
  'line-height',
  'spacing-values',
  'near-alignment',
  'proximity',
  'crowded-screen',
  'text-density',
] as const;
export type MeasuredRule = (typeof MEASURED_RULES)[number];

/** A measured finding before measure() gives it an id: its rule is one of MEASURED_RULES. */
export type MeasuredDraft = Omit<Finding, 'id' | 'rule'> & { rule: MeasuredRule };
