import { describe, expect, it } from 'vitest';
import { DEMO_DIR, jobEnded, startCritique, withExtension } from '@/test/e2e/harness';

// A screen at twice the CSS pixel density, as on most laptops.
const env = withExtension({ '/demo': DEMO_DIR }, { args: ['--force-device-scale-factor=2'] });

describe('viewport capture on a 2× screen', () => {
  it('is taken at the device pixel ratio: two image pixels per CSS pixel each way', async () => {
    const { page, tabId } = await env.harness.openTab(`${env.server.origin}/demo/demo.html`);
    const { width, height } = await page.evaluate(() => ({ width: innerWidth, height: innerHeight }));
    const panel = await env.harness.openPanel(tabId);
    await jobEnded(panel, await startCritique(panel, 'viewport'), ['done']);
    expect(await panel.getByTestId('label-summary').textContent()).toContain(
      `viewport capture ${width * 2}×${height * 2} px`,
    );
    await panel.close();
  });
});
