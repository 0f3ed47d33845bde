/**
 * Refine in rounds, from the panel: round 2 by an offline command keeps every constraint of
 * round 1, passes validation and, previewed, makes its region's text larger on the page; round
 * 3 with a model sends the model round 2's plan and its check; a region kept as is stays
 * untouched under every round's preview; any round can be reopened, previewed and refined
 * again (round 2′ from round 1).
 */
import { readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PREVIOUS_PLAN_LABEL, PREVIOUS_VERIFY_LABEL, verifySummary } from '@/utils/background/model/prompt';
import { lockedIds } from '@/utils/core/plan/constraints';
import { sanitizePatch } from '@/utils/core/plan/sanitizePatch';
import { checkContent, isSameContent } from '@/utils/core/plan/validate';
import { CssPatch } from '@/utils/core/schemas/plan';
import { CritiqueRecord } from '@/utils/core/schemas/record';
import { ALLOWED_CSS_PROPERTIES } from '@/utils/core/schemas/region';
import { DEFAULT_SETTINGS, type Settings } from '@/utils/core/schemas/settings';
import { startFakeOpenAI, type FakeOpenAI } from '@/test/fake-openai/server';
import {
  artifactPath,
  critiqueInPanel,
  jobEnded,
  withExtension,
  type ExtensionGlobal,
} from '@/test/e2e/harness';

const env = withExtension({ '/rounds': `${import.meta.dirname}/../fixtures/rounds` });
let fake: FakeOpenAI;
beforeAll(async () => {
  fake = await startFakeOpenAI();
});
afterAll(() => fake?.close());

async function setSettings(settings: Settings | null) {
  const page = await env.harness.extensionPage();
  await page.evaluate(
    (s) =>
      s
        ? (globalThis as unknown as ExtensionGlobal).chrome.storage.local.set({ settings: s })
        : (globalThis as unknown as ExtensionGlobal).chrome.storage.local.remove(['settings', 'locks']),
    settings,
  );
}

const record = async (jobId: string) =>
  CritiqueRecord.parse(await env.harness.askBackground('getRecord', { jobId }));

/** Every property a plan can touch, computed, and the element's size. */
const styleOf = (page: Page, selector: string) =>
  page.evaluate(
    ({ sel, props }) => {
      const el = document.querySelector(sel)!;
      const style = getComputedStyle(el);
      const rect = el.getBoundingClientRect();
      return {
        ...Object.fromEntries(props.map((p) => [p, style.getPropertyValue(p)])),
        w: rect.width,
        h: rect.height,
      };
    },
    { sel: selector, props: [...ALLOWED_CSS_PROPERTIES] },
  );
const fontSize = async (page: Page, selector: string) =>
  parseFloat(((await styleOf(page, selector)) as Record<string, string | number>)['font-size'] as string);

/** Types a follow-up and starts the round; returns the new round once it has ended. */
async function startRound(panel: Page, request: string, from: string): Promise<CritiqueRecord> {
  await panel.getByRole('tab', { name: 'Critique' }).click();
  await panel.getByLabel(/^Follow-up for/).fill(request);
  await panel.getByRole('button', { name: /^Start round \d+$/ }).click();
  const shown = panel.locator('[data-job-id]');
  await expect.poll(() => shown.getAttribute('data-job-id'), { timeout: 20_000 }).not.toBe(from);
  const id = (await shown.getAttribute('data-job-id'))!;
  await jobEnded(panel, id, ['done']);
  return record(id);
}

/** Previews the round shown from the Alternative tab and waits for its check. */
async function previewOn(panel: Page) {
  await panel.getByRole('tab', { name: 'Alternative' }).click();
  const toggle = panel.getByRole('button', { name: 'Preview on page' });
  if ((await toggle.getAttribute('aria-pressed')) !== 'true') await toggle.click();
  await panel.getByTestId('compare').waitFor({ timeout: 30_000 });
}
async function previewOff(panel: Page, page: Page) {
  await panel.getByRole('tab', { name: 'Alternative' }).click();
  const toggle = panel.getByRole('button', { name: 'Preview on page' });
  if ((await toggle.getAttribute('aria-pressed')) === 'true') await toggle.click();
  await expect.poll(() => page.locator('[data-restage-preview]').count()).toBe(0);
}

describe('refine in rounds', () => {
  it('round 2 by command, round 3 by a model, a kept region untouched in all, round 2′ from round 1', async () => {
    await setSettings(null);
    const { page, tabId } = await env.harness.openTab(`${env.server.origin}/rounds/rounds.html`);
    const panel = await env.harness.openPanel(tabId);
    await panel.setViewportSize({ width: 360, height: 900 });
    const first = await record(await critiqueInPanel(panel, undefined, ['done']));
    // Keep the call to action as is, then critique again: that critique is round 1.
    const cta = first.draft.regions.find((r) => r.selector === 'button.cta')!;
    const keep = panel.getByRole('button', { name: `Keep region ${cta.id.slice(1)} as is` });
    await keep.click();
    await expect.poll(() => keep.getAttribute('aria-pressed')).toBe('true');
    const round1 = await record(await critiqueInPanel(panel, undefined, ['done']));
    expect(round1.round).toBe(1);
    const target = round1.draft.regions.find((r) => r.id === 'r12')!;
    expect(['heading', 'text', 'control']).toContain(target.kind);
    expect(lockedIds(round1.draft.regions, round1.draft.doNotTouch).has('r12')).toBe(false);
    const ctaBefore = await styleOf(page, 'button.cta');
    const r12Before = await fontSize(page, target.selector);

    // Round 2, offline: a command, and words only a model reads.
    const round2 = await startRound(panel, 'r12 bigger, and keep the hero image', round1.id);
    expect(round2).toMatchObject({
      refines: round1.id,
      round: 2,
      request: 'r12 bigger, and keep the hero image',
    });
    const plan1 = round1.draft.plan!;
    const plan2 = round2.draft.plan!;
    // Every constraint of round 1 kept: its blueprint (same content), its do-not-touch list,
    // and every change it made anywhere but r12.
    expect(plan2.blueprint).toEqual(plan1.blueprint);
    expect(round2.draft.doNotTouch).toEqual(expect.arrayContaining(round1.draft.doNotTouch));
    const others = (patch: CssPatch) => patch.filter((e) => e.regionId !== 'r12');
    expect(others(plan2.cssPatch)).toEqual(others(plan1.cssPatch));
    // Validation: same content, the schema, and the floors with nothing to take out.
    expect(isSameContent(checkContent(plan2.blueprint, round2.draft.regions))).toBe(true);
    expect(CssPatch.parse(plan2.cssPatch)).toEqual(plan2.cssPatch);
    expect(sanitizePatch(plan2.cssPatch, round2.draft.regions).rejected).toEqual([]);
    expect(plan2.cssPatch.some((e) => e.regionId === cta.id)).toBe(false);
    expect(round2.draft.refinement).toMatchObject({
      applied: [{ command: 'r12 bigger' }],
      refused: [],
      unread: ['keep the hero image'],
      model: false,
    });
    await expect
      .poll(() => panel.getByTestId('needs-model').textContent())
      .toMatch(/Needs a model .*“keep the hero image”/);

    // Previewed: r12's text is larger than on the page and than round 1's plan sets it; the kept button is untouched.
    await previewOn(panel);
    const r12Planned1 = parseFloat(
      plan1.cssPatch.find((e) => e.regionId === 'r12')?.declarations['font-size'] ?? `${r12Before}`,
    );
    const r12Now = await fontSize(page, target.selector);
    expect(r12Now).toBeGreaterThan(r12Before);
    expect(r12Now).toBeGreaterThan(r12Planned1);
    expect(await styleOf(page, 'button.cta')).toEqual(ctaBefore);
    await panel.getByRole('tab', { name: 'Critique' }).click();
    await expect
      .poll(() => panel.locator(`[data-round="${round2.id}"]`).textContent())
      .toMatch(/verified \d+/);
    const { check } = (await env.harness.askBackground('getJob', { tabId })) as {
      check: CritiqueRecord | null;
    };
    expect(check).toMatchObject({ against: round2.id, preview: true, round: 2 });
    const verified = CritiqueRecord.parse(check).draft.verify!;
    await previewOff(panel, page);

    // Round 3, with a model: it is sent round 2's plan and round 2's check.
    await setSettings({
      ...DEFAULT_SETTINGS,
      provider: 'compatible',
      baseUrl: fake.baseUrl,
      apiKey: 'sk-e2e-rounds-0001',
      capPerCritiqueUsd: 5,
      capPerDayUsd: 100,
      imageGeneration: false,
    });
    fake.setMode('normal');
    fake.requests.length = 0;
    const round3 = await startRound(panel, 'make the price bigger', round2.id);
    expect(round3).toMatchObject({ refines: round2.id, round: 3 });
    const planner = fake.requests.find(
      (r) => r.path.endsWith('/responses') || r.path.endsWith('/chat/completions'),
    );
    const body = JSON.stringify(planner?.body);
    expect(body).toContain(
      JSON.stringify(`${PREVIOUS_PLAN_LABEL} ${JSON.stringify(plan2.cssPatch)}`).slice(1, -1),
    );
    expect(body).toContain(
      JSON.stringify(`${PREVIOUS_VERIFY_LABEL} ${JSON.stringify(verifySummary(verified))}`).slice(1, -1),
    );
    expect(round3.draft.refinement).toMatchObject({ unread: ['make the price bigger'], model: true });
    expect(round3.draft.plan!.cssPatch.some((e) => e.regionId === cta.id)).toBe(false);
    await previewOn(panel);
    expect(await styleOf(page, 'button.cta')).toEqual(ctaBefore);
    await previewOff(panel, page);

    // Reopen round 1 from the list, preview it, and refine it again: round 2′.
    await panel.getByRole('tab', { name: 'Critique' }).click();
    await panel.getByRole('button', { name: 'Open Round 1' }).click();
    await expect.poll(() => panel.locator('[data-job-id]').getAttribute('data-job-id')).toBe(round1.id);
    await panel.getByRole('button', { name: 'Preview Round 1 on the page' }).click();
    await panel.getByRole('tab', { name: 'Alternative' }).click();
    await panel.getByTestId('compare').waitFor({ timeout: 30_000 });
    expect(await styleOf(page, 'button.cta')).toEqual(ctaBefore);
    await previewOff(panel, page);
    // Offline again; the button stays kept as is.
    await setSettings({ ...DEFAULT_SETTINGS });
    // Round 2′: the same command gives the same change; `before` reorders the items of one flex
    // container (the plans), and is refused where it would move the button kept as is.
    const plans = (n: number) =>
      round1.draft.regions.find((r) => r.selector === `section.plans > article:nth-of-type(${n})`)!;
    const tour = round1.draft.regions.find((r) => r.selector === 'button.tour')!;
    const round2b = await startRound(
      panel,
      `r12 bigger\n${plans(3).id} before ${plans(1).id}\n${tour.id} before ${cta.id}`,
      round1.id,
    );
    expect(round2b).toMatchObject({ refines: round1.id, round: 2 });
    const r12Of = (patch: CssPatch) => patch.find((e) => e.regionId === 'r12');
    expect(r12Of(round2b.draft.plan!.cssPatch)).toEqual(r12Of(plan2.cssPatch));
    expect(round2b.draft.refinement!.applied.map((a) => a.command)).toEqual([
      'r12 bigger',
      `${plans(3).id} before ${plans(1).id}`,
    ]);
    expect(round2b.draft.refinement!.refused).toEqual([
      {
        command: `${tour.id} before ${cta.id}`,
        reason: expect.stringContaining(`${cta.id} is kept as it is`),
      },
    ]);
    await expect.poll(() => panel.getByTestId('refinement').textContent()).toMatch(/not done/);
    await previewOn(panel);
    const left = (selector: string) =>
      page.evaluate((sel) => document.querySelector(sel)!.getBoundingClientRect().x, selector);
    expect(await left(plans(3).selector)).toBeLessThan(await left(plans(1).selector));
    expect(await left(plans(1).selector)).toBeLessThan(await left(plans(2).selector));
    expect(await styleOf(page, 'button.cta')).toEqual(ctaBefore);
    await panel.getByRole('tab', { name: 'Critique' }).click();
    const items = panel.locator('[data-round]');
    await expect.poll(() => items.count()).toBe(4);
    expect(await items.nth(3).textContent()).toMatch(/Round 2′ from round 1/);

    // Any round exports from its row (the round shown, from the view's own Export): round 2's
    // critique.json carries round 2's request and plan.
    const row2 = panel.locator(`[data-round="${round2.id}"]`);
    await row2.getByRole('button', { name: 'Export' }).click();
    const [download] = await Promise.all([
      panel.waitForEvent('download'),
      row2.getByRole('button', { name: 'Download JSON' }).click(),
    ]);
    const exported = JSON.parse(readFileSync((await download.path())!, 'utf8')) as {
      request: string;
      cssPatch: unknown;
    };
    expect(exported.request).toBe(round2.request);
    // The menu closes after its action, and no other round's menu was ever open: none is in sight.
    expect(await panel.locator('.export__menu').count()).toBeGreaterThanOrEqual(4);
    expect(await panel.locator('.export__menu').filter({ visible: true }).count()).toBe(0);
    expect(exported.cssPatch).toEqual(round2.draft.plan!.cssPatch);
    expect(await panel.locator(`[data-round="${round2.id}"] [data-testid="export"]`).count()).toBe(1);
    expect(await items.locator('[aria-current="true"] [data-testid="export"]').count()).toBe(0);

    for (const width of [320, 360, 800]) {
      await panel.setViewportSize({ width, height: 900 });
      const rounds = panel.getByTestId('rounds');
      // Nothing in the list is wider than the list: it wraps at every width.
      expect(
        await rounds.evaluate(
          (el) =>
            [...el.querySelectorAll('*')].filter(
              (e) => e.getBoundingClientRect().right > el.getBoundingClientRect().right + 1,
            ).length,
        ),
      ).toBe(0);
      // The panel's own pixels at this width, cut to the rounds (an element screenshot crops
      // as if a classic scrollbar took room, which the panel does not have).
      await rounds.scrollIntoViewIfNeeded();
      const box = (await rounds.boundingBox())!;
      await panel.screenshot({
        path: artifactPath(`rounds-${width}.png`),
        fullPage: true,
        clip: { x: 0, y: box.y + (await panel.evaluate(() => scrollY)), width, height: box.height },
      });
    }
    await previewOff(panel, page);
    await panel.close();
    await page.close();
  });
});
