/**
 * History from the panel, in real Chromium: three critiques of one page and a check give a
 * chart of four points in time order on a 0–100 axis; each critique has a JPEG thumbnail that
 * decodes; a check names the critique it checked and opens it, and the critique lists its
 * check; search filters as you type; Delete offers Undo for 10 s, which brings back the
 * record and its artifacts byte for byte, and two deletes in a row keep separate Undos. axe-core
 * finds no violation in the view.
 */
import { readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { CritiqueRecord } from '@/utils/core/schemas/record';
import { AXE } from '@/test/e2e/axeContrast';
import { artifactPath, critiqueInPanel, DEMO_DIR, withExtension } from '@/test/e2e/harness';

const env = withExtension({ '/demo': DEMO_DIR });

const record = async (jobId: string) =>
  CritiqueRecord.parse(await env.harness.askBackground('getRecord', { jobId }));

/** A critique's stored rows as base64, read from the extension's IndexedDB in the panel. */
const stored = (panel: Page, id: string) =>
  panel.evaluate(`new Promise((resolve, reject) => {
    const open = indexedDB.open('restage');
    open.onerror = () => reject(open.error);
    open.onsuccess = () => {
      const tx = open.result.transaction(['critiques', 'artifacts']);
      const row = tx.objectStore('critiques').get(${JSON.stringify(id)});
      const files = tx.objectStore('artifacts').index('critiqueId').getAll(${JSON.stringify(id)});
      tx.oncomplete = async () => {
        const artifacts = {};
        for (const a of files.result) {
          const bytes = new Uint8Array(await a.blob.arrayBuffer());
          let binary = '';
          for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
          artifacts[a.id] = a.blob.type + ':' + btoa(binary);
        }
        open.result.close();
        resolve({ row: row.result ? JSON.stringify(row.result) : null, artifacts });
      };
    };
  })`) as Promise<{ row: string | null; artifacts: Record<string, string> }>;

/** The thumbnail of `id` as the browser decodes it: its type, its first bytes and its size. */
const decodedThumb = (panel: Page, artifactId: string) =>
  panel.evaluate(`new Promise((resolve, reject) => {
    const open = indexedDB.open('restage');
    open.onsuccess = () => {
      const get = open.result.transaction('artifacts').objectStore('artifacts').get(${JSON.stringify(artifactId)});
      get.onsuccess = async () => {
        open.result.close();
        const blob = get.result.blob;
        const head = [...new Uint8Array(await blob.slice(0, 3).arrayBuffer())];
        const bitmap = await createImageBitmap(blob);
        resolve({ type: blob.type, head, width: bitmap.width, height: bitmap.height });
      };
      get.onerror = () => reject(get.error);
    };
  })`) as Promise<{ type: string; head: number[]; width: number; height: number }>;

/** Presses **Check again** in Verify and returns the check once it has ended. */
async function checkAgain(panel: Page, tabId: number): Promise<CritiqueRecord> {
  await panel.getByRole('tab', { name: 'Verify' }).click();
  const since = Date.now();
  await panel.getByRole('button', { name: 'Check again' }).click();
  const deadline = Date.now() + 60_000;
  for (;;) {
    const { check } = (await env.harness.askBackground('getJob', { tabId })) as { check: unknown };
    const parsed = check ? CritiqueRecord.parse(check) : null;
    if (parsed && parsed.createdAt >= since && parsed.job.state === 'done') return parsed;
    if (Date.now() > deadline) throw new Error('The check did not end.');
    await panel.waitForTimeout(200);
  }
}

const row = (panel: Page, id: string) => panel.locator(`li[data-critique="${id}"]`);

describe('History in the panel', () => {
  it('shows progress: labels, thumbnails, a linked check, a chart of every run, search, and Undo', async () => {
    const { page, tabId } = await env.harness.openTab(`${env.server.origin}/demo/demo.html`);
    const panel = await env.harness.openPanel(tabId);
    const critiques: CritiqueRecord[] = [];
    for (let i = 0; i < 3; i++)
      critiques.push(await record(await critiqueInPanel(panel, 'viewport', ['done'])));
    const [first, second, third] = critiques as [CritiqueRecord, CritiqueRecord, CritiqueRecord];

    // A new critique's thumbnail exists, is a JPEG within 240 × 160, and decodes.
    expect(third.draft.thumb?.stored).toBe(true);
    const thumb = await decodedThumb(panel, third.draft.thumb!.id);
    expect(thumb.type).toBe('image/jpeg');
    expect(thumb.head).toEqual([0xff, 0xd8, 0xff]);
    expect(thumb.width).toBeGreaterThan(0);
    expect(thumb.width).toBeLessThanOrEqual(240);
    expect(thumb.height).toBeGreaterThan(0);
    expect(thumb.height).toBeLessThanOrEqual(160);

    // Three critiques of one page: three points, oldest first, at their scores on 0–100.
    await panel.getByRole('tab', { name: 'History' }).click();
    const group = panel.locator(`section[data-page-url="${page.url()}"]`);
    const chart = group.getByTestId('score-chart');
    await expect.poll(() => chart.getAttribute('data-points')).toBe('3');
    const points = () =>
      chart
        .locator('[data-run-id]')
        .evaluateAll((els) =>
          els.map((el) => [el.getAttribute('data-run-id'), Number(el.getAttribute('data-score'))]),
        );
    expect(await points()).toEqual(critiques.map((c) => [c.id, c.draft.score!.value]));
    expect(await chart.getAttribute('role')).toBe('img');
    const name = await chart.evaluate((svg) => svg.querySelector('title')?.textContent ?? '');
    expect(name).toContain(
      `${Math.round(first.draft.score!.value)} → ${Math.round(third.draft.score!.value)} of 100`,
    );
    for (const score of ['0', '50', '100'])
      expect(await chart.locator('text', { hasText: new RegExp(`^${score}$`) }).count()).toBe(1);

    // Every critique row is labelled and shows its thumbnail, decoded by the page.
    for (const c of critiques) {
      expect(await row(panel, c.id).getAttribute('data-label')).toBe('Critique');
      const img = row(panel, c.id).getByTestId('history-thumb');
      await img.waitFor();
      await expect
        .poll(() =>
          img.evaluate((el) =>
            (el as HTMLImageElement).decode().then(() => (el as HTMLImageElement).naturalWidth),
          ),
        )
        .toBeGreaterThan(0);
    }

    // A check of the newest critique: labelled, linked both ways, and a fourth point.
    const check = await checkAgain(panel, tabId);
    expect(check.against).toBe(third.id);
    await panel.getByRole('tab', { name: 'History' }).click();
    await expect.poll(() => chart.getAttribute('data-points')).toBe('4');
    expect((await points()).map(([id]) => id)).toEqual([...critiques.map((c) => c.id), check.id]);
    expect(await row(panel, check.id).getAttribute('data-label')).toBe('Check');
    const link = row(panel, check.id).getByTestId('checked-critique');
    expect(await link.getAttribute('data-against')).toBe(third.id);
    const checks = row(panel, third.id).getByTestId('critique-checks');
    expect(
      await checks
        .locator('[data-check-id]')
        .evaluateAll((els) => els.map((el) => el.getAttribute('data-check-id'))),
    ).toEqual([check.id]);
    expect(await row(panel, second.id).getByTestId('critique-checks').count()).toBe(0);

    // A round refining the newest critique, saved as a record of one is (running rounds is
    // not History's part): the three labels side by side, and the round's link to what it refines.
    const roundId = `${third.id}-round-2`;
    await panel.evaluate(`new Promise((resolve, reject) => {
      const open = indexedDB.open('restage');
      open.onsuccess = () => {
        const store = open.result.transaction('critiques', 'readwrite').objectStore('critiques');
        const get = store.get(${JSON.stringify(third.id)});
        get.onsuccess = () => {
          const now = Date.now();
          const put = store.put({ ...get.result, id: ${JSON.stringify(roundId)}, round: 2, refines: ${JSON.stringify(third.id)}, request: 'make the price bigger', createdAt: now, updatedAt: now });
          put.onsuccess = () => (open.result.close(), resolve(null));
          put.onerror = () => reject(put.error);
        };
      };
      open.onerror = () => reject(open.error);
    })`);
    await panel.getByRole('tab', { name: 'Critique' }).click();
    await panel.getByRole('tab', { name: 'History' }).click();
    await row(panel, roundId).waitFor();
    expect(await row(panel, roundId).getAttribute('data-label')).toBe('Round 2');
    expect(await row(panel, roundId).textContent()).toContain('“make the price bigger”');
    await expect.poll(() => chart.getAttribute('data-points')).toBe('5');
    expect(
      await panel
        .locator('li[data-critique]')
        .evaluateAll((els) => els.map((el) => el.getAttribute('data-label'))),
    ).toEqual(['Round 2', 'Check', 'Critique', 'Critique', 'Critique']);

    // axe-core, the outside reference, finds nothing wrong in the History view (the chart's
    // text alternative, the labelled controls, the contrast of the labels).
    await panel.evaluate(readFileSync(AXE, 'utf8'));
    const axe = (await panel.evaluate(`axe
      .run(document.querySelector('[data-testid=history-view]'))
      .then((r) => ({
        violations: r.violations.map((v) => v.id + ': ' + v.nodes.map((n) => n.target.join(' ')).join(', ')),
        passes: r.passes.map((p) => p.id),
      }))`)) as { violations: string[]; passes: string[] };
    expect(axe.violations).toEqual([]);
    expect(axe.passes).toEqual(expect.arrayContaining(['svg-img-alt', 'button-name', 'label', 'image-alt']));

    for (const width of [320, 360, 800]) {
      await panel.setViewportSize({ width, height: 900 });
      await panel.screenshot({ path: artifactPath(`history-${width}.png`), fullPage: true });
    }
    await panel.setViewportSize({ width: 400, height: 720 });

    // The check opens the critique it checked…
    await link.getByRole('button', { name: /^Open the critique it checked/ }).click();
    await expect
      .poll(() => panel.getByRole('tab', { name: 'Critique' }).getAttribute('aria-selected'))
      .toBe('true');
    await panel.locator(`[data-job-id="${third.id}"][data-job-state=done]`).waitFor();
    // …and the critique opens its check, in Verify.
    await panel.getByRole('tab', { name: 'History' }).click();
    await checks.getByRole('button', { name: /^Open check/ }).click();
    await expect
      .poll(() => panel.getByRole('tab', { name: 'Verify' }).getAttribute('aria-selected'))
      .toBe('true');
    await expect
      .poll(() => panel.getByTestId('verify-regions').textContent())
      .toContain(
        `${check.draft.verify!.matched.matched} of ${check.draft.verify!.matched.before} regions matched`,
      );

    // Search as you type, by title and by URL.
    await panel.getByRole('tab', { name: 'History' }).click();
    const search = panel.getByRole('searchbox', { name: 'Search history by page URL or title' });
    const title = await page.title();
    await search.fill(title.slice(0, 6).toUpperCase());
    await expect.poll(() => group.count()).toBe(1);
    await search.fill('no-such-page-anywhere');
    await expect.poll(() => group.count()).toBe(0);
    expect(await panel.getByTestId('history-matches').textContent()).toBe('No page matches.');
    await search.fill(new URL(page.url()).pathname);
    await expect.poll(() => group.count()).toBe(1);
    await search.fill('');

    // Delete two in a row, undo the first: it comes back exactly; the second is gone after 10 s.
    const before = await stored(panel, first.id);
    expect(Object.keys(before.artifacts).sort()).toContain(first.draft.thumb!.id);
    const secondBefore = await stored(panel, second.id);
    expect(secondBefore.row).not.toBeNull();
    await row(panel, first.id)
      .getByRole('button', { name: /^Delete critique of/ })
      .click();
    await expect.poll(() => row(panel, first.id).count()).toBe(0);
    expect(await stored(panel, first.id)).toEqual({ row: null, artifacts: {} });
    await row(panel, second.id)
      .getByRole('button', { name: /^Delete critique of/ })
      .click();
    const deletedSecondAt = Date.now();
    await expect.poll(() => row(panel, second.id).count()).toBe(0);
    const bar = panel.getByTestId('history-undo');
    expect(
      await bar
        .locator('[data-pending-id]')
        .evaluateAll((els) => els.map((el) => el.getAttribute('data-pending-id'))),
    ).toEqual([first.id, second.id]);
    expect(await panel.evaluate(() => document.activeElement?.getAttribute('data-undo-id'))).toBe(second.id);
    await panel.screenshot({ path: artifactPath('history-undo-360.png'), fullPage: true });

    await bar.locator(`[data-undo-id="${first.id}"]`).click();
    await row(panel, first.id).waitFor();
    expect(await stored(panel, first.id)).toEqual(before);
    // The focus the Undo button had goes to the run it brought back.
    await expect
      .poll(() =>
        panel.evaluate(() =>
          document.activeElement?.closest('li[data-critique]')?.getAttribute('data-critique'),
        ),
      )
      .toBe(first.id);
    await row(panel, first.id).getByTestId('history-thumb').waitFor();
    // The first's Undo did not touch the second's: still offered, still deleted.
    expect(
      await bar
        .locator('[data-pending-id]')
        .evaluateAll((els) => els.map((el) => el.getAttribute('data-pending-id'))),
    ).toEqual([second.id]);
    expect((await stored(panel, second.id)).row).toBeNull();
    await panel.waitForTimeout(Math.max(0, deletedSecondAt + 8_500 - Date.now()));
    expect(await bar.locator(`[data-undo-id="${second.id}"]`).count()).toBe(1);
    await bar.locator(`[data-pending-id="${second.id}"]`).waitFor({ state: 'detached', timeout: 5_000 });
    const offeredMs = Date.now() - deletedSecondAt;
    console.log(`Undo offered for ${offeredMs} ms after the second delete`);
    expect(offeredMs).toBeGreaterThanOrEqual(9_500);
    expect(offeredMs).toBeLessThan(12_000);
    expect(await stored(panel, second.id)).toEqual({ row: null, artifacts: {} });
    await expect.poll(() => chart.getAttribute('data-points')).toBe('4');

    // Closing the panel ends the Undo windows: the delete stays done, and no Undo is offered.
    await row(panel, third.id)
      .getByRole('button', { name: /^Delete critique of/ })
      .click();
    await bar.locator(`[data-undo-id="${third.id}"]`).waitFor();
    await panel.close();
    const reopened = await env.harness.openPanel(tabId);
    await reopened.getByRole('tab', { name: 'History' }).click();
    await row(reopened, first.id).waitFor();
    expect(await row(reopened, third.id).count()).toBe(0);
    expect(await reopened.getByTestId('history-undo').locator('[data-pending-id]').count()).toBe(0);
    expect(await stored(reopened, third.id)).toEqual({ row: null, artifacts: {} });
    await reopened.close();
    await page.close();
  }, 240_000);
});
