import { describe, expect, it } from 'vitest';
import { slugFor, uniqueSlugs } from '@/utils/core/site/slug';

describe('slugFor', () => {
  it.each([
    ['https://www.example.com/pricing', 'example-com-pricing'],
    ['https://example.com/', 'example-com'],
    ['https://example.com/Blog/Über-uns?page=2#top', 'example-com-blog-uber-uns-page-2'],
    ['http://127.0.0.1:8080/a/b.html', '127-0-0-1-a-b-html'],
    ['/work/corpus/pages/17636.html', '17636'],
    ['./My Page (draft).htm', 'my-page-draft'],
    ['/tmp/日本語.html', 'page'],
  ])('%s → %s', (target, slug) => {
    expect(slugFor(target)).toBe(slug);
  });

  it('stays at most 60 characters and never ends in a dash', () => {
    const slug = slugFor(`https://example.com/${'word-'.repeat(40)}`);
    expect(slug.length).toBeLessThanOrEqual(60);
    expect(slug).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*$/);
  });
});

describe('uniqueSlugs', () => {
  it('numbers a name already taken, in list order, past names that look numbered', () => {
    expect(
      uniqueSlugs([
        'https://example.com/a',
        '/one/example-com-a-2.html',
        'https://example.com/a?',
        'https://EXAMPLE.com/a',
        '/x/index.html',
        '/y/index.html',
      ]),
    ).toEqual(['example-com-a', 'example-com-a-2', 'example-com-a-3', 'example-com-a-4', 'index', 'index-2']);
  });
});
