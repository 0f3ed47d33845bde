import { afterAll, describe, expect, it } from 'vitest';
import type { CaptureMode } from '@/utils/core/schemas/capture';
import { DEMO_DIR, jobEnded, startCritique, withExtension } from '@/test/e2e/harness';
import { requestTrap } from '@/test/e2e/requestTrap';

// Chromium's own services (component updates, sign-in) may still knock despite the flags.
const CHROMIUM_SERVICES =
  /^(CONNECT |[A-Z]+ http:\/\/)[a-z0-9.-]+\.(google\.com|googleapis\.com|gstatic\.com)[:/]/;
const trap = await requestTrap();
const env = withExtension({ '/demo': DEMO_DIR }, { args: [trap.flag] });
afterAll(() => trap.close());

describe('with no model configured', () => {
  it('critiques in every capture mode, mockup included, and nothing leaves the machine', async () => {
    const { tabId } = await env.harness.openTab(`${env.server.origin}/demo/demo.html`);
    const panel = await env.harness.openPanel(tabId);
    for (const mode of ['viewport', 'full', 'dom'] as CaptureMode[])
      await jobEnded(panel, await startCritique(panel, mode), ['done']);
    await panel.getByRole('tab', { name: 'Alternative' }).click();
    await panel.locator('iframe').first().waitFor();
    await panel.close();
    const ours = () => trap.requests.filter((r) => !CHROMIUM_SERVICES.test(r));
    expect(ours()).toEqual([]);
    // The trap does catch a request that leaves the machine.
    const { page } = await env.harness.openTab(`${env.server.origin}/demo/demo.html`);
    await page.evaluate(() => fetch('https://api.openai.com/v1/models').catch(() => null));
    expect(ours()).toEqual(['CONNECT api.openai.com:443']);
  });
});
