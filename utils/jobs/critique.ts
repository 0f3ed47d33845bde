import { capture } from '../capture/shoot';
import { measure } from '../measure';
import { score } from '../measure/score';
import { sendMessage, type CritiqueRun } from '../messaging';
import { toCssPatch } from '../plan/cssPatch';
import { restage } from '../plan/restage';
import { renderMockup } from '../render/mockup';
import type { CaptureMode, Shot } from '../schemas';
import { loadSettings } from '../settings/storage';
import { probeTab } from '../tabs/inject';

/**
 * The offline critique, run in the background for the side panel and the CLI alike:
 * regions → findings → boxes on the page (the first labels), then pixels, then the plan
 * (blueprint, CSS patch, same-content check) and the mockup.
 */
export async function critiqueTab(tabId: number, mode: CaptureMode, request?: string): Promise<CritiqueRun> {
  const started = performance.now();
  const page = await probeTab(tabId);
  const { privateSelectors } = await loadSettings();
  const notes: string[] = [];
  const errors: string[] = [];

  const extraction = await sendMessage('extractRegions', { privateSelectors }, tabId);
  const { regions, viewport } = extraction;
  const t1 = performance.now();
  const findings = measure(regions, viewport);
  const t2 = performance.now();
  await sendMessage('showOverlay', { regions }, tabId);
  const firstLabelsMs = performance.now() - started;

  let shot: Shot | null = null;
  const t3 = performance.now();
  try {
    shot = await capture(mode, { tabId, privateSelectors });
    notes.push(...shot.notes);
  } catch (error) {
    errors.push(`Capture failed: ${(error as Error).message}`);
  }
  const t4 = performance.now();
  const { blueprint, contentCheck } = restage(regions, findings, viewport);
  const cssPatch = toCssPatch(blueprint, regions);
  const t5 = performance.now();
  const mockupHtml = renderMockup({
    title: page.title,
    url: page.url,
    viewportWidth: viewport.width,
    regions,
    blueprint,
    cssPatch,
  });
  const t6 = performance.now();

  if (extraction.omitted > 0) {
    notes.push(
      `${extraction.omitted} more content blocks were left out: a critique covers at most 200 regions.`,
    );
  }
  if (request)
    notes.push(`Request noted: “${request}”. The offline engine does not read requests; a model does.`);

  return {
    critique: {
      url: page.url,
      engine: 'offline',
      regions,
      findings,
      score: score(findings),
      blueprint,
      cssPatch,
      contentCheck,
      timings: {
        captureMs: t4 - t3,
        regionsMs: t1 - started,
        measureMs: t2 - t1,
        planMs: t5 - t4,
        renderMs: t6 - t5,
        totalMs: t6 - started,
      },
      notes,
      errors,
    },
    shot,
    mockupHtml,
    firstLabelsMs,
    inPageRegionsMs: extraction.ms,
  };
}
