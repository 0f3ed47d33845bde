/**
 * The CSS guard on a real page: a fake model that sets each known trick (test/fixtures/cssTricks.ts)
 * on every region, one at a time, gets it rejected (and asked to repair) or clamped; its plan,
 * put on the page, hides nothing (measured in the page) and the preview sheet keeps the plan's
 * other rules. And a patch that would hide a region, sent straight to the content script as
 * sanitizePatch would never let it through, is reported by the visibility check.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkDeclaration } from '@/utils/core/plan/cssGrammar';
import { toCritique } from '@/utils/core/jobs/record';
import { BASELINE_LABEL } from '@/utils/background/model/prompt';
import { Extraction } from '@/utils/core/schemas/capture';
import { type CssPatch } from '@/utils/core/schemas/plan';
import { CritiqueRecord } from '@/utils/core/schemas/record';
import { DEFAULT_SETTINGS, type Settings } from '@/utils/core/schemas/settings';
import { startFakeOpenAI, type FakeOpenAI } from '@/test/fake-openai/server';
import { CSS_TRICKS } from '@/test/fixtures/cssTricks';
import { DEMO_DIR, type ExtensionGlobal, withExtension } from '@/test/e2e/harness';

const env = withExtension({ '/demo': DEMO_DIR, '/fixtures': `${import.meta.dirname}/../fixtures/pages` });
let fake: FakeOpenAI;
beforeAll(async () => {
  fake = await startFakeOpenAI();
});
afterAll(() => fake?.close());

async function configureModel() {
  const settings: Settings = {
    ...DEFAULT_SETTINGS,
    provider: 'compatible',
    baseUrl: fake.baseUrl,
    apiKey: 'sk-e2e-css-guard',
    imageGeneration: false,
    capPerCritiqueUsd: 5,
    capPerDayUsd: 100,
  };
  const page = await env.harness.extensionPage();
  await page.evaluate(
    (s) => (globalThis as unknown as ExtensionGlobal).chrome.storage.local.set({ settings: s }),
    settings,
  );
}

type Hidden = { regionId: string; reason: string }[];
type Reply = { applied: number; missing: string[]; rejected: number; hidden: Hidden; ms: number };

/** Regions out of sight, measured in the page on its own terms (not the extension's check). */
const outOfSight = (page: Page, regions: readonly { id: string; selector: string }[]) =>
  page.evaluate((list) => {
    const gone: string[] = [];
    for (const { id, selector } of list) {
      const el = document.querySelector(selector);
      if (!el) continue;
      const box = el.getBoundingClientRect();
      const style = getComputedStyle(el);
      const text = /\S/.test(el.textContent ?? '');
      const alpha = /rgba\([^)]*,\s*0\)$/.test(style.color);
      if (
        box.width < 1 ||
        box.height < 1 ||
        box.right + scrollX <= 0 ||
        box.bottom + scrollY <= 0 ||
        style.visibility !== 'visible' ||
        (text && (parseFloat(style.fontSize) < 12 || alpha))
      )
        gone.push(id);
    }
    return gone;
  }, regions);

/** The text of every preview sheet adopted by the document. */
const previewSheet = (page: Page) =>
  page.evaluate(() =>
    document.adoptedStyleSheets
      .flatMap((sheet) => [...sheet.cssRules].map((rule) => rule.cssText))
      .filter((text) => text.includes('data-restage-preview'))
      .join('\n'),
  );

const MODEL_TRICKS = CSS_TRICKS.filter(([property]) => property !== 'font-family');

describe('the CSS guard against a model, on the demo page', () => {
  it.each(MODEL_TRICKS.map(([p, v]) => [p, v.length > 40 ? `${v.slice(0, 16)}… (${v.length} chars)` : v, v]))(
    '%s: %s on every region is rejected or clamped, and hides nothing',
    async (property, _shown, value) => {
      await configureModel();
      fake.setMode('css-trick', { cssTrick: [{ property, value }] });
      fake.requests.length = 0;
      const { page, tabId } = await env.harness.openTab(`${env.server.origin}/demo/demo.html`);
      const { record } = await env.harness.runJob({ tabId, mode: 'viewport' });
      const { draft } = CritiqueRecord.parse(record);
      const patch = draft.plan?.cssPatch ?? [];
      // The model's plan passed validation (tricks rejected or clamped) and was weighed against
      // the offline one; the stronger of the two is shown.
      const choice = draft.planner?.choice;
      expect(choice).toBeTruthy();
      expect(draft.planner?.status).toBe(choice!.used);
      const planner = fake.requests.filter((r) => /\/(responses|chat\/completions)$/.test(r.path));
      // A size below the floor is raised to it; anything else the grammar refuses is rejected.
      const clamped = property === 'font-size' && /^\d+(\.\d+)?(px)?$/.test(value.trim());
      if (!clamped) {
        // Rejected: named in the repair request, and the repaired plan is used.
        expect(planner).toHaveLength(2);
        expect(JSON.stringify(planner[1]?.body)).toMatch(/is rejected|cssPatch/);
      }
      for (const entry of patch)
        for (const [p, v] of Object.entries(entry.declarations))
          expect(checkDeclaration(p, v ?? '').ok).toBe(true);

      const regions = draft.regions.map(({ id, selector }) => ({ id, selector }));
      const before = await outOfSight(page, regions);
      const reply = (await env.harness.ask(tabId, 'applyPreview', { patch, regions })) as Reply;
      expect(reply).toMatchObject({ missing: [], rejected: 0, hidden: [] });
      // Nothing newly out of sight (text raised to the 12px floor may come into sight).
      expect((await outOfSight(page, regions)).filter((id) => !before.includes(id))).toEqual([]);
      // Every valid rule of Restage's own plan, which the model kept, survives the trick: in the
      // plan shown, and in the preview sheet.
      const texts: string[] = [];
      const gather = (v: unknown): void => {
        if (typeof v === 'string') texts.push(v);
        else if (v && typeof v === 'object') Object.values(v).forEach(gather);
      };
      gather(planner[0]?.body);
      const line = texts
        .join('\n')
        .split('\n')
        .find((l) => l.startsWith(BASELINE_LABEL));
      const baseline = JSON.parse(line!.slice(BASELINE_LABEL.length)) as CssPatch;
      expect(baseline.length).toBeGreaterThan(3);
      const kept = new Set(draft.doNotTouch.flatMap((d) => d.regionIds));
      const shown = new Map(patch.map((e) => [e.regionId, e.declarations]));
      for (const { regionId, declarations } of baseline.filter((e) => !kept.has(e.regionId)))
        expect(shown.get(regionId), regionId).toMatchObject(declarations);
      const sheet = await previewSheet(page);
      for (const { regionId } of patch) expect(sheet).toContain(`[data-restage-preview="${regionId}"]`);
      expect(sheet).not.toMatch(/\/\*|url\(|var\(|env\(|attr\(|transparent|-9999/);
      await env.harness.ask(tabId, 'revertPreview');
      await page.close();
    },
  );

  it('the issue’s plan (font-size 0, transparent text, margin-top -9999px on every region) never reaches the page', async () => {
    await configureModel();
    fake.setMode('css-trick', {
      repairFixes: false,
      cssTrick: [
        { property: 'font-size', value: '0' },
        { property: 'color', value: 'transparent' },
        { property: 'margin-top', value: '-9999px' },
      ],
    });
    const { page, tabId } = await env.harness.openTab(`${env.server.origin}/demo/demo.html`);
    const { record } = await env.harness.runJob({ tabId, mode: 'viewport' });
    const critique = CritiqueRecord.parse(record);
    // Asked to repair, repaired nothing: the offline plan is used, and says so.
    expect(critique.draft.planner?.status).not.toBe('model');
    const regions = critique.draft.regions.map(({ id, selector }) => ({ id, selector }));
    const before = await outOfSight(page, regions);
    const { record: checked } = await env.harness.runJob({
      tabId,
      check: { against: critique.id, preview: true },
    });
    expect(CritiqueRecord.parse(checked).job.state).toBe('done');
    expect((await outOfSight(page, regions)).filter((id) => !before.includes(id))).toEqual([]);
    await page.close();
  });
});

describe('the visibility check after a preview', () => {
  const extract = async (tabId: number) =>
    Extraction.parse(await env.harness.ask(tabId, 'extractRegions', { privateSelectors: [] }));

  it('reports a region a patch pushes out of its clipping card', async () => {
    const { page, tabId } = await env.harness.openTab(`${env.server.origin}/fixtures/clipped-card.html`);
    const { regions } = await extract(tabId);
    const summary = regions.find(
      (r) => r.selector.includes('summary') || r.text.startsWith('Everything a team'),
    )!;
    expect(summary).toBeDefined();
    // Within the grammar (a positive margin), so only the page can tell it hides the text.
    const patch = [{ regionId: summary.id, declarations: { 'margin-top': '300px' } }];
    const reply = (await env.harness.ask(tabId, 'applyPreview', { patch, regions })) as Reply;
    expect(reply.hidden).toEqual([{ regionId: summary.id, reason: 'clipped by an overflow ancestor' }]);
    expect(reply.ms).toBeLessThan(200);
    await env.harness.ask(tabId, 'revertPreview');

    // A hiding value the grammar refuses never gets past the message boundary.
    await expect(
      env.harness.ask(tabId, 'applyPreview', {
        patch: [{ regionId: summary.id, declarations: { 'font-size': '0px' } }],
        regions,
      }),
    ).rejects.toThrow();
    await page.close();
  });

  it('a check whose plan hides a region fails with one sentence naming it, and puts the page back', async () => {
    const { page, tabId } = await env.harness.openTab(`${env.server.origin}/fixtures/clipped-card.html`);
    const { record } = await env.harness.runJob({ tabId, mode: 'viewport' });
    const made = CritiqueRecord.parse(record);
    const summary = made.draft.regions.find((r) => r.text.startsWith('Everything a team'))!;
    // A plan that passes the grammar (a positive margin) but pushes the text out of its card.
    const hiding = {
      ...toCritique(made),
      cssPatch: [{ regionId: summary.id, declarations: { 'margin-top': '300px' } }],
    };
    const against = (await env.harness.askBackground('importCritique', { critique: hiding })) as string;
    const { record: checked } = await env.harness.runJob({ tabId, check: { against, preview: true } });
    const check = CritiqueRecord.parse(checked);
    expect(check.job.state).toBe('failed');
    expect(check.job.error).toContain(
      `The plan was rejected: it hides ${summary.id} (clipped by an overflow ancestor) through ${summary.id} { margin-top: 300px }; the page is back as it was.`,
    );
    expect(await page.locator('[data-restage-preview]').count()).toBe(0);
    const box = await page.locator('p.summary').boundingBox();
    expect(box?.y).toBeCloseTo(summary.box.y, 0);
    await page.close();
  });
});
