/**
 * What reading images of text costs a critique: the `text-images` stage as the job runner
 * times it (cut the image regions from the capture, the pixel pre-check, OCR in the offscreen
 * document, contrast from the pixels), per page and per image read.
 */
import { CritiqueRecord } from '@/utils/core/schemas/record';
import type { Harness } from '@/scripts/lib/browser';
import { median } from '@/scripts/lib/stats';

export interface TextImagesRow {
  page: string;
  /** Image regions on the page. */
  images: number;
  /** Images read with OCR (the pre-check's or the alt text's pick, within the cap). */
  read: number;
  /** Findings from pixels: 1.4.3 failures and 1.4.5 notes. */
  failures: number;
  notes: number;
  /** The stage's time, median of the runs after the first; null when it skipped itself (no images). */
  stageMs: number | null;
  /** The stage's time per image read, per run. */
  perImageMs: number[];
  /** The first run's stage time: on the first page, it includes starting the OCR engine. */
  firstMs: number | null;
}

const READ = /^OCR read (\d+) images? for text/;

export async function textImagesBench(
  harness: Harness,
  origin: string,
  pages: readonly string[],
  reps: number,
): Promise<TextImagesRow[]> {
  const rows: TextImagesRow[] = [];
  for (const path of pages) {
    const { page, tabId } = await harness.openTab(`${origin}${path}`);
    const times: number[] = [];
    const perImageMs: number[] = [];
    let firstMs: number | null = null;
    let last: CritiqueRecord | null = null;
    for (let i = 0; i < reps + 1; i++) {
      const { record: raw } = await harness.runJob({ tabId, mode: 'viewport' });
      last = CritiqueRecord.parse(raw);
      const ms = last.job.stages.find((s) => s.name === 'text-images')?.ms ?? null;
      if (ms === null) break;
      const read = Number(last.draft.notes.map((n) => READ.exec(n)?.[1]).find(Boolean) ?? 0);
      if (i === 0) {
        firstMs = ms;
        continue;
      }
      times.push(ms);
      if (read > 0) perImageMs.push(ms / read);
    }
    const fromPixels = last!.draft.findings.filter((f) => f.source === 'pixels');
    rows.push({
      page: path,
      images: last!.draft.regions.filter((r) => r.kind === 'media').length,
      read: Number(last!.draft.notes.map((n) => READ.exec(n)?.[1]).find(Boolean) ?? 0),
      failures: fromPixels.filter((f) => f.rule === 'wcag-1.4.3').length,
      notes: fromPixels.filter((f) => f.rule === 'wcag-1.4.5').length,
      stageMs: times.length > 0 ? median(times) : null,
      perImageMs,
      firstMs,
    });
    await page.close();
  }
  return rows;
}
