import type { Browser } from 'wxt/browser';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { onMessage } from '@/utils/messaging/protocol';
import { OcrUnavailableError, readImageText } from '@/utils/background/ocr/offscreen';
import type { OcrReading } from '@/utils/core/schemas/ocr';
import { deliverFrom, SENDERS } from '@/test/fixtures/senders';

/**
 * The background's side only: opening, reusing and reopening the offscreen document, and
 * the browsers without one. The document itself (tesseract in real Chromium) is covered by
 * test/e2e/ocr.e2e.test.ts.
 */
const PNG = 'data:image/png;base64,iVBORw0KGgo=';
const reading: OcrReading = { words: [], width: 10, height: 10, workerStartMs: null, recognizeMs: 5 };

const OFFSCREEN = { contextType: 'OFFSCREEN_DOCUMENT' } as Browser.runtime.ExtensionContext;
let open = false;
let stopDocument: (() => void) | null = null;
const received: string[] = [];

/** Stands in for the offscreen document: it answers once it has been created. */
function startDocument() {
  open = true;
  stopDocument = onMessage('recognizeImageText', ({ image }) => {
    received.push(image);
    return reading;
  });
}

beforeEach(() => {
  open = false;
  received.length = 0;
  deliverFrom(SENDERS.worker);
  vi.spyOn(fakeBrowser.runtime, 'getContexts').mockImplementation(async () => (open ? [OFFSCREEN] : []));
  vi.spyOn(fakeBrowser.offscreen, 'createDocument').mockImplementation(async () => startDocument());
});
afterEach(() => {
  stopDocument?.();
  stopDocument = null;
  vi.restoreAllMocks();
});

describe('reading text in an image from the background', () => {
  it('opens the offscreen document for the first image and reuses it for the next', async () => {
    const first = await readImageText(PNG);
    expect(first.documentStartMs).toEqual(expect.any(Number));
    expect(fakeBrowser.offscreen.createDocument).toHaveBeenCalledExactlyOnceWith(
      expect.objectContaining({ url: '/offscreen.html', reasons: ['WORKERS', 'DOM_SCRAPING'] }),
    );
    const second = await readImageText(PNG);
    expect(second).toEqual({ ...reading, documentStartMs: null });
    expect(fakeBrowser.offscreen.createDocument).toHaveBeenCalledTimes(1);
  });

  it('opens one document for images sent at once', async () => {
    await Promise.all([readImageText(PNG), readImageText(PNG), readImageText(PNG)]);
    expect(fakeBrowser.offscreen.createDocument).toHaveBeenCalledTimes(1);
    expect(received).toHaveLength(3);
  });

  it('sends a Blob as a data URL of the same bytes', async () => {
    const bytes = new Uint8Array([137, 80, 78, 71, 13, 10, 26, 10, 0, 255]);
    await readImageText(new Blob([bytes], { type: 'image/png' }));
    expect(received).toEqual([`data:image/png;base64,${Buffer.from(bytes).toString('base64')}`]);
  });

  it('reopens a document that closed itself for idleness as the image was sent', async () => {
    let stale = true; // listed once more, though it no longer answers
    vi.mocked(fakeBrowser.runtime.getContexts).mockImplementation(async () => {
      const listed = open || stale;
      stale = false;
      return listed ? [OFFSCREEN] : [];
    });
    const result = await readImageText(PNG);
    expect(fakeBrowser.offscreen.createDocument).toHaveBeenCalledTimes(1);
    expect(result.documentStartMs).toEqual(expect.any(Number));
  });

  it('says plainly, in a browser without offscreen documents, that image text goes unchecked', async () => {
    vi.spyOn(fakeBrowser, 'offscreen', 'get').mockReturnValue(undefined as never);
    await expect(readImageText(PNG)).rejects.toThrow(OcrUnavailableError);
    await expect(readImageText(PNG)).rejects.toThrow(/not checked in this browser.*only Chromium has/);
  });
});
