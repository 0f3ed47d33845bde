import { describe, expect, it } from 'vitest';
import { renderSiteIndex } from '@/utils/core/site/indexHtml';
import { SiteSummary, type SitePage } from '@/utils/core/site/summary';
import { outsideReferences } from '@/test/fixtures/selfContained';

const page = (slug: string, over: Partial<SitePage> = {}): SitePage => ({
  target: `https://example.com/${slug}`,
  url: `https://example.com/${slug}`,
  slug,
  state: 'done',
  reason: null,
  title: `The ${slug} page`,
  score: 72.4,
  findings: 3,
  seconds: 4.12,
  written: true,
  ...over,
});

const SUMMARY = SiteSummary.parse({
  schemaVersion: 1,
  source: { kind: 'urls', location: 'urls.txt' },
  jobs: 2,
  startedAt: '2026-12-05T06:00:00.000Z',
  seconds: 30,
  pagesPerMinute: 4,
  notes: ['The list has 120 pages; the first 100 were critiqued (--limit).'],
  pages: [
    page('home'),
    page('pricing', { title: 'Plans <b>& prices</b>' }),
    page('gone', {
      state: 'failed',
      reason: 'https://example.com/gone answered HTTP 404.',
      url: null,
      title: null,
      score: null,
      findings: 0,
      written: false,
    }),
  ],
  worst: [
    {
      slug: 'pricing',
      title: "'Buy' is too faint",
      severity: 'critical',
      category: 'contrast',
      rule: 'wcag-1.4.3',
      fix: 'Make it black.',
      cost: 15,
    },
    { slug: 'home', title: 'Gaps vary', severity: 'minor', category: 'spacing', cost: 1 },
  ],
  repeating: [
    {
      kind: 'heading-order',
      category: 'hierarchy',
      severity: 'minor',
      example: { slug: 'home', title: "'Plans' (h4) skips a heading level" },
      findings: 2,
    },
  ],
});

describe('renderSiteIndex', () => {
  const thumb = `data:image/jpeg;base64,${Buffer.from('thumb').toString('base64')}`;
  const html = renderSiteIndex(SUMMARY, { home: thumb, pricing: 'https://tracker.example/p.png' });

  it('links each written page’s report with its score, and says why a page failed', () => {
    expect(html).toContain('<a href="home/report.html">The home page</a>');
    expect(html).toContain('<a href="pricing/report.html">Plans &lt;b&gt;&amp; prices&lt;/b&gt;</a>');
    expect(html).not.toContain('gone/report.html');
    expect(html).toContain(
      '<span class="failed">failed</span><br>https://example.com/gone answered HTTP 404.',
    );
    expect(html.match(/<td class="num">72<\/td>/g)).toHaveLength(2);
    expect(html).toContain('3 pages: 2 done, 1 failed');
    expect(html).toContain('The list has 120 pages; the first 100 were critiqued (--limit).');
  });

  it('shows a repeating kind once, and the worst findings with their page and cost', () => {
    expect(html.match(/heading-order/g)).toHaveLength(1);
    expect(html).toContain('2 findings on 2 pages');
    expect(html).toContain(
      `&#39;Buy&#39; is too faint, on <a href="pricing/report.html">Plans &lt;b&gt;&amp; prices&lt;/b&gt;</a> (−15 points)<br>Fix: Make it black.`,
    );
    expect(html).toContain('(−1 point)');
  });

  it('is self-contained: only data-URL thumbnails, and links to the folders beside it', () => {
    expect(html).toContain(`<img class="thumb" src="${thumb}" alt="">`);
    expect(html).not.toContain('tracker.example');
    const text = SUMMARY.pages.reduce((all, p) => all.split(p.target).join(''), html);
    expect(outsideReferences(text, 'https://example.com/')).toEqual([]);
  });
});

describe('SiteSummary', () => {
  it('refuses a folder name that could leave the output folder', () => {
    expect(() => SiteSummary.shape.pages.element.parse(page('../etc'))).toThrow();
    expect(SiteSummary.shape.pages.element.parse(page('example-com-a-2')).slug).toBe('example-com-a-2');
  });
});
