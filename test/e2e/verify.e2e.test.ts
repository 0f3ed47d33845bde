/**
 * Verification says only what it measured, as the panel shows it: on an unchanged page (with
 * the plan previewed) a check lists no new finding on regions the critique did not have, and
 * every New region id is the check's own; a region removed from the page is gone, not
 * resolved; a finding a model saw is not re-checked. Check again twice gives the same answer.
 */
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { toCritique } from '@/utils/core/jobs/record';
import { type Finding } from '@/utils/core/schemas/finding';
import { CritiqueRecord } from '@/utils/core/schemas/record';
import { type Verify } from '@/utils/core/schemas/verify';
import { matchRegions } from '@/utils/core/verify/match';
import { compareScores } from '@/utils/core/verify/score';
import { artifactPath, critiqueInPanel, DEMO_DIR, withExtension } from '@/test/e2e/harness';

const FIXTURES = join(import.meta.dirname, '../fixtures/pages');
const env = withExtension({ '/fixtures': FIXTURES, '/demo': DEMO_DIR });

const record = async (jobId: string) =>
  CritiqueRecord.parse(await env.harness.askBackground('getRecord', { jobId }));

/** The tab's latest check, once one created after `since` has ended. */
async function checkAfter(tabId: number, since: number): Promise<CritiqueRecord> {
  const deadline = Date.now() + 60_000;
  for (;;) {
    const { check } = (await env.harness.askBackground('getJob', { tabId })) as { check: unknown };
    const parsed = check ? CritiqueRecord.parse(check) : null;
    if (parsed && parsed.createdAt >= since && ['done', 'failed'].includes(parsed.job.state)) return parsed;
    if (Date.now() > deadline) throw new Error('The check did not end.');
    await new Promise((r) => setTimeout(r, 200));
  }
}

/** Presses **Check again** in the Verify tab and returns the check it ran, as the panel shows it. */
async function checkAgain(panel: Page, tabId: number): Promise<CritiqueRecord> {
  await panel.getByRole('tab', { name: 'Verify' }).click();
  const since = Date.now();
  await panel.getByRole('button', { name: 'Check again' }).click();
  const check = await checkAfter(tabId, since);
  expect(check.job.state).toBe('done');
  await expect
    .poll(() => panel.getByTestId('verify-regions').textContent(), { timeout: 10_000 })
    .toContain(
      `${check.draft.verify!.matched.matched} of ${check.draft.verify!.matched.before} regions matched`,
    );
  return check;
}

const ids = (items: readonly { id: string }[]) => items.map((f) => f.id);
const listed = (panel: Page, group: string) =>
  panel
    .getByTestId(`verify-${group}`)
    .locator('li')
    .evaluateAll((items) => items.map((li) => li.getAttribute('data-finding-id')));

/** What must come out the same when nothing changed between two checks. */
const outcome = (v: Verify) => ({
  resolved: ids(v.resolved),
  still: v.still.map((s) => [s.id, s.nowId]),
  new: v.new.map((f) => [f.id, f.regionIds.join(' ')]),
  gone: ids(v.gone),
  notRechecked: ids(v.notRechecked),
  matched: v.matched,
  scores: [v.scoreBefore, v.scoreAfter, v.scoreAfterMatched],
});

const MODEL = new Set<Finding['basis']>(['seen', 'inferred']);

describe('verification in the panel says only what it measured', () => {
  it.each(['demo/demo.html', 'fixtures/table-layout-2000s.html'])(
    '%s: preview on page, then Check again twice: no new finding off the critique’s regions',
    async (url) => {
      const { page, tabId } = await env.harness.openTab(`${env.server.origin}/${url}`);
      const panel = await env.harness.openPanel(tabId);
      const critique = await record(await critiqueInPanel(panel, undefined, ['done']));
      await panel.getByRole('tab', { name: 'Alternative' }).click();
      await panel.getByRole('button', { name: 'Preview on page' }).click();
      await panel.getByTestId('compare').waitFor({ timeout: 45_000 });

      const checks = [await checkAgain(panel, tabId), await checkAgain(panel, tabId)];
      for (const check of checks) {
        const result = check.draft.verify!;
        expect(check.against).toBe(critique.id);
        const match = matchRegions(critique.draft.regions, check.draft.regions);
        const checkIds = new Set(check.draft.regions.map((r) => r.id));
        // New names the check's own regions, and only ones the critique had too.
        const offCritique = result.new.filter((f) => f.regionIds.some((id) => !match.before.has(id)));
        expect(offCritique).toEqual([]);
        for (const f of result.new) for (const id of f.regionIds) expect(checkIds.has(id)).toBe(true);
        const basis = new Map(critique.draft.findings.map((f) => [f.id, f.basis]));
        for (const f of [...result.resolved, ...result.still])
          expect(MODEL.has(basis.get(f.id) ?? 'measured')).toBe(false);
        // Nothing was removed: no earlier region is gone.
        expect(result.matched.gone).toBe(0);
        expect(result.gone).toEqual([]);
      }
      expect(outcome(checks[1]!.draft.verify!)).toEqual(outcome(checks[0]!.draft.verify!));

      // The panel: every badge under New is a region of the check.
      const shown = await panel
        .getByTestId('verify-new')
        .locator('[data-region-id]')
        .evaluateAll((els) => els.map((el) => el.getAttribute('data-region-id')!));
      const checkIds = new Set(checks[1]!.draft.regions.map((r) => r.id));
      expect(shown.filter((id) => !checkIds.has(id))).toEqual([]);
      expect(await listed(panel, 'resolved')).toEqual(ids(checks[1]!.draft.verify!.resolved));
      const v = checks[1]!.draft.verify!;
      console.log(
        `${url}: ${v.matched.matched} of ${v.matched.before} regions matched · ${v.matched.gone} gone · ${v.matched.added} new; ` +
          `${v.resolved.length} resolved, ${v.still.length} still, ${v.new.length} new; score ${v.scoreBefore} → ${v.scoreAfter} (same regions ${v.scoreAfterMatched})`,
      );
      await panel.screenshot({
        path: artifactPath(`verify-check-${url.replace(/\W+/g, '-')}.png`),
        fullPage: true,
      });
      await panel.close();
      await page.close();
    },
  );

  it('a region removed from the page is gone, in the check and in the panel, never resolved', async () => {
    const { page, tabId } = await env.harness.openTab(`${env.server.origin}/demo/demo.html`);
    const panel = await env.harness.openPanel(tabId);
    const critique = await record(await critiqueInPanel(panel, undefined, ['done']));
    const { regions, findings } = critique.draft;
    const parents = new Set(regions.map((r) => r.parentId));
    // A measured finding about one leaf region: remove that element from the page.
    const target = findings.find(
      (f) => f.basis === 'measured' && f.regionIds.length === 1 && !parents.has(f.regionIds[0]!),
    );
    expect(target).toBeDefined();
    const region = regions.find((r) => r.id === target!.regionIds[0])!;
    await page.evaluate((selector) => document.querySelector(selector)!.remove(), region.selector);

    const check = await checkAgain(panel, tabId);
    const result = check.draft.verify!;
    expect(result.matched.unmatched).toContain(region.id);
    expect(result.matched.gone).toBeGreaterThanOrEqual(1);
    expect(ids(result.gone)).toContain(target!.id);
    expect(ids(result.resolved)).not.toContain(target!.id);
    expect(await listed(panel, 'gone')).toContain(target!.id);
    expect(await listed(panel, 'resolved')).not.toContain(target!.id);
    expect(await panel.getByTestId('verify-regions').textContent()).toContain(
      `${result.matched.matched} of ${result.matched.before} regions matched · ${result.matched.gone} gone`,
    );
    // The page only lost something: it must not look better for it.
    expect(compareScores(result)).not.toBe('better');
    expect(await panel.getByTestId('score-verdict').textContent()).not.toBe('better');
    await panel.screenshot({ path: artifactPath('verify-gone.png'), fullPage: true });
    await panel.close();
    await page.close();
  });

  it('findings a model saw are listed as not re-checked, never resolved', async () => {
    const { page, tabId } = await env.harness.openTab(`${env.server.origin}/demo/demo.html`);
    const run = await env.harness.runJob({ tabId, mode: 'viewport' });
    const offline = CritiqueRecord.parse(run.record);
    const [first, second] = offline.draft.regions;
    const model: Finding[] = [
      {
        id: 'seen-1',
        title: 'The headline and the offer compete for attention',
        detail: 'The model saw two equally loud blocks.',
        severity: 'major',
        category: 'hierarchy',
        basis: 'seen',
        regionIds: [first!.id, second!.id],
        confidence: 0.7,
      },
      {
        id: 'inferred-1',
        title: 'The pricing reads as an afterthought',
        detail: 'A guess about intent.',
        severity: 'minor',
        category: 'spacing',
        basis: 'inferred',
        regionIds: [],
        confidence: 0.5,
      },
    ];
    const earlier = toCritique(offline);
    const imported = String(
      await env.harness.askBackground('importCritique', {
        critique: { ...earlier, engine: 'model:gpt-5.4-mini', findings: [...earlier.findings, ...model] },
      }),
    );
    const panel = await env.harness.openPanel(tabId);
    await panel.getByRole('tab', { name: 'Verify' }).click();
    const check = await checkAgain(panel, tabId);
    expect(check.against).toBe(imported);
    const result = check.draft.verify!;
    expect(ids(result.notRechecked)).toEqual(['seen-1', 'inferred-1']);
    for (const group of [result.resolved, result.still, result.new, result.gone])
      expect(ids(group).filter((id) => id === 'seen-1' || id === 'inferred-1')).toEqual([]);
    expect(await listed(panel, 'not-rechecked')).toEqual(['seen-1', 'inferred-1']);
    expect(await listed(panel, 'resolved')).not.toContain('seen-1');
    expect(await panel.getByRole('heading', { name: /Not re-checked \(2\)/ }).textContent()).toContain(
      'a model saw these, or OCR did not read their image again; a check judges only what it measures',
    );
    await panel.getByTestId('verify-result').scrollIntoViewIfNeeded();
    await panel.screenshot({ path: artifactPath('verify-not-rechecked.png'), fullPage: true });
    await panel.close();
    await page.close();
  });
});
