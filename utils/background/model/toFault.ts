/**
 * Anything a model call can throw, as a fault with a plain message. Error classes are the
 * SDK's (openai/core/error, v6.49.0); codes are the API's documented ones
 * (`insufficient_quota`, `context_length_exceeded`, `model_not_found`). Server text is passed
 * on only where it helps, and always with any key redacted.
 */
import {
  APIConnectionError,
  APIConnectionTimeoutError,
  APIError,
  ContentFilterFinishReasonError,
  LengthFinishReasonError,
  OpenAIError,
} from 'openai/error';
import { ZodError } from 'zod';
import {
  fault,
  isCancel,
  ModelFaultError,
  redact,
  unwrap,
  type FaultContext,
  type ModelFault,
} from '@/utils/background/model/faults';
import { formatWait } from '@/utils/background/model/retry';

function serverMessage(error: APIError): string {
  const body = error.error as { message?: unknown } | undefined;
  return typeof body?.message === 'string' ? body.message : error.message;
}

function fromStatus(error: APIError, ctx: FaultContext): ModelFault {
  const status = error.status ?? 0;
  const text = redact(serverMessage(error), ctx.apiKey);
  const code = `${error.code ?? ''} ${error.type ?? ''}`;
  if (status === 401)
    return fault('bad-key', 'The API key was refused (401). Check it in Restage settings.', 401);
  if (status === 403) {
    const ollama = ctx.provider === 'ollama' && ctx.extensionOrigin;
    return fault(
      'forbidden',
      ollama
        ? `Ollama refused this extension (403). Quit Ollama and start it with OLLAMA_ORIGINS=${ctx.extensionOrigin} set, then try again.`
        : 'The server refused access (403): this key may not be allowed to use this model or endpoint.',
      403,
    );
  }
  if (/insufficient_quota/.test(code))
    return fault(
      'quota',
      'The account is out of credit (quota exhausted). Add credit or use another key: waiting will not help.',
      status,
    );
  if (status === 429)
    return fault('rate-limited', 'Rate limited by the server (429). Try again in a minute.', 429);
  if (
    /context_length_exceeded/.test(code) ||
    /context (length|window)|maximum context|too many tokens/i.test(text)
  )
    return fault(
      'context-too-long',
      'The request is longer than the model’s context window. Critique the viewport instead of the full page, or pick a model with a larger context.',
      status,
    );
  if (/model_not_found/.test(code) || (status === 404 && /model/i.test(text)))
    return fault(
      'unknown-model',
      `The server does not know the model “${ctx.model}” (${status}). Pick a model it offers.`,
      status,
    );
  if (status === 404 || status === 405 || status === 501)
    return fault('endpoint-missing', `The server does not offer this endpoint (${status}).`, status);
  if (status >= 500)
    return fault('server', `The server had an internal error (${status}). Try again later.`, status);
  return fault('bad-request', `The server rejected the request (${status}): ${text}`, status);
}

/** Maps anything a model call can throw to a fault; cancellation is its own kind, not an error. */
export function toFault(thrown: unknown, ctx: FaultContext, signal?: AbortSignal): ModelFault {
  const error = unwrap(thrown);
  if (isCancel(error, signal)) return fault('cancelled', 'Cancelled.');
  if (error instanceof ModelFaultError) return error.fault;
  if (error instanceof APIConnectionTimeoutError) {
    const seconds = ctx.timeoutMs ? ` within ${formatWait(ctx.timeoutMs)}` : '';
    return fault('timeout', `${ctx.host} did not answer${seconds}. The server may be overloaded or asleep.`);
  }
  if (error instanceof APIConnectionError)
    return fault('network', `Cannot reach ${ctx.host}: the network is down or the server is not running.`);
  if (error instanceof APIError && error.status === undefined)
    return fault(
      'server',
      `The server reported an error mid-reply: ${redact(serverMessage(error), ctx.apiKey)}`,
    );
  if (error instanceof APIError) return fromStatus(error, ctx);
  if (error instanceof LengthFinishReasonError)
    return fault('truncated', 'The model’s reply hit its length limit and was cut off.');
  if (error instanceof ContentFilterFinishReasonError)
    return fault('refusal', 'The model’s content filter stopped the reply.');
  if (error instanceof ZodError || error instanceof SyntaxError)
    return fault('malformed', 'The model’s reply was not a plan in the expected shape (malformed JSON).');
  if (
    error instanceof OpenAIError &&
    /ended without|missing finish_reason|without sending any events/.test(error.message)
  )
    return fault('truncated', 'The model’s reply was cut off before it finished (the stream ended early).');
  // A stream whose connection drops after the headers surfaces as fetch's own TypeError
  // ("terminated" in Node's undici, "network error" in Chromium), not as an SDK error.
  if (
    error instanceof TypeError &&
    /terminated|network error|other side closed|ECONNRESET/i.test(
      `${error.message} ${String(error.cause ?? '')}`,
    )
  )
    return fault('truncated', 'The connection dropped while the model was replying: the reply was cut off.');
  return fault(
    'bad-request',
    `Unexpected error: ${redact(error instanceof Error ? error.message : String(error), ctx.apiKey)}`,
  );
}
