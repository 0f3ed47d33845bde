/**
 * Constraints, in the panel: a region kept as is stays untouched by every plan and preview,
 * the model's plan is shown only when it predicts at least the offline plan's score (and the
 * panel says which plan won and why), and notes never contradict the engine in use.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { score } from '@/utils/core/measure/score';
import { Extraction } from '@/utils/core/schemas/capture';
import { CritiqueRecord } from '@/utils/core/schemas/record';
import { ALLOWED_CSS_PROPERTIES } from '@/utils/core/schemas/region';
import { DEFAULT_SETTINGS, type Settings } from '@/utils/core/schemas/settings';
import { startFakeOpenAI, type FakeMode, type FakeOpenAI } from '@/test/fake-openai/server';
import {
  artifactPath,
  critiqueInPanel,
  DEMO_DIR,
  type ExtensionGlobal,
  withExtension,
} from '@/test/e2e/harness';

const env = withExtension({ '/demo': DEMO_DIR, '/fixtures': `${import.meta.dirname}/../fixtures/pages` });
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

const configureModel = () =>
  setSettings({
    ...DEFAULT_SETTINGS,
    provider: 'compatible',
    baseUrl: fake.baseUrl,
    apiKey: 'sk-e2e-constraints-0001',
    capPerCritiqueUsd: 5,
    capPerDayUsd: 100,
  });

const record = async (jobId: string) =>
  CritiqueRecord.parse(await env.harness.askBackground('getRecord', { jobId }));

/** The computed style of the element a selector names, for every property a plan can touch. */
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

/** Clicks Keep as is on a region and waits until the toggle says so. */
async function setKept(panel: Page, id: string, kept: boolean) {
  await panel.getByRole('tab', { name: 'Critique' }).click();
  const keep = panel.getByRole('button', { name: `Keep region ${id.slice(1)} as is` });
  if ((await keep.getAttribute('aria-pressed')) !== String(kept)) await keep.click();
  await expect.poll(() => keep.getAttribute('aria-pressed')).toBe(String(kept));
}

/** Turns the preview on from the Alternative tab; the element `selector` names must not change. */
async function previewLeavesAlone(panel: Page, page: Page, selector: string, screenshot?: string) {
  const before = await styleOf(page, selector);
  await panel.getByRole('tab', { name: 'Alternative' }).click();
  const toggle = panel.getByRole('button', { name: 'Preview on page' });
  await toggle.click();
  await panel.getByTestId('compare').waitFor({ timeout: 30_000 });
  expect(await page.locator('[data-restage-preview]').count()).toBeGreaterThan(0);
  expect(await styleOf(page, selector)).toEqual(before);
  if (screenshot) await panel.screenshot({ path: artifactPath(screenshot), fullPage: true });
  await toggle.click();
  await expect.poll(() => page.locator('[data-restage-preview]').count()).toBe(0);
}

async function critique(panel: Page, request = '') {
  await panel.getByLabel('Request').fill(request);
  return record(await critiqueInPanel(panel, undefined, ['done']));
}

describe('constraints in the panel', () => {
  it('a region kept as is is left out of the plan and untouched by the preview', async () => {
    await setSettings(null);
    const { page, tabId } = await env.harness.openTab(`${env.server.origin}/demo/demo.html`);
    const panel = await env.harness.openPanel(tabId);
    const first = await critique(panel);
    const cta = first.draft.regions.find((r) => r.selector === 'button.cta')!;
    expect(first.draft.plan!.cssPatch.some((e) => e.regionId === cta.id)).toBe(true);

    // Keep it as is from the region list, then critique again.
    await setKept(panel, cta.id, true);
    const second = await critique(panel);
    expect(second.draft.plan!.cssPatch.some((e) => e.regionId === cta.id)).toBe(false);
    expect(second.draft.doNotTouch).toEqual([{ regionIds: [cta.id], reason: 'kept as is by the user' }]);
    expect(second.draft.notes.join(' ')).toMatch(/CSS changes? on regions kept as they are \(r\d+\)/);
    await previewLeavesAlone(panel, page, 'button.cta', 'constraints-kept.png');

    // Let it go: the next plan restyles it again.
    await setKept(panel, cta.id, false);
    const third = await critique(panel);
    expect(third.draft.plan!.cssPatch.some((e) => e.regionId === cta.id)).toBe(true);
    await panel.close();
    await page.close();
  });

  it('kept after the critique: the next preview leaves it alone, inherited styles included', async () => {
    await setSettings(null);
    const { page, tabId } = await env.harness.openTab(`${env.server.origin}/demo/demo.html`);
    const panel = await env.harness.openPanel(tabId);
    const made = await critique(panel);
    const cta = made.draft.regions.find((r) => r.selector === 'button.cta')!;
    expect(made.draft.plan!.cssPatch.some((e) => e.regionId === cta.id)).toBe(true);
    // Kept only now: the plan still names it, the preview must not apply it.
    await setKept(panel, cta.id, true);
    await previewLeavesAlone(panel, page, 'button.cta');
    await setKept(panel, cta.id, false);
    await panel.close();
    await page.close();
  });

  it('a kept region inside a restyled card keeps its own type and colour', async () => {
    const { page, tabId } = await env.harness.openTab(`${env.server.origin}/fixtures/cards-in-li.html`);
    const { regions } = Extraction.parse(
      await env.harness.ask(tabId, 'extractRegions', { privateSelectors: [] }),
    );
    const card = regions.find(
      (r) => r.kind === 'container' && regions.filter((c) => c.parentId === r.id && c.text).length >= 2,
    )!;
    const [kept, other] = regions.filter((c) => c.parentId === card.id && c.text);
    const patch = [
      { regionId: card.id, declarations: { 'font-size': '22px', color: '#000000', 'letter-spacing': '1px' } },
    ];
    const selectorStyle = (selector: string) => styleOf(page, selector);
    const keptBefore = await selectorStyle(kept!.selector);
    const otherBefore = await selectorStyle(other!.selector);
    const reply = (await env.harness.ask(tabId, 'applyPreview', { patch, regions, kept: [kept!.id] })) as {
      hidden: unknown[];
    };
    expect(reply.hidden).toEqual([]);
    expect(await selectorStyle(kept!.selector)).toEqual(keptBefore);
    // The sibling that is not kept does take the card's new type: the card rule is on.
    expect(await selectorStyle(other!.selector)).not.toEqual(otherBefore);
    await env.harness.ask(tabId, 'revertPreview');
    expect(await selectorStyle(kept!.selector)).toEqual(keptBefore);
    await page.close();
  });

  const modelRun = async (mode: FakeMode, request: string) => {
    await configureModel();
    fake.setMode(mode);
    const { page, tabId } = await env.harness.openTab(`${env.server.origin}/demo/demo.html`);
    const panel = await env.harness.openPanel(tabId);
    const made = await critique(panel, request);
    const choice = await panel.getByTestId('plan-choice').textContent();
    return { page, panel, made, choice };
  };

  it('a model plan with fewer fixes than the offline plan: the offline plan is kept, and the panel says why', async () => {
    const { panel, page, made, choice } = await modelRun('weak-plan', 'Make the price bigger');
    const picked = made.draft.planner!.choice!;
    expect(picked.used).toBe('offline');
    expect(picked.modelScore).toBeLessThan(picked.offlineScore);
    expect(made.draft.engine).toBe('offline');
    expect(choice).toBe(
      `Offline plan kept: the model’s predicted ${picked.modelScore} vs ${picked.offlineScore}.`,
    );
    expect(await panel.getByTestId('engine-summary').textContent()).toMatch(/^Offline plan/);
    // The offline plan is the one shown, whole but for the model's do-not-touch regions.
    expect(made.draft.plan!.cssPatch.length).toBeGreaterThan(1);
    const untouchable = new Set(made.draft.doNotTouch.flatMap((d) => d.regionIds));
    expect(untouchable.size).toBeGreaterThan(0);
    expect(made.draft.plan!.cssPatch.filter((e) => untouchable.has(e.regionId))).toEqual([]);
    const notes = made.draft.notes.join('\n');
    expect(notes).toContain('Your request “Make the price bigger” went to the model');
    expect(notes).not.toContain('does not read requests');
    await panel.screenshot({ path: artifactPath('constraints-offline-kept.png'), fullPage: true });
    await panel.close();
    await page.close();
  });

  it('a model plan at least as strong: the model’s plan is shown, with the figures, and no note says otherwise', async () => {
    const { panel, page, made, choice } = await modelRun('normal', 'Make the price bigger');
    const picked = made.draft.planner!.choice!;
    expect(picked.used).toBe('model');
    expect(picked.modelScore).toBeGreaterThanOrEqual(picked.offlineScore);
    expect(made.draft.engine).toBe('model:gpt-5.4-mini');
    // The score counts measured findings only, whatever the model saw.
    expect(made.draft.findings.some((f) => f.basis !== 'measured')).toBe(true);
    expect(made.draft.score).toEqual(score(made.draft.findings.filter((f) => f.basis === 'measured')));
    expect(choice).toMatch(
      new RegExp(`^Model plan used: predicted ${picked.modelScore} vs offline ${picked.offlineScore}`),
    );
    const notes = [...made.draft.notes, ...made.draft.errors].join('\n');
    expect(notes).not.toMatch(/offline engine does not read requests|offline plan is shown/i);
    // The model's do-not-touch regions carry no declarations in the plan shown.
    const untouchable = new Set(made.draft.doNotTouch.flatMap((d) => d.regionIds));
    expect(untouchable.size).toBeGreaterThan(0);
    expect(made.draft.plan!.cssPatch.filter((e) => untouchable.has(e.regionId))).toEqual([]);
    await panel.close();
    await page.close();
    await setSettings(null);
  });
});
