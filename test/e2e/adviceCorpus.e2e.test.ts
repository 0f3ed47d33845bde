import { readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { measure } from '@/utils/core/measure';
import { advise } from '@/utils/core/measure/advice';
import { predictPatch } from '@/utils/core/plan/predict';
import { Extraction } from '@/utils/core/schemas/capture';
import { type Finding } from '@/utils/core/schemas/finding';
import { matchFindings } from '@/utils/core/verify/findings';
import { matchRegions } from '@/utils/core/verify/match';
import { CORPUS, DEMO_DIR, HAS_CORPUS, withExtension } from '@/test/e2e/harness';

const env = withExtension({ '/demo': DEMO_DIR, ...(HAS_CORPUS ? { '/corpus': `${CORPUS}/pages` } : {}) });

/**
 * Still there, as verification decides (utils/core/verify/findings.ts): every earlier finding is
 * paired with the later one of the same problem it overlaps most, so two findings about one
 * button (weaker than a secondary action, weaker than navigation) are told apart.
 */
const persists = (finding: Finding, all: readonly Finding[], earlier: Extraction, later: Extraction) => {
  const now = measure(later.regions, later.viewport);
  const { resolved } = matchFindings(all, now, matchRegions(earlier.regions, later.regions));
  return !resolved.some((f) => f.id === finding.id);
};

/** A patch of margins only moves boxes, which the estimate does not: it is checked on the page. */
const movesBoxes = (f: Finding) =>
  (f.fixPatch ?? []).every((e) => Object.keys(e.declarations).every((p) => p.startsWith('margin')));

const pages = [
  'demo/demo.html',
  ...(HAS_CORPUS
    ? readdirSync(`${CORPUS}/pages`)
        .filter((f) => f.endsWith('.html'))
        .map((f) => `corpus/${f}`)
    : []),
];

describe('advice on the demo and corpus pages', () => {
  it('every measured finding reads plainly, and every fix patch removes its finding', async () => {
    const rows = new Map<string, { findings: number; patched: number; removed: number; onPage: number }>();
    const problems: string[] = [];
    const times: number[] = [];
    for (const file of pages) {
      const { page, tabId } = await env.harness.openTab(`${env.server.origin}/${file}`);
      const extract = async () =>
        Extraction.parse(await env.harness.ask(tabId, 'extractRegions', { privateSelectors: [] }));
      const before = await extract();
      const { regions, viewport } = before;
      const started = performance.now();
      const advised = advise(measure(regions, viewport), regions, viewport.height);
      times.push(performance.now() - started);
      for (const f of advised) {
        const row = rows.get(f.rule ?? '') ?? { findings: 0, patched: 0, removed: 0, onPage: 0 };
        rows.set(f.rule ?? '', row);
        row.findings++;
        if (/\br\d+\b/.test(f.title) || !f.why || !f.fix) problems.push(`${file} ${f.rule}: ${f.title}`);
        if (!f.fixPatch?.length) continue;
        row.patched++;
        if (!movesBoxes(f)) {
          const predicted = { ...before, regions: predictPatch(regions, f.fixPatch) };
          if (!persists(f, advised, before, predicted)) row.removed++;
          else problems.push(`${file} ${f.rule}: its fix patch leaves it (${f.detail})`);
          continue;
        }
        // Put on the page alone, re-extracted and re-measured there, regions matched by key.
        await env.harness.ask(tabId, 'applyPreview', { patch: f.fixPatch, regions });
        const later = await extract();
        await env.harness.ask(tabId, 'revertPreview');
        if (!persists(f, advised, before, later)) {
          row.removed++;
          row.onPage++;
        } else problems.push(`${file} ${f.rule}: on the page its fix patch leaves it (${f.detail})`);
      }
      await page.close();
    }
    times.sort((a, b) => a - b);
    console.log(
      `${pages.length} pages · advice ${times[Math.floor(times.length / 2)]!.toFixed(1)} ms median, ${times.at(-1)!.toFixed(1)} ms max per page\n` +
        [...rows]
          .map(
            ([rule, r]) =>
              `  ${rule}: ${r.findings} findings, ${r.patched} with a fix patch, ${r.removed} removed by it${r.onPage ? ` (${r.onPage} checked on the page)` : ''}`,
          )
          .join('\n'),
    );
    expect(problems).toEqual([]);
    expect([...rows.values()].reduce((n, r) => n + r.patched, 0)).toBeGreaterThan(0);
  });
});
