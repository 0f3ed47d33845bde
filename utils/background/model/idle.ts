/**
 * A stream watchdog. The SDK's `timeout` only covers the wait for response headers
 * (client.ts `fetchWithTimeout` clears its timer once fetch resolves, v6.49.0), so a stream
 * that stalls after them would hang forever. This aborts the call when no event has arrived
 * for `idleMs`, and follows the caller's signal, so Cancel still aborts the HTTP request.
 */
export interface IdleGuard {
  signal: AbortSignal;
  /** Call on every event: restarts the idle timer. */
  touch(): void;
  /** Whether the guard, not the caller, aborted. */
  readonly timedOut: boolean;
  dispose(): void;
}

export function idleGuard(idleMs: number, outer?: AbortSignal): IdleGuard {
  const controller = new AbortController();
  let timedOut = false;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const follow = () => controller.abort(outer?.reason);
  if (outer?.aborted) follow();
  else outer?.addEventListener('abort', follow, { once: true });
  const touch = () => {
    clearTimeout(timer);
    timer = setTimeout(() => {
      timedOut = true;
      controller.abort(new DOMException('The stream went quiet', 'TimeoutError'));
    }, idleMs);
  };
  touch();
  return {
    signal: controller.signal,
    touch,
    get timedOut() {
      return timedOut;
    },
    dispose() {
      clearTimeout(timer);
      outer?.removeEventListener('abort', follow);
    },
  };
}
