import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  FETCH_LIMITS,
  fetchResource,
  inlineResources,
  mockupToken,
  UNREAD_MARK,
} from '@/utils/core/render/frozenResources';
import type { FrozenPage } from '@/utils/core/schemas/capture';

const NONCE = '0123456789abcdef0123456789abcdef';
const t = (n: number) => mockupToken(NONCE, n);
const PNG = new Blob([new Uint8Array([137, 80, 78, 71])], { type: 'image/png' });

function frozen(
  html: string,
  images: FrozenPage['images'],
  stylesheets: FrozenPage['stylesheets'] = [],
): FrozenPage {
  return {
    html,
    nonce: NONCE,
    images,
    stylesheets,
    marked: 0,
    unmarked: [],
    viewport: { width: 800, height: 600 },
    documentHeight: 600,
    ms: 0,
  };
}

/** A fake network: answers by URL; a host listed in `down` fails as an unreachable one does. */
function network(answers: Record<string, Blob | number>, down: string[] = []) {
  const asked: string[] = [];
  const fetcher: typeof fetchResource = async (url) => {
    asked.push(url);
    if (down.some((host) => url.includes(host))) return { ok: false, reason: 'TypeError' };
    const answer = answers[url];
    if (answer === undefined) return { ok: false, reason: 'HTTP 404' };
    if (typeof answer === 'number') return { ok: false, reason: `HTTP ${answer}` };
    return { ok: true, blob: answer };
  };
  return { fetcher, asked };
}

const signal = new AbortController().signal;

describe('inlineResources', () => {
  it('writes every image in as a data URL, and a sized grey placeholder for one it cannot read', async () => {
    const { fetcher } = network({
      'https://cdn/a.png': PNG,
      'https://cdn/page.html': new Blob(['<p>'], { type: 'text/html' }),
    });
    const result = await inlineResources(
      frozen(`<img src="${t(0)}"><img src="${t(1)}"><img src="${t(2)}">`, [
        { token: t(0), url: 'https://cdn/a.png', width: 10, height: 10 },
        { token: t(1), url: 'https://cdn/missing.png', width: 120, height: 80 },
        { token: t(2), url: 'https://cdn/page.html', width: 5, height: 5 },
      ]),
      signal,
      FETCH_LIMITS,
      fetcher,
    );
    expect(result.html).toContain('<img src="data:image/png;base64,iVBORw==">');
    expect(result.unread).toEqual(['https://cdn/missing.png', 'https://cdn/page.html']);
    const placeholders = [...result.html.matchAll(/data:image\/svg\+xml;base64,([A-Za-z0-9+/=]+)/g)].map(
      (m) => atob(m[1]!),
    );
    expect(placeholders[0]).toContain('width="120" height="80"');
    expect(placeholders.every((svg) => svg.includes(UNREAD_MARK))).toBe(true);
    expect(result.html).not.toContain(`restage-${NONCE}`);
  });

  it('inlines a stylesheet the page could not hand over, its relative images resolved and embedded', async () => {
    const css = new Blob(['.hero { background: url(../img/hero.png) } </style><script>x</script>'], {
      type: 'text/css',
    });
    const { fetcher } = network({ 'https://cdn/css/site.css': css, 'https://cdn/img/hero.png': PNG });
    const result = await inlineResources(
      frozen(`<style>${t(0)}</style>`, [], [{ token: t(0), url: 'https://cdn/css/site.css' }]),
      signal,
      FETCH_LIMITS,
      fetcher,
    );
    expect(result.html).toBe(
      '<style>.hero { background: url("data:image/png;base64,iVBORw==") } <\\/style><script>x</script></style>',
    );
    expect(result).toMatchObject({ stylesheets: 1, stylesheetsFailed: 0, unread: [] });
  });

  it('asks an unreachable host once, not once per file, and keeps to the byte budget', async () => {
    const { fetcher, asked } = network({ 'https://ok/a.png': PNG, 'https://ok/b.png': PNG }, [
      'fonts.example',
    ]);
    const images = [
      'https://fonts.example/1.woff2',
      'https://fonts.example/2.woff2',
      'https://ok/a.png',
      'https://ok/b.png',
    ].map((url, i) => ({ token: t(i), url, width: 0, height: 0 }));
    const result = await inlineResources(
      frozen(images.map((i) => `url("${i.token}")`).join(' '), images),
      signal,
      { ...FETCH_LIMITS, parallel: 1, totalBytes: 4 },
      fetcher,
    );
    expect(asked.filter((u) => u.includes('fonts.example'))).toHaveLength(1);
    expect(result.unread).toEqual([
      'https://fonts.example/1.woff2',
      'https://fonts.example/2.woff2',
      'https://ok/b.png',
    ]);
    expect(result.bytes).toBe(4);
  });
});

describe('fetchResource', () => {
  afterEach(() => vi.unstubAllGlobals());

  it('sends no cookies, and refuses a file over the size cap, declared or not', async () => {
    const calls: RequestInit[] = [];
    vi.stubGlobal('fetch', async (_url: string, init: RequestInit) => {
      calls.push(init);
      return new Response(new Uint8Array(10), { headers: { 'content-type': 'image/png' } });
    });
    expect(await fetchResource('https://cdn/a.png', { ...FETCH_LIMITS, maxBytes: 10 }, signal)).toMatchObject(
      { ok: true },
    );
    expect(calls[0]?.credentials).toBe('omit');
    expect(await fetchResource('https://cdn/a.png', { ...FETCH_LIMITS, maxBytes: 9 }, signal)).toEqual({
      ok: false,
      reason: 'too large',
    });
  });
});
