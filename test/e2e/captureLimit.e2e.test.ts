import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { maxStitchHeight } from '@/utils/background/capture/image';
import { jobEnded, startCritique, withExtension } from '@/test/e2e/harness';

const pages = mkdtempSync(join(tmpdir(), 'restage-limit-'));
writeFileSync(
  join(pages, 'towering.html'),
  `<!doctype html><html lang="en"><head><title>Towering</title></head>
  <body style="margin: 0"><h1>A very tall page</h1><div style="height: 40000px"></div><p>The end.</p></body></html>`,
);
// A tall window, so that the capture takes fewer frames.
const env = withExtension({ '/pages': pages }, { height: 2000 });

describe('full-page capture', () => {
  it('truncates a page taller than the canvas limit, with a note', async () => {
    const { page, tabId } = await env.harness.openTab(`${env.server.origin}/pages/towering.html`);
    const height = await page.evaluate(() => document.documentElement.scrollHeight);
    const limit = maxStitchHeight(1280, 1);
    expect(height).toBeGreaterThan(limit);
    const panel = await env.harness.openPanel(tabId);
    await jobEnded(panel, await startCritique(panel, 'full'), ['done'], 60_000);
    expect(await panel.getByTestId('label-summary').textContent()).toContain(`full capture 1280×${limit} px`);
    expect(await panel.getByTestId('capture-note').allTextContents()).toContain(
      `Truncated at ${limit} px: the page is ${height} px tall, beyond the canvas limit.`,
    );
    await panel.close();
  }, 90_000);
});
