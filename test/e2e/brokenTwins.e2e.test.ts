/**
 * The score ranks a page above its broken twin: three pairs of pages with the same content,
 * one with a clear hierarchy, readable contrast and targets of 24 px or more, the other with a
 * flat or inverted hierarchy, pale text and small crowded targets (test/fixtures/pages/twins:
 * a pricing page, an article with a sign-up form, and a store laid out with tables and `font`
 * tags). The score is the offline critique's (utils/background/jobs/stages/measure.ts: measure, then score).
 */
import { afterAll, describe, expect, it } from 'vitest';
import { measure } from '@/utils/core/measure';
import { score } from '@/utils/core/measure/score';
import { Extraction } from '@/utils/core/schemas/capture';
import { withExtension } from '@/test/e2e/harness';

const env = withExtension({ '/twins': `${import.meta.dirname}/../fixtures/pages/twins` });

const scores: string[] = [];
afterAll(() => console.log(`broken twin → fixed twin:\n${scores.join('\n')}`));

async function critique(file: string) {
  const { page, tabId } = await env.harness.openTab(`${env.server.origin}/twins/${file}`);
  const extraction = Extraction.parse(
    await env.harness.ask(tabId, 'extractRegions', { privateSelectors: [] }),
  );
  await page.close();
  const findings = measure(extraction.regions, extraction.viewport);
  return { findings, score: score(findings) };
}

describe('the fixed twin scores higher than the broken twin', () => {
  it.each(['pricing', 'article', 'store'])('%s', async (name) => {
    const broken = await critique(`${name}-broken.html`);
    const fixed = await critique(`${name}-fixed.html`);
    const rules = (c: typeof broken) =>
      c.findings.filter((f) => f.severity !== 'info').map((f) => f.rule ?? f.category);
    scores.push(
      `${name}: ${broken.score.value} → ${fixed.score.value} (broken: ${rules(broken).join(', ')}; fixed: ${rules(fixed).join(', ') || 'none'})`,
    );
    expect(fixed.score.value).toBeGreaterThan(broken.score.value);
    // The broken twin fails where it was broken: contrast, targets and hierarchy.
    for (const category of ['contrast', 'targets', 'hierarchy'] as const)
      expect(broken.score.breakdown[category]!, category).toBeLessThan(fixed.score.breakdown[category]!);
  });
});
