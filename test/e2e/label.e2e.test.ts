import { describe, expect, it } from 'vitest';
import { artifactPath, CORPUS, withExtension } from './harness';

const env = withExtension({
  '/corpus': `${CORPUS}/pages`,
  '/fixtures': `${import.meta.dirname}/../fixtures/pages`,
});

describe('critique from the side panel', () => {
  it('critiques a corpus page: score, findings, numbered boxes on the page and on the screenshot, hover and click in sync', async () => {
    const { page, tabId } = await env.harness.openTab(`${env.server.origin}/corpus/17636.html`);
    const panel = await env.harness.openPanel(tabId);
    await panel.getByRole('button', { name: 'Critique' }).click();
    await panel.getByTestId('annotated-shot').waitFor();
    const listed = await panel.locator('[data-testid=region-list] li').count();
    expect(listed).toBeGreaterThan(5);
    expect(await page.locator('restage-overlay').count()).toBe(1);
    const score = Number(await panel.getByTestId('score-value').textContent());
    expect(score).toBeGreaterThanOrEqual(0);
    expect(score).toBeLessThanOrEqual(100);
    expect(await panel.locator('[data-testid=finding-list] li').count()).toBeGreaterThan(0);
    const summary = await panel.getByTestId('label-summary').textContent();
    expect(summary).toMatch(new RegExp(`^${listed} regions`));
    expect(summary).toMatch(/viewport capture 1280×800 px/);

    // Hover in the panel highlights the same region on the page.
    await panel.locator('[data-testid=region-list] li[data-region=r2]').hover();
    await expect
      .poll(() =>
        page.evaluate(
          () => document.querySelector('restage-overlay')!.shadowRoot!.querySelectorAll('.box.active').length,
        ),
      )
      .toBe(1);
    await page.screenshot({ path: artifactPath('label-page.png') });
    await panel.screenshot({ path: artifactPath('label-panel.png'), fullPage: true });

    // Clicking the last region scrolls the page to it.
    const last = await panel.locator('[data-testid=region-list] li').last().getAttribute('data-region');
    await panel.locator(`[data-testid=region-list] li[data-region=${last}]`).click();
    await expect.poll(() => page.evaluate(() => scrollY)).toBeGreaterThan(0);
  });
});
