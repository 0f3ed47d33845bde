import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { MAX_CANVAS_AREA, MAX_CANVAS_SIDE, maxStitchHeight } from '@/utils/background/capture/image';
import { CAPTURE_GAP_MS, captureVisible } from '@/utils/background/capture/quota';

const QUOTA = 'This request exceeds the MAX_CAPTURE_VISIBLE_TAB_CALLS_PER_SECOND quota.';

/** Stands in for tabs.captureVisibleTab: fails with `errors` in turn, records when it was called. */
function captures(...errors: string[]) {
  const at: number[] = [];
  vi.spyOn(fakeBrowser.tabs, 'captureVisibleTab').mockImplementation((async () => {
    at.push(Date.now());
    const error = errors.shift();
    if (error) throw new Error(error);
    return 'data:image/png;base64,AA==';
  }) as never);
  return at;
}

/** Runs `work` to the end, moving the fake clock through every wait it makes. */
async function settle<T>(work: Promise<T>): Promise<T> {
  const outcome = work.then(
    (value) => ({ value }),
    (error: unknown) => ({ error }),
  );
  await vi.runAllTimersAsync();
  const result = await outcome;
  if ('error' in result) throw result.error;
  return result.value;
}

beforeEach(() => {
  vi.useFakeTimers();
  // Far from any capture an earlier test made: the first call of each test goes at once.
  vi.setSystemTime(Date.now() + 60_000);
});
afterEach(() => {
  vi.useRealTimers();
  vi.restoreAllMocks();
});

describe('full-page capture spacing', () => {
  it('keeps 510 ms between captures, under the browser’s 2 a second', async () => {
    expect(CAPTURE_GAP_MS).toBe(510);
    const at = captures();
    for (let i = 0; i < 4; i++) await settle(captureVisible(1));
    expect(at.slice(1).map((t, i) => t - at[i]!)).toEqual([510, 510, 510]);
  });

  it('retries the quota error, 510 ms later each time, and gets the capture', async () => {
    const at = captures(QUOTA, QUOTA, QUOTA);
    await expect(settle(captureVisible(1))).resolves.toBe('data:image/png;base64,AA==');
    expect(at).toHaveLength(4);
    expect(at.slice(1).map((t, i) => t - at[i]!)).toEqual([510, 510, 510]);
  });

  it('gives up after three retries, and does not retry other refusals', async () => {
    captures(QUOTA, QUOTA, QUOTA, QUOTA);
    await expect(settle(captureVisible(1))).rejects.toThrow(/^The browser refused to capture this tab: /);
    expect(fakeBrowser.tabs.captureVisibleTab).toHaveBeenCalledTimes(4);

    vi.mocked(fakeBrowser.tabs.captureVisibleTab).mockClear();
    captures('Cannot access contents of the page.');
    await expect(settle(captureVisible(1))).rejects.toThrow(/Cannot access contents of the page/);
    expect(fakeBrowser.tabs.captureVisibleTab).toHaveBeenCalledTimes(1);
  });
});

describe('the canvas limit of a stitched capture', () => {
  it('is 32,767 px a side and 268,435,456 px in all, whichever binds first', () => {
    expect(maxStitchHeight(1280, 1)).toBe(MAX_CANVAS_SIDE);
    expect(maxStitchHeight(1280, 2)).toBe(Math.floor(MAX_CANVAS_SIDE / 2));
    expect(maxStitchHeight(3840, 3)).toBe(Math.floor(MAX_CANVAS_AREA / (3840 * 3) / 3));
  });
});
