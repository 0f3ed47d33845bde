import { describe, expect, it } from 'vitest';
import { DEMO_DIR, type ExtensionGlobal, jobEnded, startCritique, withExtension } from '@/test/e2e/harness';

const env = withExtension({ '/demo': DEMO_DIR });

describe('DOM render', () => {
  it('captures a tab in the background, and leaves it there', async () => {
    const { tabId } = await env.harness.openTab(`${env.server.origin}/demo/demo.html`);
    // A later tab in the same window is the one shown; the demo page goes to the background.
    await env.harness.openTab(`${env.server.origin}/demo/demo.html?front`);
    const active = () =>
      env.harness
        .extensionPage()
        .then((p) =>
          p.evaluate(
            async (id) => (await (globalThis as unknown as ExtensionGlobal).chrome.tabs.get(id)).active,
            tabId,
          ),
        );
    expect(await active()).toBe(false);
    const panel = await env.harness.openPanel(tabId);
    await jobEnded(panel, await startCritique(panel, 'dom'), ['done']);
    expect(await panel.getByTestId('label-summary').textContent()).toMatch(/dom capture \d+×\d+ px/);
    expect(await panel.getByTestId('capture-note').count()).toBe(0);
    expect(await active()).toBe(false);
    await panel.close();
  });
});
