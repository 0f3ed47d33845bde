/**
 * One planner round-trip with everything around it: bounded retries (retry.ts), the API
 * fallback chain (Responses → Chat Completions with the schema → JSON mode), and findings
 * streamed to the caller as soon as each is complete and grounded.
 */
import type OpenAI from 'openai';
import type { Finding } from '@/utils/core/schemas/finding';
import type { FaultContext, ModelFault } from '@/utils/background/model/faults';
import { toFault } from '@/utils/background/model/toFault';
import { FindingScanner } from '@/utils/background/model/findingScanner';
import { PlanFinding } from '@/utils/background/model/planSchema';
import type { PlannerApi, Repair } from '@/utils/background/model/plannerRequest';
import { streamPlan, type PlannerReply } from '@/utils/background/model/plannerStream';
import type { PlannerPrompt } from '@/utils/background/model/prompt';
import { withRetries, type OnProgress, type RetryPolicy } from '@/utils/background/model/retry';
import { isGrounded, toFinding } from '@/utils/background/model/validatePlan';

export interface CallOptions {
  signal?: AbortSignal;
  onProgress?: OnProgress;
  /**
   * Each finding once it is complete, valid and cites only known regions, with a stable id
   * (`model-N`). A repair or an API fallback streams its findings again under the same ids:
   * replace by id. They are provisional: keep `plan.findings` of a `model` outcome, and drop
   * them for any other outcome (the offline critique stays).
   */
  onFinding?: (finding: Finding) => void;
  retry?: RetryPolicy;
  idleTimeoutMs?: number;
}

const API_NAMES: Record<PlannerApi, string> = {
  responses: 'the Responses API',
  'chat-schema': 'Chat Completions with a JSON schema',
  'chat-json': 'Chat Completions in JSON mode',
};

/** Where to go when `api` is not offered, or its structured output is not supported. */
export function nextApi(api: PlannerApi, fault: ModelFault): PlannerApi | null {
  const schemaRefused =
    fault.kind === 'bad-request' &&
    /json_schema|response_format|text\.format|structured|schema/i.test(fault.message);
  if (api === 'responses' && (fault.kind === 'endpoint-missing' || schemaRefused)) return 'chat-schema';
  if (api === 'chat-schema' && schemaRefused) return 'chat-json';
  return null;
}

function findingStream(known: ReadonlySet<string>, onFinding?: (finding: Finding) => void) {
  if (!onFinding) return undefined;
  const scanner = new FindingScanner();
  let grounded = 0;
  return (delta: string) => {
    for (const source of scanner.push(delta)) {
      let value: unknown;
      try {
        value = JSON.parse(source);
      } catch {
        continue;
      }
      const finding = PlanFinding.safeParse(value);
      if (finding.success && isGrounded(finding.data, known)) onFinding(toFinding(finding.data, grounded++));
    }
  };
}

export type CallResult =
  { ok: true; reply: PlannerReply } | { ok: false; fault: ModelFault; api: PlannerApi };

/**
 * Calls the planner starting at `api`, falling through the chain as needed. Never throws:
 * failures come back as faults (cancellation included, as kind `cancelled`).
 */
export async function callPlanner(
  client: OpenAI,
  start: PlannerApi,
  prompt: PlannerPrompt,
  repair: Repair | null,
  known: ReadonlySet<string>,
  context: FaultContext,
  options: CallOptions = {},
): Promise<CallResult> {
  let api = start;
  for (;;) {
    const current = api;
    try {
      const reply = await withRetries(
        () =>
          streamPlan(client, current, context.model, prompt, repair, {
            signal: options.signal,
            idleTimeoutMs: options.idleTimeoutMs,
            onText: findingStream(known, options.onFinding),
          }),
        { signal: options.signal, onProgress: options.onProgress, policy: options.retry },
      );
      return { ok: true, reply };
    } catch (error) {
      const fault = toFault(error, context, options.signal);
      const next = nextApi(current, fault);
      if (!next) return { ok: false, fault, api: current };
      options.onProgress?.(
        `${API_NAMES[current]} is not available on this server; trying ${API_NAMES[next]}`,
      );
      api = next;
    }
  }
}
