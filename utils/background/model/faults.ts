/**
 * Every way a model call can fail, as a kind the code can branch on and a plain sentence a
 * designer can act on (toFault.ts maps errors to them). Cancellation is a kind of its own.
 */
import { APIError, APIUserAbortError, OpenAIError } from 'openai/error';
import type { Provider } from '@/utils/core/schemas/settings';

export type FaultKind =
  | 'cancelled'
  | 'bad-key'
  | 'forbidden'
  | 'unknown-model'
  | 'quota'
  | 'rate-limited'
  | 'context-too-long'
  | 'refusal'
  | 'network'
  | 'timeout'
  | 'truncated'
  | 'malformed'
  | 'server'
  | 'endpoint-missing'
  | 'bad-request'
  | 'over-budget'
  | 'config';

export interface ModelFault {
  kind: FaultKind;
  message: string;
  /** HTTP status when the server answered. */
  status: number | null;
}

export interface FaultContext {
  provider: Provider;
  model: string;
  /** Host the calls go to, named in "cannot reach" messages. */
  host: string;
  /** For the Ollama 403 message: the exact origin to allow (chrome-extension://<id>, moz-extension://<uuid>). */
  extensionOrigin?: string;
  timeoutMs?: number;
  /** Redacted from any server message that is passed through. */
  apiKey?: string;
}

/** A fault raised by our own checks (refusal, cut-off reply, idle stream), carried as an error. */
export class ModelFaultError extends Error {
  override name = 'ModelFaultError';
  constructor(readonly fault: ModelFault) {
    super(fault.message);
  }
}

export const fault = (kind: FaultKind, message: string, status: number | null = null): ModelFault => ({
  kind,
  message,
  status,
});

export function isCancel(error: unknown, signal?: AbortSignal): boolean {
  if (signal?.aborted) return true;
  if (error instanceof APIUserAbortError) return true;
  return error instanceof Error && error.name === 'AbortError';
}

/** Keys never appear in a message, even when a server echoes part of one back. */
export function redact(text: string, apiKey?: string): string {
  let out = apiKey && apiKey.length >= 8 ? text.split(apiKey).join('[key]') : text;
  out = out.replace(/\b(sk|key)-[A-Za-z0-9_*-]{6,}/g, '$1-…');
  return out.length > 300 ? `${out.slice(0, 297)}…` : out;
}

/**
 * The SDK's stream helpers (lib/EventStream.ts `#handleError`, v6.49.0) wrap any error that is
 * not their own in a plain OpenAIError with the original as `cause`: a dropped connection's
 * TypeError, a JSON SyntaxError, a ZodError from the final parse. Look through that wrapper.
 */
export function unwrap(error: unknown): unknown {
  const wrapped =
    error instanceof OpenAIError && !(error instanceof APIError) && error.constructor === OpenAIError;
  return wrapped && error.cause instanceof Error ? error.cause : error;
}
