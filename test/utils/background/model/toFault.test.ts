import {
  APIConnectionError,
  APIConnectionTimeoutError,
  APIError,
  APIUserAbortError,
  OpenAIError,
} from 'openai/error';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { redact, type FaultContext } from '@/utils/background/model/faults';
import { toFault } from '@/utils/background/model/toFault';

const ctx: FaultContext = {
  provider: 'openai',
  model: 'gpt-5.4-mini',
  host: 'api.openai.com',
  timeoutMs: 10_000,
  apiKey: 'sk-proj-SECRETSECRET1234',
};

const status = (code: number, error: Record<string, unknown> = {}) =>
  APIError.generate(code, { error: { message: `status ${code}`, ...error } }, undefined, new Headers());

describe('error → plain message', () => {
  it.each([
    [status(401), 'bad-key', 'The API key was refused (401). Check it in Restage settings.'],
    [
      status(403),
      'forbidden',
      'The server refused access (403): this key may not be allowed to use this model or endpoint.',
    ],
    [
      status(404, { code: 'model_not_found', message: 'The model `x` does not exist' }),
      'unknown-model',
      'The server does not know the model “gpt-5.4-mini” (404). Pick a model it offers.',
    ],
    [
      status(429, { code: 'insufficient_quota', type: 'insufficient_quota' }),
      'quota',
      'The account is out of credit (quota exhausted). Add credit or use another key: waiting will not help.',
    ],
    [
      status(429, { code: 'rate_limit_exceeded' }),
      'rate-limited',
      'Rate limited by the server (429). Try again in a minute.',
    ],
    [
      status(400, {
        code: 'context_length_exceeded',
        message: "This model's maximum context length is 128000 tokens.",
      }),
      'context-too-long',
      'The request is longer than the model’s context window. Critique the viewport instead of the full page, or pick a model with a larger context.',
    ],
    [
      status(404, { message: '404 page not found' }),
      'endpoint-missing',
      'The server does not offer this endpoint (404).',
    ],
    [status(502), 'server', 'The server had an internal error (502). Try again later.'],
    [
      new APIConnectionTimeoutError(),
      'timeout',
      'api.openai.com did not answer within 10 s. The server may be overloaded or asleep.',
    ],
    [
      new APIConnectionError({ message: 'Connection error.' }),
      'network',
      'Cannot reach api.openai.com: the network is down or the server is not running.',
    ],
  ])('%s → %s', (error, kind, message) => {
    expect(toFault(error, ctx)).toMatchObject({ kind, message });
  });

  it('tells Ollama users which origin to allow', () => {
    const fault = toFault(status(403), {
      ...ctx,
      provider: 'ollama',
      extensionOrigin: 'moz-extension://5f0e8a4c-3b1d-4c2e-9a7f-1d2c3b4a5e6f',
    });
    expect(fault.message).toBe(
      'Ollama refused this extension (403). Quit Ollama and start it with OLLAMA_ORIGINS=moz-extension://5f0e8a4c-3b1d-4c2e-9a7f-1d2c3b4a5e6f set, then try again.',
    );
  });

  it('treats cancellation as its own outcome, not an error', () => {
    expect(toFault(new APIUserAbortError(), ctx).kind).toBe('cancelled');
    expect(toFault(new DOMException('Aborted', 'AbortError'), ctx).kind).toBe('cancelled');
    expect(toFault(new Error('anything'), ctx, AbortSignal.abort()).kind).toBe('cancelled');
  });

  it('looks through the stream helpers’ OpenAIError wrapper to the cause', () => {
    const wrap = (cause: Error) => Object.assign(new OpenAIError(cause.message), { cause });
    expect(toFault(wrap(new TypeError('terminated')), ctx).kind).toBe('truncated');
    expect(toFault(wrap(new SyntaxError('Unexpected token')), ctx).kind).toBe('malformed');
    const zodError = z.object({ a: z.string() }).safeParse({}).error!;
    expect(toFault(wrap(zodError), ctx).kind).toBe('malformed');
    expect(toFault(new OpenAIError('missing finish_reason for choice 0'), ctx).kind).toBe('truncated');
  });

  it('never lets a key through, even one the server echoes back', () => {
    const echoed = status(400, { message: 'Bad key sk-proj-SECRETSECRET1234 for this org' });
    expect(toFault(echoed, ctx).message).not.toContain('SECRET');
    expect(redact('Incorrect API key provided: sk-test-abc123def456.', undefined)).toBe(
      'Incorrect API key provided: sk-….',
    );
  });
});
