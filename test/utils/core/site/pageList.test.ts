import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { parseSitemap, parseUrlList, sitemapPages } from '@/utils/core/site/pageList';

describe('parseUrlList', () => {
  it('reads one page a line, skipping blank lines and # comments, and each page once', () => {
    const text = [
      '# the pricing pages',
      'https://example.com/pricing',
      '',
      '   ',
      '  https://example.com/about#team  ',
      '\t# indented comment',
      'https://example.com/pricing',
      '/abs/page.html',
      'pages/local.html\r',
      'C:\\site\\page.html',
    ].join('\n');
    expect(parseUrlList(text, '/lists')).toEqual([
      'https://example.com/pricing',
      'https://example.com/about#team',
      '/abs/page.html',
      '/lists/pages/local.html',
      // A Windows drive path is a path, not a URL with the scheme `c:`; on POSIX it is relative.
      expect.stringMatching(/C:\\site\\page\.html$/),
    ]);
  });

  it('is empty for a list of comments', () => {
    expect(parseUrlList('# nothing yet\n\n', '/')).toEqual([]);
  });
});

const urlset = (locs: string[], extra = '') =>
  `<?xml version="1.0" encoding="UTF-8"?>\n<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" xmlns:image="http://www.google.com/schemas/sitemap-image/1.1">${locs
    .map((loc) => `<url><loc>${loc}</loc><lastmod>2026-01-01</lastmod>${extra}</url>`)
    .join('')}</urlset>`;

describe('parseSitemap', () => {
  it('reads each url’s loc, decoding entities and CDATA, and not the image extension’s loc', () => {
    const xml = urlset(
      [
        'https://example.com/a?x=1&amp;y=2',
        '<![CDATA[https://example.com/b?x=1&y=2]]>',
        '  https://example.com/c  ',
      ],
      '<image:image><image:loc>https://example.com/photo.jpg</image:loc></image:image>',
    );
    expect(parseSitemap(xml)).toEqual({
      index: false,
      locs: ['https://example.com/a?x=1&y=2', 'https://example.com/b?x=1&y=2', 'https://example.com/c'],
    });
  });

  it('reads a sitemap index, and a namespace prefix', () => {
    const xml = `<sm:sitemapindex xmlns:sm="http://www.sitemaps.org/schemas/sitemap/0.9"><sm:sitemap><sm:loc>https://example.com/s1.xml</sm:loc></sm:sitemap></sm:sitemapindex>`;
    expect(parseSitemap(xml)).toEqual({ index: true, locs: ['https://example.com/s1.xml'] });
  });

  it('refuses what is not a sitemap', () => {
    expect(() => parseSitemap('<html><body><loc>x</loc></body></html>')).toThrow(
      'its root element is <html>, not <urlset> or <sitemapindex>',
    );
    expect(() => parseSitemap('not xml at all')).toThrow('it holds no XML');
  });
});

describe('sitemapPages', () => {
  const files: Record<string, Uint8Array> = {
    'index.xml': Buffer.from(
      `<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"><sitemap><loc>one.xml</loc></sitemap><sitemap><loc>two.xml.gz</loc></sitemap></sitemapindex>`,
    ),
    'one.xml': Buffer.from(urlset(['https://example.com/1', 'https://example.com/2'])),
    'two.xml.gz': gzipSync(urlset(['https://example.com/2', 'https://example.com/3'])),
    'nested.xml': Buffer.from(
      `<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"><sitemap><loc>index.xml</loc></sitemap></sitemapindex>`,
    ),
  };
  const read = async (where: string) => {
    const bytes = files[where];
    if (!bytes) throw new Error(`No such file: ${where}.`);
    return bytes;
  };

  it('follows an index to its sitemaps, gzipped or not, each page once', async () => {
    expect(await sitemapPages('index.xml', read, 100)).toEqual({
      pages: ['https://example.com/1', 'https://example.com/2', 'https://example.com/3'],
      cut: false,
    });
  });

  it('stops at the limit and says it cut the list', async () => {
    expect(await sitemapPages('index.xml', read, 2)).toEqual({
      pages: ['https://example.com/1', 'https://example.com/2'],
      cut: true,
    });
    expect(await sitemapPages('one.xml', read, 2)).toEqual({
      pages: ['https://example.com/1', 'https://example.com/2'],
      cut: false,
    });
  });

  it('refuses an index inside an index, and names a sitemap it cannot read', async () => {
    await expect(sitemapPages('nested.xml', read, 100)).rejects.toThrow(
      'index.xml is a sitemap index inside a sitemap index.',
    );
    await expect(sitemapPages('missing.xml', read, 100)).rejects.toThrow('No such file: missing.xml.');
    files['bad.xml'] = Buffer.from('<html></html>');
    await expect(sitemapPages('bad.xml', read, 100)).rejects.toThrow(
      'bad.xml is not a sitemap: its root element is <html>, not <urlset> or <sitemapindex>.',
    );
  });
});
