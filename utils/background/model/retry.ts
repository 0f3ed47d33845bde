/**
 * One small bounded retry loop for model calls (the SDK's own is off: see client.ts).
 * It retries what waiting can fix (429 rate limits, 5xx, 408/409, timeouts), honours the
 * server's `retry-after-ms` / `retry-after` (RFC 9110 §10.2.3: seconds or an HTTP date),
 * reports each wait as a plain sentence, and stops waiting the moment the signal aborts.
 */
import { APIConnectionTimeoutError, APIError } from 'openai/error';

export interface RetryPolicy {
  /** Retries after the first attempt. */
  retries: number;
  /** Backoff without a server hint: base × 2^n, capped. */
  baseDelayMs: number;
  maxDelayMs: number;
  /** A server asking for a longer wait than this is not waited for: the call fails instead. */
  maxWaitMs: number;
}

export const DEFAULT_RETRY: RetryPolicy = {
  retries: 3,
  baseDelayMs: 1000,
  maxDelayMs: 8000,
  maxWaitMs: 60_000,
};

export type OnProgress = (message: string) => void;

/** Resolves after `ms`, or rejects with an AbortError as soon as the signal aborts. */
export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    const abort = () => {
      clearTimeout(timer);
      reject(signal?.reason instanceof Error ? signal.reason : new DOMException('Aborted', 'AbortError'));
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', abort);
      resolve();
    }, ms);
    if (signal?.aborted) abort();
    else signal?.addEventListener('abort', abort, { once: true });
  });
}

/** The server's requested wait in ms, from `retry-after-ms` first, then `retry-after`. */
export function retryAfterMs(headers: Headers | undefined, now = Date.now()): number | null {
  const ms = Number.parseFloat(headers?.get('retry-after-ms') ?? '');
  if (Number.isFinite(ms) && ms >= 0) return ms;
  const value = headers?.get('retry-after');
  if (!value) return null;
  const seconds = Number.parseFloat(value);
  if (Number.isFinite(seconds) && seconds >= 0) return seconds * 1000;
  const date = Date.parse(value);
  return Number.isNaN(date) ? null : Math.max(0, date - now);
}

/** Why a failure is worth waiting out, in words, or null when it is not. */
function retryReason(error: unknown): string | null {
  if (error instanceof APIConnectionTimeoutError) return 'timed out';
  if (!(error instanceof APIError) || error.status === undefined) return null;
  // insufficient_quota is a 429 too, but no wait brings credit back.
  if (error.code === 'insufficient_quota' || error.type === 'insufficient_quota') return null;
  if (error.status === 429) return 'rate limited';
  if (error.status === 408 || error.status === 409) return 'server busy';
  if (error.status >= 500) return `server error (${error.status})`;
  return null;
}

export function formatWait(ms: number): string {
  return ms < 950 ? `${Math.max(0.1, ms / 1000).toFixed(1)} s` : `${Math.round(ms / 1000)} s`;
}

/**
 * Runs `attempt` until it succeeds, a failure is not retryable, the retries run out or the
 * server asks for too long a wait; then rethrows the last error for faults.ts to describe.
 * Only failures before a stream starts reach here (status codes and header timeouts), so a
 * retry never repeats output the caller has already seen.
 */
export async function withRetries<T>(
  attempt: (index: number) => Promise<T>,
  options: { signal?: AbortSignal; onProgress?: OnProgress; policy?: RetryPolicy } = {},
): Promise<T> {
  const policy = options.policy ?? DEFAULT_RETRY;
  for (let index = 0; ; index++) {
    try {
      return await attempt(index);
    } catch (error) {
      const reason = retryReason(error);
      if (!reason || index >= policy.retries || options.signal?.aborted) throw error;
      const hinted = error instanceof APIError ? retryAfterMs(error.headers) : null;
      const wait = hinted ?? Math.min(policy.baseDelayMs * 2 ** index, policy.maxDelayMs);
      if (wait > policy.maxWaitMs) throw error;
      options.onProgress?.(`${reason}, retrying in ${formatWait(wait)}`);
      await sleep(wait, options.signal);
    }
  }
}
