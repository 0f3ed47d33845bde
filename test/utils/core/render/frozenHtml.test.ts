import { describe, expect, it } from 'vitest';
import {
  MASK,
  NODE,
  tokenizeCssUrls,
  writeFrozen,
  type FrozenNode,
  type WriteOptions,
} from '@/utils/core/render/frozenHtml';

let next = 1;
const el = (
  tagName: string,
  attributes: FrozenNode['attributes'] = {},
  childNodes: FrozenNode[] = [],
  extra: Partial<FrozenNode> = {},
): FrozenNode => ({ type: NODE.element, id: next++, tagName, attributes, childNodes, ...extra });
const text = (textContent: string): FrozenNode => ({ type: NODE.text, id: next++, textContent });
const doc = (head: FrozenNode[], body: FrozenNode[]): FrozenNode => ({
  type: NODE.document,
  id: next++,
  childNodes: [
    { type: NODE.doctype, id: next++ },
    el('html', { lang: 'en' }, [el('head', {}, head), el('body', {}, body)]),
  ],
});

const options = (over: Partial<WriteOptions> = {}): WriteOptions => ({
  regionOf: new Map(),
  privateIds: new Set(),
  omitIds: new Set(),
  image: (url) => (url.startsWith('https:') ? `TOKEN(${url})` : null),
  stylesheet: (url) => `SHEET(${url})`,
  currentSrc: () => null,
  headStart: '<meta name="first">',
  planCss: '[data-region="r1"] { font-weight: 700 !important; }',
  ...over,
});

describe('writeFrozen', () => {
  it('writes the head start first and the plan’s stylesheet last in the head', () => {
    const html = writeFrozen(doc([el('style', { _cssText: 'p { color: red; }' })], [text('hi')]), options());
    expect(html.startsWith('<!doctype html><html lang="en"><head><meta name="first">')).toBe(true);
    expect(html).toContain('<style>p { color: red; }</style><style data-restage-plan="">[data-region="r1"]');
    expect(html.indexOf('data-restage-plan')).toBeLessThan(html.indexOf('</head>'));
  });

  it('keeps the page’s rendering mode: its doctype as it was, or none for a page in quirks mode', () => {
    const page = doc([], [text('hi')]);
    const without = { ...page, childNodes: page.childNodes!.filter((n) => n.type !== NODE.doctype) };
    expect(writeFrozen(without, options()).startsWith('<html lang="en">')).toBe(true);
    const legacy = {
      ...page,
      childNodes: page.childNodes!.map((n) =>
        n.type === NODE.doctype
          ? {
              ...n,
              name: 'html',
              publicId: '-//W3C//DTD HTML 4.01 Transitional//EN',
              systemId: 'http://www.w3.org/TR/html4/loose.dtd"><script>',
            }
          : n,
      ),
    };
    expect(writeFrozen(legacy, options())).toMatch(
      /^<!doctype html PUBLIC "-\/\/W3C\/\/DTD HTML 4\.01 Transitional\/\/EN" "http:\/\/www\.w3\.org\/TR\/html4\/loose\.dtdscript"><html/,
    );
  });

  it('drops scripts, handlers, javascript: URLs, frames’ content and what loads', () => {
    const html = writeFrozen(
      doc(
        [
          el('script', { src: 'https://x/a.js' }, [text('alert(1)')]),
          el('base', { href: 'https://evil/' }),
          el('meta', { 'http-equiv': 'refresh', content: '0;url=https://evil' }),
        ],
        [
          el('a', { href: 'javascript:alert(1)', onclick: 'alert(2)' }, [text('go')]),
          el('a', { href: 'https://example.com/next', onmouseover: 'x()' }, [text('next')]),
          el('div', { style: 'background: url(jav\nascript:alert(3))', 'data-x': ' java\tscript:alert(4)' }),
          el('iframe', { src: 'https://ads/', srcdoc: '<script>alert(5)</script>', width: '300' }, [
            el('p', {}, [text('inner')]),
          ]),
          el('noscript', {}, [text('Please enable JavaScript')]),
          el('form', { action: 'https://x/post' }, [
            el('button', { formaction: 'javascript:alert(6)' }, [text('Send')]),
          ]),
          el('object', { data: 'https://x/flash.swf' }),
        ],
      ),
      options(),
    );
    expect(html).not.toMatch(
      /script|alert|onclick|onmouseover|srcdoc|https:\/\/evil|https:\/\/ads|action=|Please enable|inner|<object/i,
    );
    expect(html).toContain('<a>go</a>');
    expect(html).toContain('<a href="#">next</a>');
    expect(html).toContain('<iframe width="300" data-restage-frame=""></iframe>');
    expect(html).toContain('<button>Send</button>');
  });

  it('escapes text and attributes, and keeps page text from ending a style element', () => {
    const html = writeFrozen(
      doc(
        [el('style', { _cssText: 'p::after { content: "</style><script>alert(1)</script>"; }' })],
        [el('p', { title: '"><img src=x onerror=alert(1)>' }, [text('<b>&amp;</b>')])],
      ),
      options(),
    );
    expect(html).toContain(
      '<p title="&quot;&gt;&lt;img src=x onerror=alert(1)&gt;">&lt;b&gt;&amp;amp;&lt;/b&gt;</p>',
    );
    expect(html).not.toContain('</style><script>');
    expect(html.match(/<\/style>/g)).toHaveLength(2);
  });

  it('marks each region’s element and swaps every image for a token', () => {
    const img = el('img', {
      src: 'https://cdn/a.jpg',
      srcset: 'https://cdn/a2.jpg 2x',
      loading: 'lazy',
      alt: 'A cat',
    });
    const card = el('div', { style: 'background-image: url("https://cdn/bg.png")' }, [img]);
    const html = writeFrozen(
      doc(
        [el('link', { rel: 'stylesheet', href: 'https://cdn/site.css', media: 'screen' })],
        [card, el('td', { background: 'https://cdn/tile.gif' })],
      ),
      options({
        regionOf: new Map([
          [card.id, 'r1'],
          [img.id, 'r2'],
        ]),
        currentSrc: (id) => (id === img.id ? 'https://cdn/a2.jpg' : null),
      }),
    );
    expect(html).toContain(
      '<div style="background-image: url(&quot;TOKEN(https://cdn/bg.png)&quot;)" data-region="r1">',
    );
    expect(html).toContain('<img alt="A cat" data-region="r2" src="TOKEN(https://cdn/a2.jpg)">');
    expect(html).toContain('<style media="screen">SHEET(https://cdn/site.css)</style>');
    expect(html).toContain('background="TOKEN(https://cdn/tile.gif)"');
    expect(html).not.toMatch(/srcset|loading/);
  });

  it('masks private content: text, values and the attributes that could carry them', () => {
    const field = el('input', {
      type: 'text',
      value: '4111 1111 1111 1111',
      'aria-label': 'Card 4111',
      placeholder: '4111',
      class: 'field',
    });
    const box = el('div', { 'data-restage-private': '', title: 'secret title' }, [
      text('Jane Doe, 12 Main St'),
      el('img', { src: 'https://cdn/face.jpg', alt: 'Jane' }),
    ]);
    const area = el('textarea', { value: 'my diary' });
    const html = writeFrozen(
      doc([], [field, box, area]),
      options({ privateIds: new Set([field.id, box.id, area.id]) }),
    );
    expect(html).not.toMatch(/4111|Jane|Main St|secret|diary|face\.jpg|data-restage-private/);
    expect(html).toContain(`<input type="text" class="field" value="${MASK}">`);
    expect(html).toContain(`<div>${MASK}<img></div>`);
    expect(html).toContain(`<textarea>${MASK}</textarea>`);
  });

  it('writes open shadow roots declaratively, with the plan’s stylesheet inside', () => {
    const host = el(
      'x-card',
      {},
      [el('p', {}, [text('light')]), el('span', {}, [text('shadow')], { isShadow: true })],
      { isShadowHost: true },
    );
    const html = writeFrozen(doc([], [host]), options());
    expect(html).toContain(
      '<x-card><template shadowrootmode="open"><style data-restage-plan="">[data-region="r1"]',
    );
    expect(html).toContain('<span>shadow</span></template><p>light</p></x-card>');
  });

  it('leaves out Restage’s own elements', () => {
    const overlay = el('div', { id: 'restage-overlay' }, [text('1')]);
    const html = writeFrozen(doc([], [overlay, text('page')]), options({ omitIds: new Set([overlay.id]) }));
    expect(html).not.toContain('restage-overlay');
  });
});

describe('tokenizeCssUrls', () => {
  it('swaps quoted and bare urls, keeps fragment references, and drops what has no token', () => {
    const css = `a { background: url("https://x/a.png") } b { background: url('https://x/b.png') } c { mask: url(#m) } d { background: url(https://x/d.png) } e { background: url(ftp://x/e) }`;
    const out = tokenizeCssUrls(css, (url) => (url.startsWith('https:') ? `T${url.slice(-5)}` : null));
    expect(out).toBe(
      `a { background: url("Ta.png") } b { background: url("Tb.png") } c { mask: url("#m") } d { background: url("Td.png") } e { background: none }`,
    );
  });
});
