/**
 * One streamed planner call on one API. It hands each text delta to the caller as it arrives
 * and returns the whole reply as written, for our own validation: the SDK's parse at the end
 * of the stream only decides nothing here (when it throws on a reply that is not the schema,
 * the text it could not parse is still what the repair needs). Refusals, cut-off replies and
 * quiet streams become faults.
 */
import type OpenAI from 'openai';
import type { Response } from 'openai/resources/responses/responses';
import { ZodError } from 'zod';
import { fault, ModelFaultError, unwrap } from '@/utils/background/model/faults';
import { idleGuard } from '@/utils/background/model/idle';
import {
  bodyBytes,
  chatParams,
  responsesParams,
  type PlannerApi,
  type Repair,
} from '@/utils/background/model/plannerRequest';
import type { PlannerPrompt } from '@/utils/background/model/prompt';
import { readUsage, type ModelUsage } from '@/utils/background/model/usage';

export interface PlannerReply {
  raw: string;
  usage: ModelUsage;
  api: PlannerApi;
  requestBytes: number;
}

export interface StreamOptions {
  signal?: AbortSignal;
  onText?: (delta: string) => void;
  /** Abort when no event arrives for this long (default 2 minutes). */
  idleTimeoutMs?: number;
}

const parseFailure = (thrown: unknown) => {
  const error = unwrap(thrown);
  return error instanceof ZodError || error instanceof SyntaxError;
};

const refused = (text: string) =>
  new ModelFaultError(
    fault('refusal', `The model declined to critique this page: “${text.trim().slice(0, 200)}”`),
  );

const cutOff = (why: string) =>
  new ModelFaultError(fault('truncated', `The model’s reply was cut off (${why}).`));

function checkFinal(final: Response | null, refusal: string): void {
  if (refusal) throw refused(refusal);
  if (!final) throw cutOff('the stream ended before the reply was complete');
  if (final.status === 'failed') {
    throw new ModelFaultError(
      fault('server', `The server failed the reply: ${final.error?.message ?? 'no reason given'}`),
    );
  }
  if (final.status === 'incomplete') {
    const reason = final.incomplete_details?.reason;
    if (reason === 'content_filter') throw refused('the content filter stopped the reply');
    throw cutOff(
      reason === 'max_output_tokens' ? 'it hit the output token limit' : 'the reply is incomplete',
    );
  }
}

interface Collected {
  raw: string;
  refusal: string;
  /** Responses: the final response object; Chat: the finish reason. */
  final: Response | null;
  finish: string | null;
  usage: unknown;
}

const collected = (): Collected => ({ raw: '', refusal: '', final: null, finish: null, usage: null });

async function viaResponses(
  client: OpenAI,
  model: string,
  prompt: PlannerPrompt,
  repair: Repair | null,
  options: StreamOptions,
  signal: AbortSignal,
  touch: () => void,
): Promise<PlannerReply> {
  const params = responsesParams(model, prompt, repair);
  const stream = client.responses.stream(params, { signal });
  const got = collected();
  const end = (response: Response) => void (got.final = response);
  stream.on('event', touch);
  stream.on('response.output_text.delta', (event) => {
    got.raw += event.delta;
    options.onText?.(event.delta);
  });
  stream.on('response.output_text.done', (event) => void (got.raw = event.text));
  stream.on('response.refusal.done', (event) => void (got.refusal = event.refusal));
  stream.on('response.completed', (event) => end(event.response));
  stream.on('response.incomplete', (event) => end(event.response));
  stream.on('response.failed', (event) => end(event.response));
  try {
    await stream.done();
  } catch (error) {
    if (!parseFailure(error) || !got.final) throw error;
  }
  checkFinal(got.final, got.refusal);
  return {
    raw: got.raw,
    usage: readUsage(got.final?.usage),
    api: 'responses',
    requestBytes: bodyBytes(params),
  };
}

async function viaChat(
  client: OpenAI,
  api: 'chat-schema' | 'chat-json',
  model: string,
  prompt: PlannerPrompt,
  repair: Repair | null,
  options: StreamOptions,
  signal: AbortSignal,
  touch: () => void,
): Promise<PlannerReply> {
  const params = chatParams(api, model, prompt, repair);
  const stream = client.chat.completions.stream(params, { signal });
  const got = collected();
  stream.on('chunk', (chunk) => {
    touch();
    if (chunk.usage) got.usage = chunk.usage;
    got.finish = chunk.choices[0]?.finish_reason ?? got.finish;
  });
  stream.on('content.delta', ({ delta }) => {
    got.raw += delta;
    options.onText?.(delta);
  });
  stream.on('refusal.done', (event) => void (got.refusal = event.refusal));
  try {
    await stream.done();
  } catch (error) {
    if (!parseFailure(error) || got.finish === null) throw error;
  }
  if (got.refusal) throw refused(got.refusal);
  if (got.finish === 'content_filter') throw refused('the content filter stopped the reply');
  if (got.finish === null) throw cutOff('the stream ended before the reply was complete');
  if (got.finish === 'length') throw cutOff('it hit the output token limit');
  return { raw: got.raw, usage: readUsage(got.usage), api, requestBytes: bodyBytes(params) };
}

/** One call on `api`; throws whatever failed, for faults.ts to describe. */
export async function streamPlan(
  client: OpenAI,
  api: PlannerApi,
  model: string,
  prompt: PlannerPrompt,
  repair: Repair | null,
  options: StreamOptions = {},
): Promise<PlannerReply> {
  const guard = idleGuard(options.idleTimeoutMs ?? 120_000, options.signal);
  try {
    return api === 'responses'
      ? await viaResponses(client, model, prompt, repair, options, guard.signal, guard.touch)
      : await viaChat(client, api, model, prompt, repair, options, guard.signal, guard.touch);
  } catch (error) {
    if (guard.timedOut) {
      const seconds = Math.round((options.idleTimeoutMs ?? 120_000) / 1000);
      throw new ModelFaultError(
        fault('timeout', `The model stopped sending for ${seconds} s; the reply was abandoned.`),
      );
    }
    throw error;
  } finally {
    guard.dispose();
  }
}
