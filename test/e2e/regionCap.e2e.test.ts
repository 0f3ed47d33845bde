import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { Extraction } from '@/utils/core/schemas/capture';
import { withExtension } from '@/test/e2e/harness';

/**
 * 10 headings of 400×20 px among 200 paragraphs of 800×40 px: 210 blocks, over the cap. By
 * importance × √area a heading (5 × √8,000 ≈ 447) outranks a paragraph (2 × √32,000 ≈ 358); by
 * importance × area alone it would not (40,000 against 64,000), and the headings would go first.
 */
const blocks = Array.from({ length: 200 }, (_, i) => {
  const heading = i % 20 === 0 ? `<h2>Section ${i / 20 + 1}</h2>` : '';
  return `${heading}<p>Paragraph ${i + 1} of the long page.</p>`;
}).join('\n');
const pages = mkdtempSync(join(tmpdir(), 'restage-cap-'));
writeFileSync(
  join(pages, 'cap.html'),
  `<!doctype html><html lang="en"><head><title>Cap</title><style>
  body { margin: 0; font: 16px/20px sans-serif; }
  h2 { width: 400px; height: 20px; margin: 0; font-size: 16px; line-height: 20px; }
  p { width: 800px; height: 40px; margin: 0; }
  </style></head><body>${blocks}</body></html>`,
);
const env = withExtension({ '/': pages });

describe('the region cap', () => {
  it('keeps 200 regions by semantic importance × √area, counts the rest, and numbers them r1…rN in reading order', async () => {
    const { tabId } = await env.harness.openTab(`${env.server.origin}/cap.html`);
    const { regions, omitted } = Extraction.parse(
      await env.harness.ask(tabId, 'extractRegions', { privateSelectors: [] }),
    );
    expect(regions).toHaveLength(200);
    expect(omitted).toBeGreaterThanOrEqual(10);
    expect(regions.filter((r) => r.tag === 'h2').map((r) => r.text)).toEqual(
      Array.from({ length: 10 }, (_, i) => `Section ${i + 1}`),
    );
    expect(regions.map((r) => r.id)).toEqual(regions.map((_, i) => `r${i + 1}`));
    const tops = regions.filter((r) => r.kind !== 'container').map((r) => r.box.y);
    expect(tops).toEqual([...tops].sort((a, b) => a - b));
  });
});
