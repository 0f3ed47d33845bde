/**
 * The OCR side of the offscreen document: answers `recognizeImageText` from the background
 * and closes the document after a quiet spell, since the engine holds tens of MB. The
 * document closes itself because the background's own timers die with its service worker
 * (stopped after 30 s idle: https://developer.chrome.com/docs/extensions/develop/concepts/service-workers/lifecycle).
 * The background opens a new one when the next image comes.
 */
import { onMessage } from '../messaging';
import { OCR_IDLE_CLOSE_MS } from './assets';
import { dataUrlToBlob } from '../dataUrl';
import { readImage, stopEngine } from './reader';

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
