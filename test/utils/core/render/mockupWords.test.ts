import { describe, expect, it } from 'vitest';
import { measure } from '@/utils/core/measure';
import { toCssPatch } from '@/utils/core/plan/cssPatch';
import { restage } from '@/utils/core/plan/restage';
import { renderMockup } from '@/utils/core/render/mockup';
import { checkMockupWords, mockupText } from '@/utils/core/render/mockupWords';
import type { Region } from '@/utils/core/schemas/region';
import { button, heading, region } from '@/test/fixtures/regions';

const viewport = { width: 800, height: 800 };

const page: Region[] = [
  heading('r1', 1, 40, { text: 'Ship <b>"faster"</b> & safer', box: { y: 20, height: 48 } }),
  region('r2', { text: 'It’s one paragraph; with punctuation — and “quotes”.', box: { y: 80 } }),
  button('r3', { tag: 'a', role: 'link', text: '', name: 'Products', box: { y: 120 } }),
  region('r4', { kind: 'field', tag: 'input', text: '', name: 'Email address', box: { y: 160 } }),
  region('r5', { kind: 'field', tag: 'input', text: 'Kept value', name: 'Search', box: { y: 200 } }),
  region('r6', { kind: 'media', tag: 'img', text: '', name: 'ACME Widgets since 1999', box: { y: 240 } }),
  region('r7', { text: '•••', name: '', flags: { private: true }, box: { y: 300 } }),
];

function mockupOf(regions: Region[]): string {
  const findings = measure(regions, viewport);
  const { blueprint } = restage(regions, findings, viewport);
  return renderMockup({
    title: 'Test <page>',
    url: 'https://example.com/',
    viewportWidth: viewport.width,
    regions,
    blueprint,
    cssPatch: toCssPatch(blueprint, regions),
  });
}

describe('checkMockupWords', () => {
  it('finds every word of the content regions in a rendered mockup', () => {
    const check = checkMockupWords(mockupOf(page), page);
    expect(check.missing).toEqual([]);
    // ship b faster safer / it s one paragraph with punctuation and quotes / products /
    // email address / kept value / acme widgets since 1999
    expect(check.words).toBe(21);
    expect(check.found).toBe(21);
  });

  it('names the words a mockup dropped', () => {
    const html = mockupOf(page).replace(/<p data-region="r2"[^>]*>[^<]*<\/p>/, '');
    const check = checkMockupWords(html, page);
    expect(check.missing.sort()).toEqual([
      'and',
      'it',
      'one',
      'paragraph',
      'punctuation',
      'quotes',
      's',
      'with',
    ]);
    expect(check.found).toBe(check.words - 8);
  });

  it('does not count the title, styles, comments or the page address as shown words', () => {
    const text = mockupText(mockupOf(page)).join(' ');
    expect(text).not.toContain('Test');
    expect(text).not.toContain('example.com');
    expect(text).not.toContain('box-sizing');
    expect(mockupText('<body><!-- hidden words --><p>shown &amp; told &#8212; &#x41;</p></body>')).toEqual([
      'shown & told — A',
    ]);
  });

  it('reads a field’s value or placeholder and the label of an image or icon button, not other attributes', () => {
    const html =
      '<body><input value="typed text" aria-label="Label words"><input placeholder="Hint">' +
      '<div role="img" aria-label="Logo words"></div><div aria-label="Not shown" title="Nor this"></div>' +
      '<button aria-label="Select language"><svg></svg></button></body>';
    expect(mockupText(html)).toEqual(['typed text', 'Hint', 'Logo words', 'Select language']);
  });

  it('reads the words of a declarative shadow root, and no other template', () => {
    const html =
      '<body><my-card><template shadowrootmode="open"><p>Inside the card</p></template></my-card>' +
      '<template><p>Never shown</p></template></body>';
    expect(mockupText(html)).toEqual(['Inside the card']);
  });
});
