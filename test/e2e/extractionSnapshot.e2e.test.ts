/**
 * What extraction finds stays the same while its code is made faster. On every corpus page,
 * every messy fixture and the benchmark's synthetic pages, the whole extraction (each region's
 * id, box, selector, kind, text, name, style facts, flags and parent; the cap's count;
 * coverage; the element count) hashes to the value in the snapshot, which was recorded before
 * the walk was optimised. The snapshot belongs to this Chromium and its fonts: boxes are in
 * it. After a deliberate change to what extraction finds, record it again with `vitest -u`.
 * Each page's extraction is written to test-results/extraction/ to diff when a hash changes.
 */
import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { Extraction } from '@/utils/core/schemas/capture';
import { syntheticPage } from '@/test/fixtures/synthetic';
import { CORPUS, HAS_CORPUS, artifactPath, withExtension } from '@/test/e2e/harness';

const FIXTURES = join(import.meta.dirname, '../fixtures/pages');
const generated = mkdtempSync(join(tmpdir(), 'restage-snapshot-'));
for (const size of [1_000, 10_000])
  writeFileSync(join(generated, `synthetic-${size}.html`), syntheticPage(size));

const env = withExtension({ '/corpus': `${CORPUS}/pages`, '/fixtures': FIXTURES, '/': generated });

const html = (dir: string) =>
  readdirSync(dir)
    .filter((f) => f.endsWith('.html'))
    .sort();
const pages = [
  ...html(FIXTURES).map((f) => ({ path: `/fixtures/${f}`, privateSelectors: [] as string[] })),
  // A user's private selector: the text it covers is masked, the region kept.
  { path: '/fixtures/targets-and-actions.html', privateSelectors: ['h1', 'form'] },
  ...(HAS_CORPUS ? html(`${CORPUS}/pages`).map((f) => ({ path: `/corpus/${f}`, privateSelectors: [] })) : []),
  { path: '/synthetic-1000.html', privateSelectors: [] },
  { path: '/synthetic-10000.html', privateSelectors: [] },
];

/** JSON with keys sorted, so that building a region's fields in another order changes nothing. */
function canonical(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(canonical);
  if (value && typeof value === 'object')
    return Object.fromEntries(
      Object.keys(value)
        .sort()
        .map((key) => [key, canonical((value as Record<string, unknown>)[key])]),
    );
  return value;
}

describe('extraction output', () => {
  it.each(pages)('$path $privateSelectors is unchanged', async ({ path, privateSelectors }) => {
    const { page, tabId } = await env.harness.openTab(`${env.server.origin}${path}`);
    const digests: string[] = [];
    for (let run = 0; run < 2; run++) {
      const { ms: _ms, ...extraction } = Extraction.parse(
        await env.harness.ask(tabId, 'extractRegions', { privateSelectors }),
      );
      const json = JSON.stringify(canonical(extraction), null, 1);
      digests.push(createHash('sha256').update(json).digest('hex').slice(0, 24));
      if (run === 0) {
        mkdirSync(artifactPath('extraction'), { recursive: true });
        const name = `${path.replace(/\W+/g, '_')}${privateSelectors.length > 0 ? '_private' : ''}.json`;
        writeFileSync(artifactPath(`extraction/${name}`), json);
      }
    }
    await page.close();
    // The same page read twice gives the same answer: the hash is the page's, not the run's.
    expect(digests[1]).toBe(digests[0]);
    expect(digests[0]).toMatchSnapshot();
  });
});
