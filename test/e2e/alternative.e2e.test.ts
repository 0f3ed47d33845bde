/**
 * The clearer alternative and verification, as the panel offers them: the plan previewed on
 * the real page with before and after side by side, the page put back exactly, and "Check
 * again" after a real change reporting the fixed finding as resolved.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { artifactPath, critiqueInPanel, DEMO_DIR, withExtension } from '@/test/e2e/harness';
import { pageState } from '@/test/e2e/pageState';

const FIXTURES = join(import.meta.dirname, '../fixtures/pages');
// A copy the test can change, as a developer would change their page and reload it.
const editable = mkdtempSync(join(tmpdir(), 'restage-verify-'));
writeFileSync(join(editable, 'button.html'), readFileSync(join(FIXTURES, 'low-contrast-button.html')));
const env = withExtension({ '/demo': DEMO_DIR, '/edit': editable });

describe('the clearer alternative in the panel', () => {
  it('previews the plan on the page, shows before and after, and puts the page back exactly', async () => {
    const { page, tabId } = await env.harness.openTab(`${env.server.origin}/demo/demo.html`);
    const panel = await env.harness.openPanel(tabId);
    await critiqueInPanel(panel, undefined, ['done']);
    const before = await pageState(page);
    await panel.getByRole('tab', { name: 'Alternative' }).click();
    const toggle = panel.getByRole('button', { name: 'Preview on page' });
    await toggle.click();
    expect(await toggle.getAttribute('aria-pressed')).toBe('true');
    const compare = panel.getByTestId('compare');
    await compare.waitFor({ timeout: 30_000 });
    expect(await compare.locator('img').count()).toBe(2);
    // The previewed page is the next state: restyled, same content.
    const during = await pageState(page);
    expect(during.marks).toBeGreaterThan(0);
    expect(await page.locator('body').innerText()).toContain('Start free trial');
    await panel.screenshot({ path: artifactPath('alternative-preview.png'), fullPage: true });
    await page.screenshot({ path: artifactPath('alternative-page-previewed.png') });

    await panel.getByRole('tab', { name: 'Verify' }).click();
    expect(await panel.getByTestId('score-after').textContent()).not.toBe(
      await panel.getByTestId('score-before').textContent(),
    );
    expect(await panel.getByTestId('verify-resolved').locator('li').count()).toBeGreaterThan(0);

    await panel.getByRole('tab', { name: 'Alternative' }).click();
    await toggle.click();
    expect(await toggle.getAttribute('aria-pressed')).toBe('false');
    await expect.poll(async () => (await pageState(page)).marks).toBe(0);
    expect(await pageState(page)).toEqual(before);
  });

  it('Check again after a real change and reload: the fixed finding is resolved', async () => {
    const { page, tabId } = await env.harness.openTab(`${env.server.origin}/edit/button.html`);
    const panel = await env.harness.openPanel(tabId);
    await critiqueInPanel(panel, undefined, ['done']);
    const failing = panel.getByRole('list', { name: 'Findings' }).locator('li[data-rule="wcag-1.4.3"]');
    expect(await failing.count()).toBe(1);
    const title = (await failing.locator('strong').first().textContent())!;

    // The developer fixes the button's colours and reloads.
    const fixed = readFileSync(join(FIXTURES, 'low-contrast-button.html'), 'utf8')
      .replace('color: #a9b4c2;', 'color: #ffffff;')
      .replace('background: #e9eef5;', 'background: #1f5fbf;');
    writeFileSync(join(editable, 'button.html'), fixed);
    await page.reload();
    await page.waitForLoadState('networkidle');

    await panel.getByRole('tab', { name: 'Verify' }).click();
    await panel.getByRole('button', { name: 'Check again' }).click();
    const resolved = panel.getByTestId('verify-resolved');
    await resolved.waitFor({ timeout: 30_000 });
    expect(await resolved.textContent()).toContain(title);
    expect(await panel.getByTestId('verify-result').textContent()).toMatch(/The page as it is now|Score/);
    await panel.screenshot({ path: artifactPath('verify-resolved.png'), fullPage: true });
  });
});
