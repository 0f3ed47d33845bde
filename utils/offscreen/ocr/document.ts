/**
 * The OCR side of the offscreen document: answers `recognizeImageText` from the background
 * and closes the document after a quiet spell, since the engine holds tens of MB. The
 * document closes itself because the background's own timers die with its service worker
 * (stopped after 30 s idle: https://developer.chrome.com/docs/extensions/develop/concepts/service-workers/lifecycle).
 * The background opens a new one when the next image comes.
 */
import { onMessage } from '@/utils/messaging/protocol';
import { OCR_IDLE_CLOSE_MS } from '@/utils/core/ocr/assets';
import { dataUrlToBlob } from '@/utils/core/dataUrl';
import { readImage, stopEngine } from '@/utils/offscreen/ocr/reader';

export function serveOcr(): void {
  let busy = 0;
  let idle: ReturnType<typeof setTimeout> | undefined;
  onMessage('recognizeImageText', async ({ image }) => {
    busy++;
    clearTimeout(idle);
    try {
      return await readImage(dataUrlToBlob(image));
    } finally {
      if (--busy === 0)
        idle = setTimeout(() => void stopEngine().finally(() => window.close()), OCR_IDLE_CLOSE_MS);
    }
  });
}
