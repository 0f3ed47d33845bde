import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { measure } from '@/utils/core/measure';
import { score } from '@/utils/core/measure/score';
import { offlinePlan } from '@/utils/core/plan/choose';
import { Extraction } from '@/utils/core/schemas/capture';
import { type CssPatch } from '@/utils/core/schemas/plan';
import { CritiqueRecord } from '@/utils/core/schemas/record';
import { matchRegions } from '@/utils/core/verify/match';
import { verify } from '@/utils/core/verify/verify';
import { CORPUS, DEMO_DIR, HAS_CORPUS, withExtension } from '@/test/e2e/harness';
import { differences, pageState, pauseAnimations } from '@/test/e2e/pageState';

const FIXTURES = join(import.meta.dirname, '../fixtures/pages');
const env = withExtension({
  '/fixtures': FIXTURES,
  '/demo': DEMO_DIR,
  ...(HAS_CORPUS ? { '/corpus': `${CORPUS}/pages` } : {}),
});

const extract = async (tabId: number) =>
  Extraction.parse(await env.harness.ask(tabId, 'extractRegions', { privateSelectors: [] }));

/** The offline plan, as the plan stage makes it: measure, restage, CSS patch checked against the page. */
function plan(extraction: Extraction) {
  const findings = measure(extraction.regions, extraction.viewport);
  const { blueprint, cssPatch: patch } = offlinePlan(extraction.regions, findings, extraction.viewport);
  return { findings, score: score(findings), blueprint, patch };
}

const PreviewReply = (value: unknown) =>
  value as { applied: number; missing: string[]; rejected: number; hidden: unknown[]; ms: number };

async function apply(tabId: number, patch: CssPatch, extraction: Extraction) {
  return PreviewReply(await env.harness.ask(tabId, 'applyPreview', { patch, regions: extraction.regions }));
}

// ---------------------------------------------------------------------------------------------

const FIXTURE_PAGES = [
  'fixtures/low-contrast-button.html',
  'fixtures/shadow-dom.html',
  'fixtures/iframe.html',
  'fixtures/sticky-header.html',
  'fixtures/oklch.html',
  'fixtures/password.html',
  'demo/demo.html',
];
/** A spread of corpus pages: small to about 1,000 elements, light and dark, grids and columns. */
const CORPUS_RESTORE = ['17636.html', '12980.html', '1492.html', '17322.html', '3107.html', '6.html'];

describe('the live preview', () => {
  const restores = (url: string) => async () => {
    const { page, tabId } = await env.harness.openTab(`${env.server.origin}/${url}`);
    await pauseAnimations(page);
    const extraction = await extract(tabId);
    const { patch } = plan(extraction);
    expect(patch.length).toBeGreaterThan(0);
    const before = await pageState(page);

    const first = await apply(tabId, patch, extraction);
    // The offline plan hides nothing the visibility check can see.
    expect(first).toMatchObject({ applied: patch.length, missing: [], rejected: 0, hidden: [] });
    const previewed = await pageState(page);
    expect(differences(before, previewed).length, 'the preview changes the page').toBeGreaterThan(0);
    // Applying again replaces the preview: the same marks, one sheet per root, never two.
    await apply(tabId, patch, extraction);
    const again = await pageState(page);
    expect(again.marks).toBe(previewed.marks);
    expect(again.sheets).toEqual(previewed.sheets);
    expect(differences(previewed, again)).toEqual([]);
    expect(again.sheets.every((n, i) => n - (before.sheets[i] ?? 0) <= 1)).toBe(true);

    expect(await env.harness.ask(tabId, 'revertPreview')).toBeGreaterThanOrEqual(patch.length);
    const after = await pageState(page);
    expect(differences(before, after)).toEqual([]);
    expect(after.marks).toBe(0);
    expect(after.sheets).toEqual(before.sheets);
    expect(after.styleElements).toBe(before.styleElements);
    console.log(
      `restore ${url}: ${after.elements.length} elements × ${after.properties} computed properties and boxes equal; ` +
        `${patch.length} regions patched, ${differences(before, previewed).length} elements changed while previewed`,
    );
    await page.close();
    return { before, previewed };
  };

  it.each(FIXTURE_PAGES)('%s: apply → revert leaves no trace', async (url) => {
    const { before, previewed } = await restores(url)();
    // Inside shadow roots and same-origin frames too: something there changed while previewed.
    if (url.includes('shadow-dom') || url.includes('iframe')) {
      const inner = differences(before, previewed).filter((d) => !/ in root 0:/.test(d));
      expect(inner.length, 'an element in the shadow root or frame was restyled').toBeGreaterThan(0);
    }
  });

  it.skipIf(!HAS_CORPUS).each(CORPUS_RESTORE)('corpus %s: apply → revert leaves no trace', async (file) => {
    await restores(`corpus/${file}`)();
  });

  it('says which regions are gone, and the overlay follows the page', async () => {
    const { page, tabId } = await env.harness.openTab(`${env.server.origin}/demo/demo.html`);
    const extraction = await extract(tabId);
    const { patch } = plan(extraction);
    const gone = extraction.regions.find((r) => patch.some((p) => p.regionId === r.id))!;
    await page.evaluate((selector) => document.querySelector(selector)?.remove(), gone.selector);
    await env.harness.ask(tabId, 'showOverlay', { regions: extraction.regions });
    const reply = await apply(tabId, patch, extraction);
    expect(reply).toMatchObject({ applied: patch.length - 1, missing: [gone.id], rejected: 0 });
    // The numbered boxes are re-measured from their elements once the preview moved them.
    const cta = extraction.regions.find((r) => r.selector === 'button.cta')!;
    await page.waitForTimeout(100);
    const placed = await page.evaluate((id) => {
      const boxes = document.querySelector('restage-overlay')?.shadowRoot?.querySelectorAll('.box');
      const box = boxes?.item(Number(id.slice(1)) - 1)?.getBoundingClientRect();
      const el = document.querySelector('button.cta')!.getBoundingClientRect();
      return { box: box && [box.x, box.y, box.width, box.height], el: [el.x, el.y, el.width, el.height] };
    }, cta.id);
    expect(placed.box).toEqual(placed.el);
    await env.harness.ask(tabId, 'hideOverlay');
    // Closing the panel (hideOverlay) takes the preview off as well.
    expect(await page.locator('[data-restage-preview]').count()).toBe(0);
    await page.close();
  });
});

// ---------------------------------------------------------------------------------------------

interface Row {
  file: string;
  before: number;
  after: number;
  regions: number;
  lost: string[];
  reextracted: number;
}
const rows: Row[] = [];
const corpusPages = HAS_CORPUS ? readdirSync(`${CORPUS}/pages`).filter((f) => f.endsWith('.html')) : [];

/** Each region's element after the preview: still there, visible, with the same text. */
async function lostContent(page: Page, before: { id: string; selector: string; text: string }[]) {
  return page.evaluate((regions) => {
    const lost: string[] = [];
    for (const { id, selector, text } of regions) {
      let el: Element | null = null;
      let root: Document | ShadowRoot | null = document;
      for (const segment of selector.split(' >>> ')) {
        el = root?.querySelector(segment) ?? null;
        root = el?.shadowRoot ?? (el as HTMLIFrameElement | null)?.contentDocument ?? null;
      }
      const rect = el?.getBoundingClientRect();
      const shown =
        !!el &&
        el.checkVisibility({ opacityProperty: true, visibilityProperty: true }) &&
        (rect?.width ?? 0) > 0 &&
        (rect?.height ?? 0) > 0;
      const now = ((el as HTMLElement | null)?.innerText ?? el?.textContent ?? '')
        .replace(/\s+/g, ' ')
        .trim();
      if (!shown || now !== text) lost.push(id);
    }
    return lost;
  }, before);
}

describe.skipIf(!HAS_CORPUS)('the offline restage on the corpus', () => {
  it.each(corpusPages)('%s: the preview keeps every region and is re-measured', async (file) => {
    const { page, tabId } = await env.harness.openTab(`${env.server.origin}/corpus/${file}`);
    const extraction = await extract(tabId);
    const planned = plan(extraction);
    const texts = await page.evaluate(
      (regions) =>
        regions.map(({ id, selector }) => {
          let el: Element | null = null;
          let root: Document | ShadowRoot | null = document;
          for (const segment of selector.split(' >>> ')) {
            el = root?.querySelector(segment) ?? null;
            root = el?.shadowRoot ?? (el as HTMLIFrameElement | null)?.contentDocument ?? null;
          }
          const text = ((el as HTMLElement | null)?.innerText ?? el?.textContent ?? '').replace(/\s+/g, ' ');
          return { id, selector, text: text.trim() };
        }),
      extraction.regions.map(({ id, selector }) => ({ id, selector })),
    );
    await apply(tabId, planned.patch, extraction);
    const later = await extract(tabId);
    const after = score(measure(later.regions, later.viewport));
    const match = matchRegions(extraction.regions, later.regions);
    const lost = await lostContent(page, texts);
    rows.push({
      file,
      before: planned.score.value,
      after: after.value,
      regions: extraction.regions.length,
      lost,
      reextracted: match.after.size,
    });
    expect(lost, 'regions hidden, emptied or changed by the preview').toEqual([]);
    await page.close();
  });

  it('raises the score on at least 80% of pages, lowers it on none and loses no content', () => {
    expect(rows).toHaveLength(corpusPages.length);
    const deltas = rows.map((r) => r.after - r.before);
    const sorted = [...deltas].sort((a, b) => a - b);
    const median = (sorted[(sorted.length - 1) >> 1]! + sorted[sorted.length >> 1]!) / 2;
    const up = deltas.filter((d) => d > 0).length;
    const same = deltas.filter((d) => d === 0).length;
    const down = deltas.filter((d) => d < 0).length;
    console.log(
      [
        '| page | regions | score before | after | delta | re-extracted |',
        '|---|---:|---:|---:|---:|---:|',
        ...rows.map(
          (r) =>
            `| ${r.file} | ${r.regions} | ${r.before} | ${r.after} | ${r.after - r.before > 0 ? '+' : ''}${r.after - r.before} | ${r.reextracted}/${r.regions} |`,
        ),
        `median delta ${median}; up ${up}, equal ${same}, down ${down} of ${rows.length}`,
      ].join('\n'),
    );
    expect(up / rows.length).toBeGreaterThanOrEqual(0.8);
    expect(down, 'pages the preview scores lower').toBe(0);
    expect(rows.flatMap((r) => r.lost)).toEqual([]);
  });
});

// ---------------------------------------------------------------------------------------------

describe('verify', () => {
  const critique = async (tabId: number) => {
    const { record } = await env.harness.runJob({ tabId, mode: 'viewport' });
    const { draft } = CritiqueRecord.parse(record);
    return {
      regions: draft.regions,
      findings: draft.findings,
      score: draft.score,
      blueprint: draft.plan?.blueprint ?? null,
      viewportHeight: draft.extraction?.viewport.height,
    };
  };
  const url = () => `${env.server.origin}/fixtures/low-contrast-button.html`;

  it('reports the fixed contrast finding as resolved and a new problem as new, after a change and reload', async () => {
    const { page, tabId } = await env.harness.openTab(url());
    const earlier = await critique(tabId);
    const pale = earlier.findings.find((f) => f.rule === 'wcag-1.4.3');
    expect(pale?.regionIds.map((id) => earlier.regions.find((r) => r.id === id)?.text)).toEqual([
      'Start free trial',
    ]);
    // The designer's change: a dark button with white text, and (by mistake) a pale footnote.
    const changed = readFileSync(join(FIXTURES, 'low-contrast-button.html'), 'utf8')
      .replace('color: #a9b4c2;', 'color: #ffffff;')
      .replace('background: #e9eef5;', 'background: #1b4dd8;')
      .replace('</style>', '.note { color: #b0b0b0; }</style>');
    await page.route(url(), (route) => route.fulfill({ contentType: 'text/html', body: changed }));
    await page.reload();
    const later = await critique(tabId);
    const result = verify(earlier, later, { viewportHeight: earlier.viewportHeight });
    console.log(JSON.stringify({ ...result, intents: result.intents.map((i) => `${i.intent}: ${i.met}`) }));
    expect(result.matched).toMatchObject({ before: earlier.regions.length, unmatched: [] });
    expect(result.resolved.map((f) => f.id)).toContain(pale!.id);
    const fresh = result.new.filter((f) => f.rule === 'wcag-1.4.3');
    expect(fresh.map((f) => f.regionIds.map((id) => later.regions.find((r) => r.id === id)?.text))).toEqual([
      ['No card needed. Cancel at any time from the admin console.'],
    ]);
    expect(result.intents.find((i) => i.intent === 'contrast')?.met).toBe(false);
    await page.close();
  });

  it('checks the preview: contrast met and the score up after applying the plan', async () => {
    const { page, tabId } = await env.harness.openTab(url());
    const earlier = await critique(tabId);
    const extraction = await extract(tabId);
    const { patch } = plan(extraction);
    await apply(tabId, patch, extraction);
    const later = await critique(tabId);
    const result = verify(earlier, later, { viewportHeight: earlier.viewportHeight });
    expect(result.resolved.some((f) => f.rule === 'wcag-1.4.3')).toBe(true);
    expect(result.intents.find((i) => i.intent === 'contrast')).toMatchObject({ met: true });
    expect(result.scoreAfter).toBeGreaterThan(result.scoreBefore);
    await env.harness.ask(tabId, 'revertPreview');
    await page.close();
  });
});
