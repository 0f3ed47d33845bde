/**
 * The CSS guard's cost: the grammar and sanitizePatch over the offline plan's patch of a
 * 1,000-region page (pure, Node), and the visibility check the preview runs in the page after
 * its sheet goes on, at 1,000 patched regions.
 */
import { measure } from '@/utils/core/measure';
import { checkDeclaration } from '@/utils/core/plan/cssGrammar';
import { toCssPatch } from '@/utils/core/plan/cssPatch';
import { restage } from '@/utils/core/plan/restage';
import { sanitizePatch } from '@/utils/core/plan/sanitizePatch';
import type { CssPatch } from '@/utils/core/schemas/plan';
import { syntheticRegions } from '@/test/fixtures/regions';
import type { Harness } from '@/scripts/lib/browser';
import { median } from '@/scripts/lib/stats';

export interface GrammarRow {
  regions: number;
  declarations: number;
  grammarMs: number;
  sanitizeMs: number;
}

export function grammarThroughput(runs = 21): GrammarRow {
  const regions = syntheticRegions(1_000);
  const viewport = { width: 1280, height: 800 };
  const { blueprint } = restage(regions, measure(regions, viewport), viewport);
  const patch = toCssPatch(blueprint, regions);
  const declarations = patch.flatMap((e) => Object.entries(e.declarations));
  const grammar: number[] = [];
  const sanitize: number[] = [];
  for (let i = 0; i < runs + 1; i++) {
    let t = performance.now();
    for (const [property, value] of declarations) checkDeclaration(property, value ?? '');
    const g = performance.now() - t;
    t = performance.now();
    sanitizePatch(patch, regions);
    const s = performance.now() - t;
    if (i === 0) continue;
    grammar.push(g);
    sanitize.push(s);
  }
  return { regions: regions.length, declarations: declarations.length, grammarMs: median(grammar), sanitizeMs: median(sanitize) };
}

export interface VisibilityRow {
  regions: number;
  applyMs: number;
  checkMs: number;
  hidden: number;
}

/** On a synthetic page of 1,000 regions (its cards' parts), every one of them patched. */
export async function visibilityCost(harness: Harness, url: string, runs: number): Promise<VisibilityRow> {
  const { page, tabId } = await harness.openTab(url);
  // Ids as selectors, as extraction writes for elements with a unique id: the figure is the
  // check's, not the selector engine's.
  const count = await page.evaluate(() => {
    let n = 0;
    for (const card of document.querySelectorAll('article.card')) {
      for (const el of [card, ...card.querySelectorAll('h3, p, span, a, button')]) {
        if (n >= 1_000) return n;
        el.id = `b${++n}`;
      }
    }
    return n;
  });
  const regions = Array.from({ length: count }, (_, i) => ({ id: `r${i + 1}`, selector: `#b${i + 1}` }));
  const patch: CssPatch = regions.map(({ id }) => ({ regionId: id, declarations: { 'margin-bottom': '8px' } }));
  const apply: number[] = [];
  const check: number[] = [];
  let hidden = 0;
  for (let i = 0; i < runs + 1; i++) {
    const reply = (await harness.ask(tabId, 'applyPreview', { patch, regions })) as {
      ms: number;
      checkMs: number;
      hidden: unknown[];
    };
    await harness.ask(tabId, 'revertPreview');
    if (i === 0) continue;
    apply.push(reply.ms);
    check.push(reply.checkMs);
    hidden = reply.hidden.length;
  }
  await page.close();
  return { regions: regions.length, applyMs: median(apply), checkMs: median(check), hidden };
}
