import { describe, expect, it } from 'vitest';
import { artifactPath, critiqueInPanel, DEMO_DIR, withExtension } from '@/test/e2e/harness';

const env = withExtension({ '/demo': DEMO_DIR });

describe('critique from the side panel', () => {
  it('critiques the demo page: score, findings, numbered boxes on the page and on the screenshot, hover and click in sync', async () => {
    const { page, tabId } = await env.harness.openTab(`${env.server.origin}/demo/demo.html`);
    const panel = await env.harness.openPanel(tabId);
    await critiqueInPanel(panel, undefined, ['done']);
    await panel.getByTestId('annotated-shot').locator('img').waitFor();
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

    // Badges never cover the text they label: on the page, each sits outside its own box, or in
    // a corner of a box with no text there (badges.e2e.test.ts measures the text itself).
    const overlaps = await page.evaluate(() =>
      [...document.querySelector('restage-overlay')!.shadowRoot!.querySelectorAll('.box')].flatMap((box) => {
        if (box.querySelector('.badge[data-spot^=inside]')) return [];
        const b = box.getBoundingClientRect();
        const badge = box.querySelector('.badge')!.getBoundingClientRect();
        const x = Math.min(b.right, badge.right) - Math.max(b.left, badge.left);
        const y = Math.min(b.bottom, badge.bottom) - Math.max(b.top, badge.top);
        return x > 0.5 && y > 0.5 ? [box.querySelector('.badge')!.textContent] : [];
      }),
    );
    expect(overlaps).toEqual([]);
    // In the panel, boxes stay inside the screenshot and badges outside their boxes.
    const shot = await panel.getByTestId('annotated-shot').evaluate((figure) => {
      const f = figure.getBoundingClientRect();
      return [...figure.querySelectorAll('.shot__box')].map((box) => {
        const b = box.getBoundingClientRect();
        const badge = box.querySelector('.shot__badge')!.getBoundingClientRect();
        const inside =
          b.left >= f.left - 0.5 &&
          b.right <= f.right + 0.5 &&
          b.top >= f.top - 0.5 &&
          b.bottom <= f.bottom + 0.5;
        const x = Math.min(b.right, badge.right) - Math.max(b.left, badge.left);
        const y = Math.min(b.bottom, badge.bottom) - Math.max(b.top, badge.top);
        return { inside, covers: x > 0.5 && y > 0.5 && !box.querySelector('.shot__badge--inside') };
      });
    });
    expect(shot.length).toBeGreaterThan(10);
    expect(shot.filter((b) => !b.inside)).toEqual([]);
    expect(shot.filter((b) => b.covers)).toEqual([]);

    // Clicking the last region scrolls the page to it.
    const last = await panel.locator('[data-testid=region-list] li').last().getAttribute('data-region');
    await panel.locator(`[data-testid=region-list] li[data-region=${last}]`).click();
    await expect.poll(() => page.evaluate(() => scrollY)).toBeGreaterThan(0);
  });
});
