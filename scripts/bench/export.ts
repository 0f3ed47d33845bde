/**
 * Export on a full-page critique: how long the self-contained report takes to build and how
 * big it is, as the CLI builds it (renderReport with every picture as a data URL, the mockup's
 * a browser screenshot, in Node) and as the panel's **Download report** does (from the click to
 * the browser's download event: reading the pictures from IndexedDB, drawing the mockup with
 * html2canvas, encoding, building and saving the file), plus the Markdown, issue and CSS texts.
 */
import { readFileSync } from 'node:fs';
import { toCritique } from '@/utils/core/jobs/record';
import { planStylesheet } from '@/utils/core/report/exportCss';
import { critiqueMarkdown, issueText } from '@/utils/core/report/exportText';
import { renderReport } from '@/utils/core/report/report';
import { CritiqueRecord } from '@/utils/core/schemas/record';
import type { Harness } from '@/scripts/lib/browser';
import { median } from '@/scripts/lib/stats';

const dataUrl = (png: Buffer | undefined) => (png ? `data:image/png;base64,${png.toString('base64')}` : undefined);

export interface ExportRow {
  page: string;
  regions: number;
  findings: number;
  /** The full-page capture's height in px. */
  shotHeight: number;
  reportMs: number;
  reportKb: number;
  panelMs: number;
  panelKb: number;
  textsMs: number;
}

export async function exportBench(harness: Harness, url: string, reps: number): Promise<ExportRow> {
  const { page, tabId } = await harness.openTab(url);
  const { record: raw, artifacts } = await harness.runJob({ tabId, mode: 'full' });
  const record = CritiqueRecord.parse(raw);
  const critique = toCritique(record);
  // The mockup's picture as the CLI takes it: the browser's screenshot of mockup.html.
  let mockupPng: Buffer | undefined;
  if (artifacts.mockup) {
    const viewport = record.draft.extraction?.viewport ?? { width: 1280, height: 800 };
    const writer = await harness.context.newPage();
    await writer.setViewportSize({ width: viewport.width, height: viewport.height });
    await writer.setContent(artifacts.mockup.toString('utf8'));
    mockupPng = await writer.screenshot({ fullPage: true });
    await writer.close();
  }
  const build = () =>
    renderReport({
      critique,
      images: {
        annotated: dataUrl(artifacts.annotated),
        before: dataUrl(artifacts.shot),
        generated: dataUrl(artifacts.image),
        mockup: dataUrl(mockupPng),
      },
    });
  const reportTimes: number[] = [];
  const textTimes: number[] = [];
  let report = '';
  for (let i = 0; i < reps + 1; i++) {
    let t = performance.now();
    report = build();
    const reportMs = performance.now() - t;
    t = performance.now();
    const input = { critique, version: '0', createdAt: record.createdAt, annotatedFile: 'annotated.png' };
    critiqueMarkdown(input);
    issueText(input);
    planStylesheet(critique);
    const textsMs = performance.now() - t;
    if (i === 0) continue; // warm-up
    reportTimes.push(reportMs);
    textTimes.push(textsMs);
  }
  // The panel opens on the page's last critique: this one.
  const panel = await harness.openPanel(tabId);
  await panel.locator(`[data-job-id="${record.id}"][data-job-state=done]`).waitFor();
  const menu = panel.locator('#view-critique-panel').getByTestId('export');
  const panelTimes: number[] = [];
  let panelBytes = 0;
  for (let i = 0; i < reps + 1; i++) {
    await menu.getByRole('button', { name: 'Export' }).click();
    const item = menu.getByRole('button', { name: 'Download report' });
    await item.waitFor();
    const t = performance.now();
    const [download] = await Promise.all([panel.waitForEvent('download'), item.click()]);
    const path = await download.path();
    const ms = performance.now() - t;
    panelBytes = readFileSync(path!).length;
    if (i > 0) panelTimes.push(ms);
  }
  await panel.close();
  await page.close();
  return {
    page: new URL(url).pathname,
    regions: critique.regions.length,
    findings: critique.findings.length,
    shotHeight: record.draft.shot?.height ?? 0,
    reportMs: median(reportTimes),
    reportKb: Buffer.byteLength(report) / 1024,
    panelMs: median(panelTimes),
    panelKb: panelBytes / 1024,
    textsMs: median(textTimes),
  };
}
