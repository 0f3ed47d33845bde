import { capture } from '../capture/shoot';
import { sendMessage, type Labelled } from '../messaging';
import type { CaptureMode } from '../schemas';
import { loadSettings } from '../settings/storage';
import { probeTab } from '../tabs/inject';

/** Regions first (they are the quick part), then pixels, then the boxes on the page. */
export async function labelTab(tabId: number, mode: CaptureMode): Promise<Labelled> {
  await probeTab(tabId);
  const { privateSelectors } = await loadSettings();
  const t0 = performance.now();
  const extraction = await sendMessage('extractRegions', { privateSelectors }, tabId);
  const t1 = performance.now();
  const shot = await capture(mode, { tabId, privateSelectors });
  const t2 = performance.now();
  await sendMessage('showOverlay', { regions: extraction.regions }, tabId);
  const t3 = performance.now();
  return { shot, extraction, timings: { regionsMs: t1 - t0, captureMs: t2 - t1, overlayMs: t3 - t2 } };
}
