/**
 * Triage from the side panel, in real Chromium: filter and sort the findings, ignore one with a
 * reason, critique the page again (it is not raised, and shows under Ignored (1) with its
 * reason), restore it (back at once, and raised by the next critique), the score the same
 * throughout (ignored findings still count), and a card lighting all its regions on the page
 * and on the screenshot. On the demo page and on a 2000s table layout.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFakeOpenAI, type FakeOpenAI } from '@/test/fake-openai/server';
import { type Finding } from '@/utils/core/schemas/finding';
import { CritiqueRecord } from '@/utils/core/schemas/record';
import { type Region } from '@/utils/core/schemas/region';
import { DEFAULT_SETTINGS } from '@/utils/core/schemas/settings';
import { sortFindings } from '@/utils/core/triage/filter';
import {
  artifactPath,
  critiqueInPanel,
  DEMO_DIR,
  withExtension,
  type ExtensionGlobal,
} from '@/test/e2e/harness';

const env = withExtension({ '/demo': DEMO_DIR, '/fixtures': `${import.meta.dirname}/../fixtures/pages` });

const recordOf = async (jobId: string) =>
  CritiqueRecord.parse(await env.harness.askBackground('getRecord', { jobId }));

/** The region ids whose boxes the page's overlay shows lit. */
const litOnPage = (page: Page) =>
  page.evaluate(() =>
    [...document.querySelector('restage-overlay')!.shadowRoot!.querySelectorAll('.box.active')]
      .map((box) => (box as HTMLElement).dataset.region ?? '')
      .sort(),
  );
/** The region ids lit on the panel's screenshot. */
const litOnShot = (panel: Page) =>
  panel
    .getByTestId('annotated-shot')
    .evaluate((figure) =>
      [...figure.querySelectorAll('.shot__box--active, .shot__faint--active')]
        .map((box) => (box as HTMLElement).dataset.region ?? '')
        .sort(),
    );
/** The regions of `f` the screenshot shows (a viewport capture shows those at least partly in it). */
const onShot = (record: CritiqueRecord, f: Finding) => {
  const area = record.draft.shot!.area;
  const byId = new Map(record.draft.regions.map((r) => [r.id, r]));
  return f.regionIds
    .filter((id) => {
      const b = byId.get(id)!.box;
      return (
        b.x < area.x + area.width &&
        b.y < area.y + area.height &&
        b.x + b.width > area.x &&
        b.y + b.height > area.y
      );
    })
    .sort();
};
const keysOf = (f: Finding, regions: readonly Region[]) =>
  f.regionIds
    .map((id) => regions.find((r) => r.id === id)!.key)
    .sort()
    .join();
/** The finding of `record` that is `f` again: the same kind on the same regions (by key). */
const same = (record: CritiqueRecord, f: Finding, was: readonly Region[]) => (g: Finding) =>
  (g.rule ?? g.category) === (f.rule ?? f.category) && keysOf(g, record.draft.regions) === keysOf(f, was);

const card = (panel: Page, id: string) => panel.locator(`[aria-label=Findings] li[data-finding="${id}"]`);
const score = async (panel: Page) => Number(await panel.getByTestId('score-value').textContent());
const storedIgnores = async () =>
  (await env.harness.extensionPage()).evaluate(async () => {
    const { chrome } = globalThis as unknown as ExtensionGlobal;
    return (await chrome.storage.local.get('ignores')).ignores ?? null;
  });

/** A main-list finding (not a folded note) whose regions the screenshot shows, most regions first. */
const pick = (record: CritiqueRecord, skip: readonly string[] = []) =>
  record.draft.findings
    .filter((f) => f.severity !== 'info' && f.rule !== 'wcag-1.4.6' && !skip.includes(f.id))
    .filter((f) => f.regionIds.length > 0 && onShot(record, f).length === f.regionIds.length)
    .sort((a, b) => b.regionIds.length - a.regionIds.length)[0];

async function shots(panel: Page, name: string) {
  for (const width of [320, 360, 800]) {
    await panel.setViewportSize({ width, height: 640 });
    // The filters at the top of the view, then the Ignored list when there is one.
    await panel
      .getByRole('group', { name: 'Filter and sort findings' })
      .evaluate((el) => el.scrollIntoView());
    await panel.screenshot({ path: artifactPath(`${name}-filters-${width}.png`) });
    const ignored = panel.getByTestId('ignored-findings');
    if (await ignored.count()) {
      await ignored.evaluate((el) => el.scrollIntoView({ block: 'center' }));
      await panel.screenshot({ path: artifactPath(`${name}-ignored-${width}.png`) });
    }
    // Nothing wider than the panel: the filters wrap.
    const overflow = await panel.evaluate(() => document.documentElement.scrollWidth - innerWidth);
    expect(overflow, `horizontal overflow at ${width} px`).toBeLessThanOrEqual(0);
  }
  await panel.setViewportSize({ width: 400, height: 720 });
}

describe('triage in the side panel', () => {
  it('ignores a finding with a reason, keeps it out of the next critique, restores it; the score counts it throughout; a card lights its regions', async () => {
    const { page, tabId } = await env.harness.openTab(`${env.server.origin}/demo/demo.html`);
    const panel = await env.harness.openPanel(tabId);
    const first = await recordOf(await critiqueInPanel(panel));
    await panel.getByTestId('annotated-shot').locator('img').waitFor();
    const scoreBefore = await score(panel);
    expect(await panel.getByTestId('score-ignored').textContent()).toMatch(/Ignored findings still count/);

    // Hovering the card itself (its title, not a badge) lights all its regions, here and there.
    const f = pick(first)!;
    expect(f, 'a finding with regions on the screenshot').toBeDefined();
    await card(panel, f.id).locator('.finding__head').hover();
    await expect.poll(() => litOnPage(page)).toEqual([...f.regionIds].sort());
    await expect.poll(() => litOnShot(panel)).toEqual(onShot(first, f));
    await panel.mouse.move(1, 1);
    await expect.poll(() => litOnPage(page)).toEqual([]);
    // Focus does the same, from the keyboard: Tab into another card.
    const g = pick(first, [f.id])!;
    expect(g, 'a second finding with regions on the screenshot').toBeDefined();
    await card(panel, g.id).getByRole('button', { name: 'Ignore' }).focus();
    await expect.poll(() => litOnPage(page)).toEqual([...g.regionIds].sort());
    await expect.poll(() => litOnShot(panel)).toEqual(onShot(first, g));
    // Pictures of the lit regions, with the pointer where scrolling cannot put it over a box.
    await panel.mouse.move(0, 0);
    await panel.getByTestId('annotated-shot').screenshot({ path: artifactPath('triage-card-lit-shot.png') });
    await page.screenshot({ path: artifactPath('triage-card-lit-page.png') });
    expect(await litOnShot(panel)).toEqual(onShot(first, g));
    console.log(
      `demo page: lit ${f.rule} on ${f.regionIds.join(', ')} by hover, ${g.rule} on ${g.regionIds.join(', ')} by focus`,
    );
    await panel.keyboard.press('Shift+Tab');

    // Ignore it, with a reason: out of the list at once, under Ignored (1); the score stays.
    await card(panel, f.id).getByRole('button', { name: 'Ignore' }).click();
    await card(panel, f.id)
      .getByRole('textbox', { name: 'Reason for ignoring (optional)' })
      .fill('Brand colour, on purpose');
    const ignoredAt = Date.now();
    await panel.keyboard.press('Enter');
    await card(panel, f.id).waitFor({ state: 'detached' });
    const ignoreMs = Date.now() - ignoredAt;
    const ignored = panel.getByTestId('ignored-findings');
    expect(await ignored.locator('summary').textContent()).toBe('Ignored (1)');
    expect(await score(panel)).toBe(scoreBefore);
    expect(await panel.getByTestId('score-ignored').textContent()).toMatch(/\(1 ignored here\)/);
    expect((await recordOf(first.id)).draft.ignored.map((i) => i.finding.id)).toEqual([f.id]);

    // The next critique of the page does not raise it, and lists it with the reason.
    const second = await recordOf(await critiqueInPanel(panel));
    expect(second.id).not.toBe(first.id);
    expect(second.draft.findings.filter(same(second, f, first.draft.regions))).toEqual([]);
    expect(second.draft.ignored.map((i) => [i.finding.title, i.reason])).toEqual([
      [f.title, 'Brand colour, on purpose'],
    ]);
    expect(second.draft.findings.length).toBe(first.draft.findings.length - 1);
    await ignored.locator('summary').click();
    expect(await ignored.locator('summary').textContent()).toBe('Ignored (1)');
    expect(await ignored.getByTestId('ignore-reason').textContent()).toBe('Reason: Brand colour, on purpose');
    // The page did not change, so neither did the score: ignoring is not a fix.
    expect(await score(panel)).toBe(scoreBefore);
    expect(second.draft.score!.value).toBe(first.draft.score!.value);
    // The plan is checked against the page's own score, ignored findings included: the same plan.
    expect(second.draft.plan?.cssPatch).toEqual(first.draft.plan?.cssPatch);

    // Filters and Ignored, at three widths.
    await panel.getByRole('combobox', { name: 'Sort' }).selectOption('position');
    await shots(panel, 'triage-demo');

    // Restore: back in this critique's list at once, and no longer saved for the page.
    const again = second.draft.ignored[0]!.finding;
    const restoredAt = Date.now();
    await ignored.getByRole('button', { name: 'Restore' }).click();
    await card(panel, again.id).waitFor();
    console.log(`Ignore to card gone: ${ignoreMs} ms; Restore to card back: ${Date.now() - restoredAt} ms`);
    expect(await panel.getByTestId('ignored-findings').count()).toBe(0);
    expect(await score(panel)).toBe(scoreBefore);
    expect(Object.keys((await storedIgnores()) as object)).toEqual([]);

    // The next critique raises it again.
    const third = await recordOf(await critiqueInPanel(panel));
    expect(third.draft.findings.filter(same(third, f, first.draft.regions))).toHaveLength(1);
    expect(third.draft.ignored).toEqual([]);
    expect(await score(panel)).toBe(scoreBefore);
  });

  it('on a 2000s table layout: filters, page order, and an ignore that holds across critiques', async () => {
    const { page, tabId } = await env.harness.openTab(
      `${env.server.origin}/fixtures/table-layout-2000s.html`,
    );
    const panel = await env.harness.openPanel(tabId);
    const first = await recordOf(await critiqueInPanel(panel));
    await panel.getByTestId('annotated-shot').locator('img').waitFor();
    expect(first.draft.findings.length).toBeGreaterThan(1);
    const main = (fs: Finding[]) =>
      fs.filter((f) => f.severity !== 'info' && f.rule !== 'wcag-1.4.6').map((f) => f.id);
    const listed = () =>
      panel
        .locator('[aria-label=Findings] > li')
        .evaluateAll((lis) => lis.map((li) => li.getAttribute('data-finding')));

    // Page order is the regions' order on the page (top, then left), as the sort defines it.
    await panel.getByRole('combobox', { name: 'Sort' }).selectOption('position');
    expect(await listed()).toEqual(main(sortFindings(first.draft.findings, 'position', first.draft.regions)));
    // A category filter shows that category alone, and says how many.
    const category = first.draft.findings.find((f) => main([f]).length > 0)!.category;
    await panel.getByRole('combobox', { name: 'Category' }).selectOption(category);
    const inCategory = main(first.draft.findings.filter((f) => f.category === category));
    expect((await listed()).sort()).toEqual(inCategory.sort());
    expect(await panel.getByTestId('findings-shown').textContent()).toMatch(
      new RegExp(
        `^${first.draft.findings.filter((f) => f.category === category).length} of ${first.draft.findings.length} findings shown`,
      ),
    );
    await shots(panel, 'triage-table');
    await panel.getByRole('button', { name: 'Show all' }).click();

    const f = pick(first) ?? first.draft.findings.find((x) => main([x]).length > 0)!;
    await card(panel, f.id).locator('.finding__head').hover();
    await expect.poll(() => litOnPage(page)).toEqual([...f.regionIds].sort());
    await card(panel, f.id).getByRole('button', { name: 'Ignore' }).click();
    await card(panel, f.id).getByRole('button', { name: 'Ignore' }).click();
    await expect.poll(() => card(panel, f.id).count()).toBe(0);
    const second = await recordOf(await critiqueInPanel(panel));
    expect(second.draft.findings.filter(same(second, f, first.draft.regions))).toEqual([]);
    expect(second.draft.ignored.map((i) => [i.finding.title, i.reason])).toEqual([[f.title, null]]);
    await panel.getByTestId('ignored-findings').locator('summary').click();
    expect(await panel.getByTestId('ignore-reason').textContent()).toBe('No reason given.');
    expect(second.draft.score!.value).toBe(first.draft.score!.value);
  });

  /** Ignores `f` in the panel with no reason, critiques again, and returns the new record. */
  async function ignoreAndAgain(panel: Page, f: Finding) {
    await card(panel, f.id).getByRole('button', { name: 'Ignore' }).click();
    await card(panel, f.id).getByRole('button', { name: 'Ignore' }).click();
    await expect.poll(() => card(panel, f.id).count()).toBe(0);
    return recordOf(await critiqueInPanel(panel));
  }

  it('sets aside findings measured from an image’s pixels (text-images stage) too', async () => {
    const { tabId } = await env.harness.openTab(`${env.server.origin}/fixtures/image-of-text.html`);
    const panel = await env.harness.openPanel(tabId);
    const first = await recordOf(await critiqueInPanel(panel));
    const f = first.draft.findings.find(
      (x) => x.source === 'pixels' && x.severity !== 'info' && x.rule !== 'wcag-1.4.6',
    )!;
    expect(
      f,
      `pixel findings: ${first.draft.findings.filter((x) => x.source === 'pixels').map((x) => x.rule)}`,
    ).toBeDefined();
    const second = await ignoreAndAgain(panel, f);
    expect(second.draft.findings.filter(same(second, f, first.draft.regions))).toEqual([]);
    expect(second.draft.ignored.map((i) => i.finding.title)).toEqual([f.title]);
    expect(second.draft.score!.value).toBe(first.draft.score!.value);
  });

  describe('with a model', () => {
    let fake: FakeOpenAI;
    beforeAll(async () => {
      fake = await startFakeOpenAI();
    });
    afterAll(() => fake?.close());

    it('sets aside a model’s finding (model-plan stage)', async () => {
      const settings = {
        ...DEFAULT_SETTINGS,
        provider: 'compatible',
        baseUrl: fake.baseUrl,
        apiKey: 'sk-triage-e2e-0001',
        imageGeneration: false,
        capPerCritiqueUsd: 5,
        capPerDayUsd: 100,
      };
      await (
        await env.harness.extensionPage()
      ).evaluate(
        (s) => (globalThis as unknown as ExtensionGlobal).chrome.storage.local.set({ settings: s }),
        settings,
      );
      fake.setMode('normal');
      try {
        const { tabId } = await env.harness.openTab(`${env.server.origin}/demo/demo.html`);
        const panel = await env.harness.openPanel(tabId);
        const first = await recordOf(await critiqueInPanel(panel));
        const f = first.draft.findings.find(
          (x) => x.basis !== 'measured' && x.regionIds.length > 0 && x.severity !== 'info',
        )!;
        expect(f, `bases: ${first.draft.findings.map((x) => x.basis)}`).toBeDefined();
        const second = await ignoreAndAgain(panel, f);
        expect(second.draft.planner?.status).toBe('model');
        expect(second.draft.findings.filter(same(second, f, first.draft.regions))).toEqual([]);
        expect(second.draft.ignored.map((i) => i.finding.title)).toEqual([f.title]);
        console.log(`model finding ignored: ${f.basis}, kind ${f.rule ?? f.category}`);
      } finally {
        await (
          await env.harness.extensionPage()
        ).evaluate(() => (globalThis as unknown as ExtensionGlobal).chrome.storage.local.remove('settings'));
      }
    });
  });
});
