/**
 * The live preview on real pages: apply the offline plan's CSS patch, re-extract and re-measure
 * the previewed page, verify it against the critique before, then revert. Times each step (the
 * apply is the round trip of the applyPreview message, so it includes the messaging) and keeps
 * the score before and after for the distribution.
 */
import { measure } from '@/utils/core/measure';
import { score } from '@/utils/core/measure/score';
import { offlinePlan } from '@/utils/core/plan/choose';
import { Extraction } from '@/utils/core/schemas/capture';
import { verify } from '@/utils/core/verify/verify';
import type { Harness } from '@/scripts/lib/browser';
import { median } from '@/scripts/lib/stats';

export interface PreviewRow {
  file: string;
  regions: number;
  patched: number;
  /** The applyPreview round trip, and the part of it spent in the page. */
  applyMs: number;
  applyInPageMs: number;
  remeasureMs: number;
  verifyMs: number;
  before: number;
  after: number;
  resolved: number;
  still: number;
  new: number;
  intentsMet: number;
  intents: number;
  /** The intents the previewed page does not meet. */
  unmet: string[];
}

export async function previewBench(
  harness: Harness,
  origin: string,
  files: readonly string[],
  reps: number,
): Promise<PreviewRow[]> {
  const rows: PreviewRow[] = [];
  for (const file of files) {
    const { page, tabId } = await harness.openTab(`${origin}/corpus/${file}`);
    const extract = async () =>
      Extraction.parse(await harness.ask(tabId, 'extractRegions', { privateSelectors: [] }));
    const first = await extract();
    const findings = measure(first.regions, first.viewport);
    const { blueprint, cssPatch: patch } = offlinePlan(first.regions, findings, first.viewport);
    const earlier = { regions: first.regions, findings, score: score(findings), blueprint };
    const apply: number[] = [];
    const inPage: number[] = [];
    const remeasure: number[] = [];
    const verifying: number[] = [];
    let last: ReturnType<typeof verify> | null = null;
    for (let i = 0; i < reps + 1; i++) {
      let t = performance.now();
      const reply = (await harness.ask(tabId, 'applyPreview', { patch, regions: first.regions })) as {
        ms: number;
      };
      const applied = performance.now() - t;
      t = performance.now();
      const later = await extract();
      const found = measure(later.regions, later.viewport);
      const laterScore = score(found);
      const measured = performance.now() - t;
      t = performance.now();
      last = verify(
        earlier,
        { regions: later.regions, findings: found, score: laterScore, blueprint: null },
        { viewportHeight: first.viewport.height },
      );
      const verified = performance.now() - t;
      await harness.ask(tabId, 'revertPreview');
      if (i === 0) continue; // warm-up
      apply.push(applied);
      inPage.push(reply.ms);
      remeasure.push(measured);
      verifying.push(verified);
    }
    rows.push({
      file,
      regions: first.regions.length,
      patched: patch.length,
      applyMs: median(apply),
      applyInPageMs: median(inPage),
      remeasureMs: median(remeasure),
      verifyMs: median(verifying),
      before: last!.scoreBefore,
      after: last!.scoreAfter,
      resolved: last!.resolved.length,
      still: last!.still.length,
      new: last!.new.length,
      intentsMet: last!.intents.filter((i) => i.met === true).length,
      intents: last!.intents.filter((i) => i.met !== null).length,
      unmet: last!.intents.filter((i) => i.met === false).map((i) => i.intent),
    });
    await page.close();
  }
  return rows;
}
