/**
 * Capture against its floor, in one run: Restage's viewport capture (overlay hidden, masks,
 * PNG kept or re-encoded) beside a bare `tabs.captureVisibleTab` on the same page; full-page
 * captures beside the browser quota's lower bound; html2canvas beside real pixels.
 */
import { type CaptureMode } from '@/utils/core/schemas/capture';
import { CritiqueRecord } from '@/utils/core/schemas/record';
import type { Harness } from '@/scripts/lib/browser';
import { median } from '@/scripts/lib/stats';

/** More than the 500 ms quota gap, so neither side ever waits for the browser's rate limit. */
const SPACING_MS = 650;
const pause = () => new Promise((done) => setTimeout(done, SPACING_MS));

export async function critiqueOnce(harness: Harness, tabId: number, mode: CaptureMode) {
  const { record, artifacts } = await harness.runJob({ tabId, mode });
  return { record: CritiqueRecord.parse(record), artifacts };
}

/** A bare captureVisibleTab, timed in an extension page, as the floor. */
export async function bareCapture(harness: Harness, tabId: number): Promise<number> {
  const page = await harness.extensionPage();
  const ms = await page.evaluate(`(async () => {
    const tab = await chrome.tabs.get(${tabId});
    const t = performance.now();
    await chrome.tabs.captureVisibleTab(tab.windowId, { format: 'png' });
    return performance.now() - t;
  })()`);
  return ms as number;
}

export async function viewportVsFloor(harness: Harness, tabId: number, reps: number) {
  const ours: number[] = [];
  const floor: number[] = [];
  let bytes = 0;
  for (let i = 0; i < reps + 1; i++) {
    await pause();
    const bare = await bareCapture(harness, tabId);
    await pause();
    const { record } = await critiqueOnce(harness, tabId, 'viewport');
    if (i === 0) continue; // warm-up: injection, first decode
    floor.push(bare);
    ours.push(record.draft.shot!.ms);
    bytes = record.draft.shot!.bytes;
  }
  return { ours: median(ours), floor: median(floor), ratio: median(ours) / median(floor), bytes, raw: { ours, floor } };
}

/** Mean absolute difference per channel (0–255) between two PNGs over their common area. */
export async function pixelDifference(harness: Harness, a: Buffer, b: Buffer): Promise<number> {
  const page = await harness.context.newPage();
  const mad = await page.evaluate(
    async ({ a, b }) => {
      const pixels: ImageData[] = [];
      for (const src of [a, b]) {
        const img = new Image();
        img.src = `data:image/png;base64,${src}`;
        await img.decode();
        const c = new OffscreenCanvas(img.naturalWidth, img.naturalHeight);
        c.getContext('2d')!.drawImage(img, 0, 0);
        pixels.push(c.getContext('2d')!.getImageData(0, 0, c.width, c.height));
      }
      const [x, y] = pixels as [ImageData, ImageData];
      const width = Math.min(x.width, y.width);
      const height = Math.min(x.height, y.height);
      let sum = 0;
      for (let row = 0; row < height; row++)
        for (let col = 0; col < width; col++) {
          const i = (row * x.width + col) * 4;
          const j = (row * y.width + col) * 4;
          for (let k = 0; k < 3; k++) sum += Math.abs(x.data[i + k]! - y.data[j + k]!);
        }
      return sum / (width * height * 3);
    },
    { a: a.toString('base64'), b: b.toString('base64') },
  );
  await page.close();
  return mad;
}
