/**
 * The same unchanged page critiqued again and again in one panel gives the same critique:
 * Restage never reads its own badges, boxes or styles back as page content.
 */
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { CritiqueRecord } from '@/utils/core/schemas/record';
import { CORPUS, critiqueInPanel, DEMO_DIR, HAS_CORPUS, withExtension } from '@/test/e2e/harness';

const FIXTURES = join(import.meta.dirname, '../fixtures/pages');
const env = withExtension({
  '/fixtures': FIXTURES,
  '/demo': DEMO_DIR,
  ...(HAS_CORPUS ? { '/corpus': `${CORPUS}/pages` } : {}),
});

const PAGES = [
  'demo/demo.html',
  'fixtures/table-layout-2000s.html',
  'fixtures/cards-in-li.html',
  'fixtures/shadow-dom.html',
  ...(HAS_CORPUS ? ['corpus/12980.html', 'corpus/17322.html'] : []),
];

const record = async (jobId: string) =>
  CritiqueRecord.parse(await env.harness.askBackground('getRecord', { jobId }));

/** What must not change between critiques of an unchanged page. */
function essence(r: CritiqueRecord) {
  const { draft } = r;
  return {
    regions: draft.regions.map((g) => [g.id, g.key, g.selector, g.text, g.kind, g.parentId]),
    findings: draft.findings.map((f) => [f.id, f.title, f.detail, f.severity, f.regionIds.join(' ')]),
    score: draft.score,
    coverage: draft.extraction?.coverage,
    elementCount: draft.extraction?.elementCount,
    document: draft.extraction?.document,
    patch: draft.plan?.cssPatch,
  };
}

/** Regions whose element is, or lies inside, something Restage put in the page. */
function insideOurElements(page: Page, selectors: string[]): Promise<string[]> {
  return page.evaluate((list) => {
    const host = document.querySelector('restage-overlay');
    const resolve = (selector: string): Element | null => {
      let root: Document | ShadowRoot = document;
      let el: Element | null = null;
      for (const part of selector.split(' >>> ')) {
        el = root.querySelector(part);
        if (!el) return null;
        root = el.shadowRoot ?? (el as HTMLIFrameElement).contentDocument ?? root;
      }
      return el;
    };
    return list.filter((selector) => {
      const el = resolve(selector);
      if (!el || !host) return false;
      for (let n: Node | null = el; n; n = n.parentNode ?? (n as ShadowRoot).host ?? null)
        if (n === host) return true;
      return false;
    });
  }, selectors);
}

describe('critiquing the same page again in one panel', () => {
  it.each(PAGES)('%s: three critiques, one critique', async (url) => {
    const { page, tabId } = await env.harness.openTab(`${env.server.origin}/${url}`);
    const panel = await env.harness.openPanel(tabId);
    const runs: CritiqueRecord[] = [];
    for (let i = 0; i < 3; i++) runs.push(await record(await critiqueInPanel(panel, undefined, ['done'])));
    // The boxes of the last critique are on the page while the next one reads it.
    expect(await page.locator('restage-overlay').count()).toBe(1);
    const [first, ...rest] = runs.map(essence);
    expect(first!.regions.length).toBeGreaterThan(3);
    for (const later of rest) expect(later).toEqual(first);

    const badges = new Set(first!.regions.map((_, i) => String(i + 1)));
    const bareNumbers = runs[2]!.draft.regions.filter(
      (r) => badges.has(r.text.trim()) && !runs[0]!.draft.regions.some((b) => b.text === r.text),
    );
    expect(bareNumbers).toEqual([]);
    const ours = await insideOurElements(
      page,
      runs.flatMap((r) => r.draft.regions.map((g) => g.selector)),
    );
    expect(ours).toEqual([]);
    console.log(
      `${url}: 3 critiques, ${first!.regions.length} regions, ${first!.findings.length} findings, score ${first!.score?.value}`,
    );
    await panel.close();
    await page.close();
  });
});
