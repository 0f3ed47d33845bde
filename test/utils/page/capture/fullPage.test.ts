/**
 * The full-page loop against a page model whose height changes as it is scrolled, with the
 * pixel work stubbed out: which frames it asks for, how tall the image is, and what it notes.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';

const VIEWPORT = 800;
/** The page's height once it has been scrolled to `y` (the model of a page under test). */
let heightAt: (y: number, current: number) => number = (_, current) => current;
let height = 0;
const sent: { type: string; y?: number }[] = [];

vi.mock('@/utils/messaging/protocol', () => ({
  sendMessage: vi.fn(async (type: string, data: { y?: number } | undefined) => {
    sent.push({ type, y: data?.y });
    if (type === 'beginFrames')
      return { width: 1280, height, viewportWidth: 1280, viewportHeight: VIEWPORT, dpr: 1 };
    if (type === 'frame') {
      const y = data!.y!;
      height = heightAt(y, height);
      const scrollY = Math.max(0, Math.min(y, height - VIEWPORT));
      return {
        rects: [{ x: 10, y: 10, width: 50, height: 20 }],
        viewport: { width: 1280, height: VIEWPORT, dpr: 1, scrollX: 0, scrollY },
        pageHeight: height,
        unopened: 0,
      };
    }
    return undefined;
  }),
}));

vi.mock('@/utils/background/capture/quota', () => ({
  captureVisible: vi.fn(async () => 'data:image/png;base64,AA=='),
}));

const kept: number[] = [];
vi.mock('@/utils/background/capture/image', async (importOriginal) => ({
  ...(await importOriginal<typeof import('@/utils/background/capture/image')>()),
  decode: vi.fn(async () => ({ width: 1280 })),
  canvas2d: vi.fn((width: number, h: number) => [
    { width, height: h },
    { drawImage: vi.fn(), fillRect: vi.fn(), fillStyle: '' },
  ]),
  paintMasks: vi.fn(),
  keepTop: vi.fn((canvas: { width: number; height: number }, h: number) => {
    kept.push(h);
    return { width: canvas.width, height: Math.min(canvas.height, Math.round(h)) };
  }),
  encode: vi.fn(async () => new Blob(['png'])),
}));

const { captureFullPage } = await import('@/utils/background/capture/shoot');
const { paintMasks } = await import('@/utils/background/capture/image');

const ctx = () => ({
  tabId: 7,
  privateSelectors: [],
  signal: new AbortController().signal,
  progress: () => undefined,
});
const frames = () => sent.filter((m) => m.type === 'frame').map((m) => m.y);

beforeEach(() => {
  sent.length = 0;
  kept.length = 0;
  vi.spyOn(fakeBrowser.tabs, 'get').mockResolvedValue({ id: 7, active: true, windowId: 1 } as never);
});
afterEach(() => vi.clearAllMocks());

describe('a page that grows as it is scrolled', () => {
  beforeEach(() => {
    height = 3285;
    // Another 3,285 px every time the viewport comes within 200 px of the end, for ever.
    heightAt = (y, current) =>
      Math.min(y, current - VIEWPORT) + VIEWPORT >= current - 200 ? current + 3285 : current;
  });

  it('takes the frames of its start height only, and the image is that tall', async () => {
    const { shot } = await captureFullPage(ctx());
    expect(frames()).toEqual([0, 800, 1600, 2400, 3200]);
    expect(shot.height).toBe(3285);
    expect(shot.area.height).toBe(3285);
    expect(height).toBeGreaterThan(3285);
  });

  it('notes how far it grew and where the capture stops', async () => {
    const { shot } = await captureFullPage(ctx());
    expect(shot.notes).toEqual([
      `The page grew from 3,285 px to ${height.toLocaleString('en-US')} px while it was scrolled for the capture; ` +
        'the capture stops at 3,285 px, its height when the capture began.',
    ]);
  });

  it('paints the masks of every frame, and puts the page back', async () => {
    await captureFullPage(ctx());
    expect(vi.mocked(paintMasks)).toHaveBeenCalledTimes(5);
    expect(sent.at(-1)?.type).toBe('endFrames');
  });
});

describe('a page that shrinks as it is scrolled', () => {
  beforeEach(() => {
    height = 3606;
    // A section folds away for good once the page is scrolled past 600 px.
    heightAt = (y, current) => (y > 600 ? 2466 : current);
  });

  it('stops at the page’s new end and keeps only the part drawn', async () => {
    const { shot } = await captureFullPage(ctx());
    expect(frames()).toEqual([0, 800, 1600, 2400]);
    expect(kept).toEqual([2466]);
    expect(shot.height).toBe(2466);
    expect(shot.area.height).toBe(2466);
  });

  it('notes how far it shrank', async () => {
    const { shot } = await captureFullPage(ctx());
    expect(shot.notes).toEqual([
      'The page shrank from 3,606 px to 2,466 px while it was scrolled for the capture; ' +
        'the capture ends at 2,466 px, where the page now ends.',
    ]);
  });
});

describe('a page that keeps its height', () => {
  beforeEach(() => {
    height = 3036;
    heightAt = (_, current) => current;
  });

  it('is captured whole with no note', async () => {
    const { shot } = await captureFullPage(ctx());
    expect(frames()).toEqual([0, 800, 1600, 2400]);
    expect(shot.height).toBe(3036);
    expect(shot.notes).toEqual([]);
  });
});
