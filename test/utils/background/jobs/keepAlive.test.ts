import { afterEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { keepAlive } from '@/utils/background/jobs/keepAlive';

afterEach(() => {
  keepAlive(false);
  vi.useRealTimers();
  vi.restoreAllMocks();
});

describe('keeping the worker up while a job runs', () => {
  it('calls an extension API well within every 30 s idle window, and stops with the last job', () => {
    vi.useFakeTimers();
    const ping = vi
      .spyOn(fakeBrowser.runtime, 'getPlatformInfo')
      .mockResolvedValue({ os: 'linux', arch: 'x86-64', nacl_arch: 'x86-64' } as never);
    keepAlive(true);
    keepAlive(true); // a second job adds no second timer
    vi.advanceTimersByTime(29_999);
    expect(ping).toHaveBeenCalledTimes(1);
    vi.advanceTimersByTime(90_001); // two minutes in all
    expect(ping).toHaveBeenCalledTimes(6);
    keepAlive(false);
    vi.advanceTimersByTime(120_000);
    expect(ping).toHaveBeenCalledTimes(6);
  });
});
