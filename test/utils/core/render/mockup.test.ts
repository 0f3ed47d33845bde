import { describe, expect, it } from 'vitest';
import { measure } from '@/utils/core/measure';
import { parseColor, textContrast } from '@/utils/core/measure/color';
import { pageBackground } from '@/utils/core/measure/weight';
import { toCssPatch } from '@/utils/core/plan/cssPatch';
import { restage } from '@/utils/core/plan/restage';
import { renderMockup, type MockupInput } from '@/utils/core/render/mockup';
import type { Blueprint, CssPatch } from '@/utils/core/schemas/plan';
import type { Region } from '@/utils/core/schemas/region';
import { WHITE, button, heading, region, rgba, syntheticRegions } from '@/test/fixtures/regions';

const viewport = { width: 800, height: 800 };

const page: Region[] = [
  button('r1', { tag: 'a', role: 'link', text: 'Home', landmark: 'nav', style: { color: rgba('#333') } }),
  button('r2', { tag: 'a', role: 'link', text: 'Pricing', landmark: 'nav', box: { x: 100 } }),
  heading('r3', 1, 40, { text: 'Ship <b>&"faster</b>', box: { y: 80, height: 48 } }),
  region('r4', { text: 'Plans for teams of any size.', box: { y: 140 } }),
  button('r5', {
    text: 'Start trial',
    box: { y: 180 },
    style: { color: WHITE, background: rgba('#0a66c2') },
  }),
  region('r6', { kind: 'field', tag: 'input', text: '', name: 'Email address', box: { y: 240 } }),
  region('r7', {
    kind: 'field',
    tag: 'input',
    text: '•••',
    name: '',
    flags: { private: true },
    box: { y: 280 },
  }),
  region('r8', {
    kind: 'media',
    tag: 'img',
    text: '',
    name: 'Team photo',
    box: { y: 320, width: 1600, height: 800 },
  }),
  region('r9', { kind: 'container', tag: 'section', text: '', box: { y: 1200, height: 200 } }),
  region('r10', { parentId: 'r9', text: 'Inside a card', box: { y: 1210 } }),
  region('r11', { landmark: 'footer', text: '© 2025 Example', box: { y: 1700 } }),
];

const decode = (s: string) =>
  s
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, '&');
const body = (html: string) => html.slice(html.indexOf('<body'));
const textNodes = (html: string) =>
  body(html)
    .split(/<[^>]*>/)
    .map((s) => decode(s.trim()))
    .filter(Boolean);
const attributes = (html: string, name: string) =>
  [...body(html).matchAll(new RegExp(` ${name}="([^"]*)"`, 'g'))].map((m) => decode(m[1] ?? ''));
const regionIdsIn = (html: string) => [...html.matchAll(/data-region="([^"]+)"/g)].map((m) => m[1]);
const elementOf = (html: string, id: string) =>
  new RegExp(`<[^>]*data-region="${id}"[^>]*>`).exec(html)?.[0] ?? '';

function planned(regions: Region[]): MockupInput {
  const { blueprint } = restage(regions, measure(regions, viewport), viewport);
  const cssPatch = toCssPatch(blueprint, regions);
  return {
    title: 'Example',
    url: 'https://example.com/',
    viewportWidth: viewport.width,
    regions,
    blueprint,
    cssPatch,
  };
}

/** The only words a mockup may show: each region's text, or a control's or field's name. */
function ownWords(regions: readonly Region[]): Set<string> {
  // Trimmed like the text nodes: the synthetic fixture's repeated words end in a space.
  const words = regions.flatMap((r) => [
    r.text,
    ...(r.kind === 'heading' || r.kind === 'text' ? [] : [r.name]),
  ]);
  return new Set(words.map((w) => w.trim()));
}

describe('renderMockup', () => {
  for (const [name, regions] of [
    ['a hand-made page', page],
    ['200 synthetic regions', syntheticRegions(200)],
  ] as const) {
    it(`renders every blueprint region once, in order, and no words of its own (${name})`, () => {
      const input = planned([...regions]);
      const html = renderMockup(input);
      expect(regionIdsIn(html)).toEqual(input.blueprint.sections.flatMap((s) => s.regionIds));
      expect(html.match(/<section /g)).toHaveLength(input.blueprint.sections.length);
      for (const s of input.blueprint.sections) {
        expect(html).toContain(`data-section="${s.id}" data-emphasis="${s.emphasis}"`);
      }
      const words = ownWords(regions);
      for (const text of [
        ...textNodes(html),
        ...attributes(html, 'value'),
        ...attributes(html, 'placeholder'),
      ]) {
        expect(words).toContain(text);
      }
      for (const label of attributes(html, 'aria-label')) expect(regions.map((r) => r.name)).toContain(label);
      expect(html).not.toMatch(/<script|\bsrc=|\bhref=|url\(|@import/i);
      expect(html).toContain(
        `<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:; font-src data:">`,
      );
    });
  }

  it('escapes region text and renders each kind with its own element', () => {
    const html = renderMockup(planned(page));
    expect(html).toContain('>Ship &lt;b&gt;&amp;&quot;faster&lt;/b&gt;</h1>');
    expect(html).not.toContain('<b>');
    expect(elementOf(html, 'r1')).toMatch(/^<span class="link"/);
    expect(elementOf(html, 'r5')).toMatch(/^<button type="button"/);
    expect(elementOf(html, 'r6')).toMatch(/^<input type="text" .*disabled placeholder="Email address"/);
    expect(elementOf(html, 'r7')).toContain('value="•••"');
    expect(elementOf(html, 'r8')).toMatch(/role="img" aria-label="Team photo"/);
    expect(elementOf(html, 'r8')).toMatch(/width: 768px; max-width: 100%; aspect-ratio: 1600 \/ 800/);
    expect(html).toContain('<main style="max-width: 800px">');
  });

  it('embeds an image only as image data, and keeps the place and alt text of one it lacks', () => {
    const pixel =
      'data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==';
    const shown = renderMockup({ ...planned(page), images: new Map([['r8', pixel]]) });
    expect(elementOf(shown, 'r8')).toMatch(
      new RegExp(`^<img data-region="r8" src="${pixel.replace(/[+/]/g, '\\$&')}" alt="Team photo"`),
    );
    expect(shown.match(/<img /g)).toHaveLength(1);
    for (const hostile of [
      'data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==',
      'javascript:alert(1)',
      'https://example.com/a.png',
      'data:image/svg+xml;base64,PHN2Zz48L3N2Zz4=',
      `${pixel}" onerror="alert(1)`,
    ]) {
      const html = renderMockup({ ...planned(page), images: new Map([['r8', hostile]]) });
      expect(html).not.toMatch(/<img |onerror|javascript:|a\.png|svg/);
      expect(elementOf(html, 'r8')).toMatch(/data-placeholder="" role="img" aria-label="Team photo"/);
    }
  });

  it('keeps the page palette and mutes page chrome without losing contrast', () => {
    const input = planned(page);
    const html = renderMockup(input);
    const palette = new Set(page.map((r) => parseColor(r.style.color)).map((c) => `${c?.r},${c?.g},${c?.b}`));
    for (const [, css] of html.matchAll(/[^-]color: (rgba?\([^)]*\))/g)) {
      const c = parseColor(css ?? '');
      expect(palette).toContain(`${c?.r},${c?.g},${c?.b}`);
    }
    expect(html).toContain(`<body style="background-color: ${pageBackground(page)}">`);
    const nav = /color: (rgba\([^)]*\))/.exec(elementOf(html, 'r1'))?.[1] ?? '';
    expect(parseColor(nav)?.a).toBeLessThan(1);
    expect(textContrast(nav, WHITE)?.ratio).toBeGreaterThanOrEqual(4.5);
  });

  it('uses the CSS patch values so the mockup and the in-place preview agree', () => {
    const input = planned(page);
    expect(input.cssPatch.length).toBeGreaterThan(0);
    const html = renderMockup(input);
    for (const { regionId, declarations } of input.cssPatch) {
      for (const [property, value] of Object.entries(declarations)) {
        expect(elementOf(html, regionId)).toContain(`${property}: ${value}`);
      }
    }
  });

  it('counts containers, unknown and repeated ids once and shows nothing for them', () => {
    const blueprint: Blueprint = {
      sections: [{ id: 's1', source: 'main', emphasis: 'primary', regionIds: ['r9', 'r4', 'r4', 'r99'] }],
      typeScale: { base: 16, ratio: 1.25 },
      spacingUnit: 8,
    };
    const html = renderMockup({ ...planned(page), blueprint, cssPatch: [] });
    expect(regionIdsIn(html)).toEqual(['r9', 'r4', 'r99']);
    expect(html).toContain('<div data-region="r9" aria-hidden="true"></div>');
    expect(html).toContain('<div data-region="r99" data-unknown="" aria-hidden="true"></div>');
    expect(textNodes(html)).toEqual(['Plans for teams of any size.']);
  });

  it('drops CSS that could load or run anything, even when the patch skipped its schema', () => {
    const hostile = [
      region('r1', { style: { fontFamily: 'x; background: url(https://evil.test/)', color: 'red;}' } }),
    ];
    const cssPatch = [
      { regionId: 'r1', declarations: { 'font-size': '1px; background: url(x)' } },
    ] as CssPatch;
    const blueprint: Blueprint = {
      sections: [{ id: 's1', source: 'main', emphasis: 'secondary', regionIds: ['r1'] }],
      typeScale: { base: 16, ratio: 1.25 },
      spacingUnit: 4,
    };
    const html = renderMockup({
      title: '</title><script>',
      url: '"',
      viewportWidth: 320,
      regions: hostile,
      blueprint,
      cssPatch,
    });
    expect(html).not.toMatch(/url\(|<script|evil|red;/);
    expect(elementOf(html, 'r1')).toContain('font-family: sans-serif; font-size: 16px');
  });
});
