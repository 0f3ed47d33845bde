/**
 * Token usage in one shape, whichever API reported it: Responses (`input_tokens`, …), Chat
 * Completions (`prompt_tokens`, …) or images (`input_tokens_details.image_tokens`). Servers
 * that report nothing give zeros and `reported: false`, so an estimate is never mistaken for
 * a bill.
 */
import { z } from 'zod';

export interface ModelUsage {
  inputTokens: number;
  outputTokens: number;
  /** Image input tokens, when the server breaks them out (the images API does). */
  imageTokens: number | null;
  totalTokens: number;
  reported: boolean;
}

export const NO_USAGE: ModelUsage = {
  inputTokens: 0,
  outputTokens: 0,
  imageTokens: null,
  totalTokens: 0,
  reported: false,
};

const count = z.number().int().nonnegative().catch(0);

/** Accepts either family of names; unknown or missing fields count as zero. */
const RawUsage = z
  .object({
    input_tokens: count.optional(),
    output_tokens: count.optional(),
    prompt_tokens: count.optional(),
    completion_tokens: count.optional(),
    total_tokens: count.optional(),
    input_tokens_details: z.object({ image_tokens: count.optional() }).nullish().catch(null),
    prompt_tokens_details: z.object({ image_tokens: count.optional() }).nullish().catch(null),
  })
  .nullish()
  .catch(null);

export function readUsage(raw: unknown): ModelUsage {
  const usage = RawUsage.parse(raw);
  if (!usage) return NO_USAGE;
  const inputTokens = usage.input_tokens ?? usage.prompt_tokens ?? 0;
  const outputTokens = usage.output_tokens ?? usage.completion_tokens ?? 0;
  const image = usage.input_tokens_details?.image_tokens ?? usage.prompt_tokens_details?.image_tokens;
  return {
    inputTokens,
    outputTokens,
    imageTokens: image ?? null,
    totalTokens: usage.total_tokens ?? inputTokens + outputTokens,
    reported: true,
  };
}

export function addUsage(a: ModelUsage, b: ModelUsage): ModelUsage {
  return {
    inputTokens: a.inputTokens + b.inputTokens,
    outputTokens: a.outputTokens + b.outputTokens,
    imageTokens:
      a.imageTokens === null && b.imageTokens === null ? null : (a.imageTokens ?? 0) + (b.imageTokens ?? 0),
    totalTokens: a.totalTokens + b.totalTokens,
    reported: a.reported || b.reported,
  };
}
