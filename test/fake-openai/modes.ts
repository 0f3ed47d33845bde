/**
 * The fake server's modes and the HTTP faults every endpoint shares, with the bodies and
 * headers real servers send: OpenAI's error JSON (`{ error: { message, type, code, param } }`),
 * `retry-after` on 429, and Ollama's bare 403 for an Origin it was not told to allow.
 */
import type { ServerResponse } from 'node:http';
import type { Injection } from '@/test/fake-openai/injection';

export type FakeMode =
  | 'normal'
  | 'rate-limit'
  | 'server-error'
  | 'slow-stream'
  | 'truncated-stream'
  | 'malformed-json'
  | 'unknown-region-ids'
  | 'invented-text'
  | 'unsafe-css'
  | 'weak-plan'
  | 'css-trick'
  | 'prompt-injection'
  | 'refusal'
  | 'chat-only'
  | 'json-mode-only'
  | 'bad-key'
  | 'forbidden'
  | 'origin-check'
  | 'unknown-model'
  | 'quota'
  | 'context-too-long'
  | 'hang';

export interface FakeOptions {
  /** rate-limit, server-error: how many requests fail before one succeeds (default 1; server-error: all). */
  failures?: number;
  /** rate-limit: the `retry-after` header in seconds (default '1'), and/or `retry-after-ms`. */
  retryAfter?: string | null;
  retryAfterMs?: string | null;
  /** slow-stream: pause between events (default 100 ms). */
  delayMs?: number;
  /** truncated-stream: drop the connection (default) or end the stream politely, early. */
  truncate?: 'drop' | 'end';
  /** css-trick: declarations added to every content region but the first (whose valid rules stay). */
  cssTrick?: { property: string; value: string }[];
  /** prompt-injection: what the hostile reply tries (default: every kind at once). */
  injection?: Injection;
  /** Whether a repair request gets a valid plan (default true). */
  repairFixes?: boolean;
  /** Answer /v1/responses with 404 in any mode, so a fault can be tried on Chat Completions. */
  noResponses?: boolean;
  /** /v1/models lists these (default: a planner, an image model and a local vision model). */
  models?: string[];
  /** /v1/images/edits: the PNG to return as the final image (default: a plain gradient). */
  picture?: Buffer;
}

export const DEFAULT_MODELS = ['gpt-5.4-mini', 'gpt-image-2', 'qwen2.5vl:7b'];

export function sendJson(
  res: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
) {
  res.writeHead(status, { 'content-type': 'application/json', ...headers }).end(JSON.stringify(body));
}

export const apiError = (
  message: string,
  type: string,
  code: string | null,
  param: string | null = null,
) => ({
  error: { message, type, code, param },
});

/** Faults every endpoint shares; returns true when it answered. */
export function failEarly(
  res: ServerResponse,
  mode: FakeMode,
  options: FakeOptions,
  state: { failed: number },
  path: string,
  origin: string | undefined,
): boolean {
  const planner = /\/(responses|chat\/completions)$/.test(path);
  switch (mode) {
    case 'bad-key':
      sendJson(
        res,
        401,
        apiError(
          'Incorrect API key provided: sk-test-******************1234.',
          'invalid_request_error',
          'invalid_api_key',
        ),
      );
      return true;
    case 'forbidden':
      res
        .writeHead(403, { 'content-type': 'application/json' })
        .end(
          JSON.stringify(
            apiError('You are not allowed to use this model.', 'invalid_request_error', 'permission_denied'),
          ),
        );
      return true;
    case 'origin-check':
      // Like Ollama without OLLAMA_ORIGINS: a request with an Origin header gets a bare 403.
      if (!origin) return false;
      res.writeHead(403).end();
      return true;
    case 'quota':
      sendJson(
        res,
        429,
        apiError(
          'You exceeded your current quota, please check your plan and billing details.',
          'insufficient_quota',
          'insufficient_quota',
        ),
      );
      return true;
    case 'context-too-long':
      if (!planner) return false;
      sendJson(
        res,
        400,
        apiError(
          "This model's maximum context length is 128000 tokens. However, your messages resulted in 131072 tokens.",
          'invalid_request_error',
          'context_length_exceeded',
          'input',
        ),
      );
      return true;
    case 'rate-limit':
    case 'server-error': {
      const limit = options.failures ?? (mode === 'server-error' ? Infinity : 1);
      if (state.failed >= limit) return false;
      state.failed += 1;
      if (mode === 'server-error') {
        sendJson(
          res,
          500,
          apiError('The server had an error while processing your request.', 'server_error', null),
        );
      } else {
        const headers: Record<string, string> = {};
        const after = options.retryAfter === undefined ? '1' : options.retryAfter;
        if (after !== null) headers['retry-after'] = after;
        if (options.retryAfterMs) headers['retry-after-ms'] = options.retryAfterMs;
        sendJson(
          res,
          429,
          apiError(
            'Rate limit reached for requests. Please try again shortly.',
            'requests',
            'rate_limit_exceeded',
          ),
          headers,
        );
      }
      return true;
    }
    default:
      return false;
  }
}
