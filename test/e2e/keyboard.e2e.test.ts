/**
 * The panel by keyboard, and Hide labels, in real Chromium on a corpus page with 59 regions:
 * "Skip to findings" is the first Tab stop and reaches the findings; the region list and the
 * screenshot's boxes are one Tab stop each, with arrow keys inside; Hide labels (the panel's
 * toggle and the Alt+Shift+L command's handler) takes the page's boxes off and puts them back
 * with the critique intact. And the progress list shows only the stages that run: offline no
 * model stages and one sentence, with the fake model all of them.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MODEL_WOULD_ADD } from '@/components/critique/StageProgress';
import { DEFAULT_SETTINGS, type Settings } from '@/utils/core/schemas/settings';
import { startFakeOpenAI, type FakeOpenAI } from '@/test/fake-openai/server';
import {
  artifactPath,
  CORPUS,
  critiqueInPanel,
  type ExtensionGlobal,
  HAS_CORPUS,
  withExtension,
} from '@/test/e2e/harness';

const PAGE = '17322.html';
const env = withExtension({ '/corpus': `${CORPUS}/pages` });
let fake: FakeOpenAI;
beforeAll(async () => {
  fake = await startFakeOpenAI();
});
afterAll(() => fake?.close());

const MODEL_STAGES = ['model-plan', 'image', 'image-check'];

/** Records the first stage list the panel shows, however briefly it is shown. */
const watchStages = (panel: Page) =>
  panel.evaluate(() => {
    const seen = { names: [] as string[], notes: [] as string[] };
    (window as unknown as { stagesSeen: typeof seen }).stagesSeen = seen;
    const observer = new MutationObserver(() => {
      const list = document.querySelector('[data-testid=stage-progress]');
      if (!list || seen.names.length > 0) return;
      seen.names = [...list.querySelectorAll('[data-stage]')].map((li) => li.getAttribute('data-stage')!);
      seen.notes = [...list.querySelectorAll('[data-testid=model-stages-note]')].map((p) => p.textContent!);
      observer.disconnect();
    });
    observer.observe(document.body, { childList: true, subtree: true });
  });
const stagesSeen = (panel: Page) =>
  panel.evaluate(
    () => (window as unknown as { stagesSeen: { names: string[]; notes: string[] } }).stagesSeen,
  );

/** The numbered boxes the overlay draws on the page, counted in its shadow root. */
const pageBoxes = (page: Page) =>
  page.evaluate(
    () => document.querySelector('restage-overlay')?.shadowRoot?.querySelectorAll('.box').length ?? 0,
  );

/** What has keyboard focus in the panel: its text or label, and where it sits. */
const focusNow = (panel: Page) =>
  panel.evaluate(() => {
    const el = document.activeElement as HTMLElement;
    const r = el.getBoundingClientRect();
    return {
      text: el.textContent?.trim() ?? '',
      label: el.getAttribute('aria-label'),
      id: el.id,
      inFindings: el.closest('[data-testid=finding-list]') !== null,
      inRegions: el.closest('[data-testid=region-list]') !== null,
      region: el.closest('[data-region]')?.getAttribute('data-region') ?? null,
      shown: r.width > 1 && r.height > 1,
      outline: getComputedStyle(el).outlineStyle,
    };
  });

async function shots(panel: Page, name: string) {
  for (const width of [320, 360, 800]) {
    await panel.setViewportSize({ width, height: 720 });
    await panel.evaluate(() => document.activeElement?.scrollIntoView({ block: 'center' }));
    await panel.screenshot({ path: artifactPath(`keyboard-${name}-${width}.png`) });
  }
  await panel.setViewportSize({ width: 400, height: 720 });
}

describe.skipIf(!HAS_CORPUS)('the panel by keyboard, on a page with many regions', () => {
  it('offline: no model stages and one sentence; skip link first; one Tab stop per list; Hide labels and its command', async () => {
    const { page, tabId } = await env.harness.openTab(`${env.server.origin}/corpus/${PAGE}`);
    const panel = await env.harness.openPanel(tabId);
    // Before any critique, the skip link goes to the Critique view.
    await panel.getByRole('button', { name: 'Critique this page' }).waitFor();
    await panel.keyboard.press('Tab');
    expect((await focusNow(panel)).text).toBe('Skip to findings');
    await panel.keyboard.press('Enter');
    expect((await focusNow(panel)).id).toBe('view-critique-panel');
    await watchStages(panel);
    await critiqueInPanel(panel, 'full', ['done']);

    // The stages shown are the stages that run.
    const stages = await stagesSeen(panel);
    expect(stages.names).toContain('plan');
    expect(stages.names.filter((name) => MODEL_STAGES.includes(name))).toEqual([]);
    expect(stages.notes).toEqual([MODEL_WOULD_ADD]);

    const regionCount = await panel.locator('[data-testid=region-list] li').count();
    expect(regionCount).toBeGreaterThanOrEqual(50);
    await expect.poll(() => pageBoxes(page)).toBe(regionCount);
    const findingCount = await panel.locator('[data-testid=finding-list] li').count();
    expect(findingCount).toBeGreaterThan(0);

    // A second panel, freshly opened: focus starts at its top. The first keeps the page's boxes.
    const top = await env.harness.openPanel(tabId);
    await top.getByTestId('region-list').waitFor();
    await top.keyboard.press('Tab');
    const skip = await focusNow(top);
    expect(skip.text).toBe('Skip to findings');
    expect(skip.shown).toBe(true);
    expect(skip.outline).toBe('solid');
    await shots(top, 'skip-link');
    await top.keyboard.press('Enter');
    expect((await focusNow(top)).id).toBe('findings');
    let presses = 1;
    while (!(await focusNow(top)).inFindings || (await focusNow(top)).id === 'findings') {
      await top.keyboard.press('Tab');
      presses += 1;
      if (presses > 5) break;
    }
    expect((await focusNow(top)).inFindings).toBe(true);
    expect(presses).toBeLessThanOrEqual(5);
    console.log(
      `Tab presses from the top to a control in the findings: ${presses} (plus Enter on the skip link)`,
    );

    // Without the skip link: Tab from the top until the region list; it is one stop, the next
    // Tab leaves it, and Shift+Tab comes back to the region it was on.
    await top.reload();
    await top.getByTestId('region-list').waitFor();
    let stopsBefore = 0;
    const unmarked: string[] = [];
    while (!(await focusNow(top)).inRegions && stopsBefore < 100) {
      await top.keyboard.press('Tab');
      stopsBefore += 1;
      // Every stop on the way shows where focus is.
      const now = await focusNow(top);
      if (now.outline !== 'solid') unmarked.push(now.label ?? now.text);
    }
    expect(unmarked).toEqual([]);
    expect((await focusNow(top)).region).toBe('r1');
    await top.keyboard.press('Tab');
    expect((await focusNow(top)).inRegions).toBe(false);
    await top.keyboard.press('Shift+Tab');
    expect((await focusNow(top)).region).toBe('r1');
    console.log(`Tab stops from the top to the region list (${regionCount} regions): ${stopsBefore}`);
    const controls = await top.evaluate(() => {
      const all = [
        ...document.querySelectorAll<HTMLElement>('button:not(:disabled), a[href], input, select, summary'),
      ].filter((el) => el.checkVisibility());
      return { all: all.length, stops: all.filter((el) => el.tabIndex >= 0).length };
    });
    console.log(`Visible controls in the panel: ${controls.all}; Tab stops among them: ${controls.stops}`);

    // Arrow keys move within it; a focused region is highlighted on the page as a hovered one is.
    await top.keyboard.press('ArrowDown');
    await top.keyboard.press('ArrowDown');
    expect((await focusNow(top)).region).toBe('r3');
    await expect
      .poll(() =>
        page.evaluate(() =>
          [...document.querySelector('restage-overlay')!.shadowRoot!.querySelectorAll('.box.active')].map(
            (box) => box.querySelector('.badge')!.textContent,
          ),
        ),
      )
      .toEqual(['3']);
    await top.keyboard.press('End');
    expect((await focusNow(top)).region).toBe(`r${regionCount}`);
    await top.keyboard.press('Home');
    await top.keyboard.press('ArrowDown');
    expect((await focusNow(top)).outline).toBe('solid');
    await shots(top, 'region-item');

    // The screenshot's numbered boxes: one Tab stop too, arrows in reading order, highlighted on the page.
    const boxStops = await top
      .getByTestId('annotated-shot')
      .evaluate((figure) => [...figure.querySelectorAll<HTMLElement>('.shot__box')].map((b) => b.tabIndex));
    expect(boxStops.length).toBeGreaterThan(10);
    expect(boxStops.filter((t) => t >= 0)).toHaveLength(1);
    await top.getByTestId('annotated-shot').locator('.shot__box[tabindex="0"]').focus();
    await top.keyboard.press('ArrowRight');
    const box = await top.evaluate(() => (document.activeElement as HTMLElement).dataset.region!);
    await expect
      .poll(() =>
        page.evaluate(() =>
          [...document.querySelector('restage-overlay')!.shadowRoot!.querySelectorAll('.box.active')].map(
            (b) => `r${b.querySelector('.badge')!.textContent}`,
          ),
        ),
      )
      .toEqual([box]);
    await top.setViewportSize({ width: 360, height: 720 });
    await top.screenshot({ path: artifactPath('keyboard-shot-box-360.png') });
    await top.setViewportSize({ width: 400, height: 720 });

    // Hide labels, by keyboard: the page's boxes go, the critique stays; again, they come back,
    // where their elements are now. The toggle names the shortcut bound to it.
    const toggle = top.getByTestId('hide-labels');
    expect(await toggle.getAttribute('aria-keyshortcuts')).toBe('Alt+Shift+L');
    const firstBoxTop = () =>
      page.evaluate(() => {
        const box = document.querySelector('restage-overlay')?.shadowRoot?.querySelector<HTMLElement>('.box');
        return box ? parseFloat(box.style.top) : null;
      });
    const before = (await firstBoxTop())!;
    await toggle.focus();
    await top.keyboard.press('Space');
    await expect.poll(() => pageBoxes(page)).toBe(0);
    await expect.poll(() => panel.getByTestId('hide-labels').isChecked()).toBe(true);
    expect(await top.locator('[data-testid=region-list] li').count()).toBe(regionCount);
    expect(await top.locator('[data-testid=finding-list] li').count()).toBe(findingCount);
    await top.screenshot({ path: artifactPath('keyboard-labels-hidden-panel.png') });
    await page.screenshot({ path: artifactPath('keyboard-labels-hidden-page.png') });
    await page.evaluate(() => (document.body.style.paddingTop = '100px'));
    await top.keyboard.press('Space');
    await expect.poll(() => pageBoxes(page)).toBe(regionCount);
    await expect.poll(() => top.getByTestId('hide-labels').isChecked()).toBe(false);
    await expect.poll(firstBoxTop).toBeCloseTo(before + 100, 0);
    await page.evaluate(() => (document.body.style.paddingTop = ''));

    // The Alt+Shift+L command's handler, run as Chrome runs it: the boxes and both toggles follow.
    const command = () =>
      env.harness.worker.evaluate(
        (id) =>
          (
            (globalThis as unknown as ExtensionGlobal).chrome.commands.onCommand as unknown as {
              dispatch(command: string, tab: { id: number }): void;
            }
          ).dispatch('toggle-labels', { id }),
        tabId,
      );
    await command();
    await expect.poll(() => pageBoxes(page)).toBe(0);
    await expect.poll(() => top.getByTestId('hide-labels').isChecked()).toBe(true);
    await expect.poll(() => panel.getByTestId('hide-labels').isChecked()).toBe(true);
    await command();
    await expect.poll(() => pageBoxes(page)).toBe(regionCount);
    await expect.poll(() => top.getByTestId('hide-labels').isChecked()).toBe(false);

    // Hidden labels hold for the tab's next critique, until shown again.
    await command();
    await expect.poll(() => pageBoxes(page)).toBe(0);
    await critiqueInPanel(panel, 'viewport', ['done']);
    expect(await pageBoxes(page)).toBe(0);
    await command();
    await expect.poll(() => pageBoxes(page)).toBe(regionCount);
    await top.close();
    await panel.close();
  });

  it('with a model configured, the progress list shows the model plan, the image and its check', async () => {
    const settings: Settings = {
      ...DEFAULT_SETTINGS,
      provider: 'compatible',
      baseUrl: fake.baseUrl,
      apiKey: 'sk-e2e-keyboard-0001',
      imageGeneration: true,
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
    const { tabId } = await env.harness.openTab(`${env.server.origin}/corpus/${PAGE}`);
    const panel = await env.harness.openPanel(tabId);
    await watchStages(panel);
    await critiqueInPanel(panel, 'viewport', ['done']);
    const stages = await stagesSeen(panel);
    expect(stages.names).toEqual(expect.arrayContaining(MODEL_STAGES));
    expect(stages.notes).toEqual([]);
    await panel.close();
  });
});
