/**
 * Where the background lays out a mockup to measure it: Chromium's service worker has no DOM,
 * so the offscreen document does it (the one OCR runs in, utils/background/ocr/offscreen.ts); Firefox's
 * background is a page, with a DOM of its own.
 */
import { browser } from '#imports';
import { sendMessage } from '@/utils/messaging/protocol';
import { documentIsOpen, openDocument } from '@/utils/background/ocr/offscreen';
import type { MockupLayout } from '@/utils/core/schemas/capture';
import { layOutMockup } from '@/utils/core/render/mockupLayout';

export async function measureMockup(
  html: string,
  viewport: { width: number; height: number },
): Promise<MockupLayout> {
  if (!browser.offscreen) return layOutMockup(html, viewport);
  await openDocument();
  try {
    return await sendMessage('layoutMockup', { html, viewport });
  } catch (error) {
    // The document may have closed itself (idle after OCR) just as the mockup was sent.
    if (await documentIsOpen()) throw error;
    await openDocument();
    return sendMessage('layoutMockup', { html, viewport });
  }
}
