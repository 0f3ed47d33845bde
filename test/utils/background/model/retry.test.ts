import { APIConnectionTimeoutError, APIError } from 'openai/error';
import { describe, expect, it, vi } from 'vitest';
import { DEFAULT_RETRY, retryAfterMs, sleep, withRetries, formatWait } from '@/utils/background/model/retry';

const policy = { retries: 3, baseDelayMs: 5, maxDelayMs: 20, maxWaitMs: 1000 };

function httpError(status: number, headers: Record<string, string> = {}, code: string | null = null) {
  return APIError.generate(
    status,
    { error: { message: `status ${status}`, type: code ?? 'x', code } },
    undefined,
    new Headers(headers),
  );
}

/** An attempt function that fails with `errors` in turn, then returns 'ok'. */
function failing(...errors: unknown[]) {
  const calls: number[] = [];
  const attempt = async (index: number) => {
    calls.push(index);
    if (index < errors.length) throw errors[index];
    return 'ok';
  };
  return { attempt, calls };
}

describe('retry-after', () => {
  it('prefers retry-after-ms, then retry-after in seconds or as an HTTP date', () => {
    expect(retryAfterMs(new Headers({ 'retry-after-ms': '250', 'retry-after': '9' }))).toBe(250);
    expect(retryAfterMs(new Headers({ 'retry-after': '4' }))).toBe(4000);
    expect(retryAfterMs(new Headers({ 'retry-after': '0.5' }))).toBe(500);
    const now = Date.parse('Wed, 21 Oct 2026 07:28:00 GMT');
    expect(retryAfterMs(new Headers({ 'retry-after': 'Wed, 21 Oct 2026 07:28:03 GMT' }), now)).toBe(3000);
    expect(retryAfterMs(new Headers({ 'retry-after': 'soon' }))).toBeNull();
    expect(retryAfterMs(new Headers())).toBeNull();
    expect(retryAfterMs(undefined)).toBeNull();
  });

  it('says waits in plain seconds', () => {
    expect(formatWait(4000)).toBe('4 s');
    expect(formatWait(200)).toBe('0.2 s');
    expect(formatWait(1400)).toBe('1 s');
  });
});

describe('withRetries', () => {
  it('retries 429, 5xx and timeouts, reporting each wait as a sentence', async () => {
    const { attempt, calls } = failing(
      httpError(429, { 'retry-after-ms': '10' }),
      httpError(503),
      new APIConnectionTimeoutError(),
    );
    const progress: string[] = [];
    await expect(withRetries(attempt, { policy, onProgress: (m) => progress.push(m) })).resolves.toBe('ok');
    expect(calls).toEqual([0, 1, 2, 3]);
    expect(progress).toEqual([
      'rate limited, retrying in 0.1 s',
      'server error (503), retrying in 0.1 s',
      'timed out, retrying in 0.1 s',
    ]);
  });

  it('says the server’s own wait, e.g. "rate limited, retrying in 4 s"', async () => {
    const progress: string[] = [];
    const controller = new AbortController();
    const run = withRetries(failing(httpError(429, { 'retry-after': '4' })).attempt, {
      policy: { ...policy, maxWaitMs: 10_000 },
      signal: controller.signal,
      onProgress: (m) => {
        progress.push(m);
        controller.abort(); // no need to sit out the 4 s
      },
    });
    await expect(run).rejects.toMatchObject({ name: 'AbortError' });
    expect(progress).toEqual(['rate limited, retrying in 4 s']);
  });

  it('does not retry what waiting cannot fix: quota, bad key, bad request, unknown model', async () => {
    for (const error of [
      httpError(429, {}, 'insufficient_quota'),
      httpError(401),
      httpError(400),
      httpError(404),
    ]) {
      const { attempt, calls } = failing(error);
      await expect(withRetries(attempt, { policy })).rejects.toBe(error);
      expect(calls).toEqual([0]);
    }
  });

  it('stops after the bounded number of retries and rethrows the last error', async () => {
    const errors = Array.from({ length: 6 }, () => httpError(500));
    const { attempt, calls } = failing(...errors);
    await expect(withRetries(attempt, { policy })).rejects.toBe(errors[3]);
    expect(calls).toEqual([0, 1, 2, 3]);
  });

  it('retries up to three times by default, with the wait the server asks for', async () => {
    expect(DEFAULT_RETRY.retries).toBe(3);
    vi.useFakeTimers();
    try {
      const errors = Array.from({ length: 5 }, () => httpError(429, { 'retry-after': '4' }));
      const { attempt, calls } = failing(...errors);
      const progress: string[] = [];
      const outcome = withRetries(attempt, { onProgress: (m) => progress.push(m) }).catch((e: unknown) => e);
      await vi.runAllTimersAsync();
      expect(await outcome).toBe(errors[3]);
      expect(calls).toEqual([0, 1, 2, 3]);
      expect(progress).toEqual(Array.from({ length: 3 }, () => 'rate limited, retrying in 4 s'));
    } finally {
      vi.useRealTimers();
    }
  });

  it('fails at once when the server asks for a longer wait than it is worth', async () => {
    const error = httpError(429, { 'retry-after': '3600' });
    const { attempt, calls } = failing(error);
    const progress: string[] = [];
    await expect(withRetries(attempt, { policy, onProgress: (m) => progress.push(m) })).rejects.toBe(error);
    expect(calls).toEqual([0]);
    expect(progress).toEqual([]);
  });

  it('stops waiting the moment the signal aborts (the SDK’s own retry sleep would not)', async () => {
    const controller = new AbortController();
    const wait = sleep(60_000, controller.signal);
    controller.abort();
    await expect(wait).rejects.toMatchObject({ name: 'AbortError' });
    await expect(sleep(10, AbortSignal.abort())).rejects.toMatchObject({ name: 'AbortError' });
  });
});
