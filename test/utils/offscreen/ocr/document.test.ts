import { afterEach, describe, expect, it, vi } from 'vitest';
import type { OcrReading } from '@/utils/core/schemas/ocr';

const reading: OcrReading = { words: [], width: 10, height: 10, workerStartMs: null, recognizeMs: 5 };
let handler: ((message: { image: string }) => Promise<OcrReading>) | null = null;

vi.mock('@/utils/messaging/protocol', () => ({
  onMessage: (_: string, h: typeof handler) => {
    handler = h;
    return () => undefined;
  },
}));
vi.mock('@/utils/offscreen/ocr/reader', () => ({
  readImage: vi.fn(async () => reading),
  stopEngine: vi.fn(async () => undefined),
}));

const { serveOcr } = await import('@/utils/offscreen/ocr/document');
const { stopEngine } = await import('@/utils/offscreen/ocr/reader');
const PNG = 'data:image/png;base64,iVBORw0KGgo=';

afterEach(() => {
  vi.useRealTimers();
  vi.unstubAllGlobals();
});

describe('the offscreen OCR document', () => {
  it('closes itself after a minute without an image, and not before', async () => {
    vi.useFakeTimers();
    const close = vi.fn();
    vi.stubGlobal('window', { close });
    serveOcr();
    await handler!({ image: PNG });
    await vi.advanceTimersByTimeAsync(59_000);
    // Another image restarts the minute.
    await handler!({ image: PNG });
    await vi.advanceTimersByTimeAsync(59_999);
    expect(close).not.toHaveBeenCalled();
    await vi.advanceTimersByTimeAsync(1);
    expect(stopEngine).toHaveBeenCalledOnce();
    expect(close).toHaveBeenCalledOnce();
  });
});
