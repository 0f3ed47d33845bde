import { readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { measure } from '@/utils/measure';
import { advise } from '@/utils/measure/advice';
import { predictPatch } from '@/utils/plan/predict';
import { Extraction, type Finding } from '@/utils/schemas';
import { CORPUS, HAS_CORPUS, withExtension } from './harness';

const env = withExtension(HAS_CORPUS ? { '/corpus': `${CORPUS}/pages` } : {});

/** Still there: a finding of the same rule about any of the same regions. */
const persists = (before: Finding, after: readonly Finding[]) =>
  after.some((f) => f.rule === before.rule && f.regionIds.some((id) => before.regionIds.includes(id)));

describe.skipIf(!HAS_CORPUS)('advice on the corpus pages', () => {
  it('every measured finding reads plainly, and every fix patch removes its finding by the estimate', async () => {
    const pages = readdirSync(`${CORPUS}/pages`).filter((f) => f.endsWith('.html'));
    const rows = new Map<string, { findings: number; patched: number; removed: number }>();
    const problems: string[] = [];
    const times: number[] = [];
    for (const file of pages) {
      const { page, tabId } = await env.harness.openTab(`${env.server.origin}/corpus/${file}`);
      const { regions, viewport } = Extraction.parse(
        await env.harness.ask(tabId, 'extractRegions', { privateSelectors: [] }),
      );
      await page.close();
      const started = performance.now();
      const advised = advise(measure(regions, viewport), regions, viewport.height);
      times.push(performance.now() - started);
      for (const f of advised) {
        const row = rows.get(f.rule ?? '') ?? { findings: 0, patched: 0, removed: 0 };
        rows.set(f.rule ?? '', row);
        row.findings++;
        if (/\br\d+\b/.test(f.title) || !f.why || !f.fix) problems.push(`${file} ${f.rule}: ${f.title}`);
        if (!f.fixPatch?.length) continue;
        row.patched++;
        if (!persists(f, measure(predictPatch(regions, f.fixPatch), viewport))) row.removed++;
        else problems.push(`${file} ${f.rule}: its fix patch leaves it (${f.detail})`);
      }
    }
    times.sort((a, b) => a - b);
    console.log(
      `${pages.length} corpus pages · advice ${times[Math.floor(times.length / 2)]!.toFixed(1)} ms median, ${times.at(-1)!.toFixed(1)} ms max per page\n` +
        [...rows]
          .map(
            ([rule, r]) =>
              `  ${rule}: ${r.findings} findings, ${r.patched} with a fix patch, ${r.removed} removed by it`,
          )
          .join('\n'),
    );
    expect(problems).toEqual([]);
    expect([...rows.values()].reduce((n, r) => n + r.patched, 0)).toBeGreaterThan(0);
  });
});
