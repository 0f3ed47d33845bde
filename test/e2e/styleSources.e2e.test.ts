/**
 * Extraction reads a computed property only where some style can set it (utils/page/regions/
 * styleSources.ts) and takes the inherited or initial value elsewhere. That is only sound if
 * the prediction holds: on every corpus page and fixture, for every element whose property
 * extraction relies on, the value it would take without reading equals getComputedStyle's.
 */
import { readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { CORPUS, HAS_CORPUS, ROOT, withExtension } from '@/test/e2e/harness';

const FIXTURES = `${import.meta.dirname}/../fixtures/pages`;
const env = withExtension({ '/corpus': `${CORPUS}/pages`, '/fixtures': FIXTURES });
const PAGES = [
  ...readdirSync(FIXTURES)
    .filter((f) => f.endsWith('.html') && !f.startsWith('iframe'))
    .map((f) => `fixtures/${f}`),
  // The corpus sits beside the checkout in CI; a clone on its own runs the fixtures.
  ...(HAS_CORPUS ? readdirSync(`${CORPUS}/pages`) : [])
    .filter((f) => f.endsWith('.html'))
    .map((f) => `corpus/${f}`),
];

/** The module itself, bundled for the page: the same code the content script runs. */
async function bundle(): Promise<string> {
  const { build } = await import('esbuild');
  const out = await build({
    entryPoints: [`${ROOT}/utils/page/regions/styleSources.ts`],
    bundle: true,
    format: 'iife',
    globalName: 'restageStyleSources',
    write: false,
  });
  return out.outputFiles[0]!.text;
}

describe('style sources predict the computed values extraction does not read', () => {
  let code = '';

  it.each(PAGES)('%s', async (file) => {
    code ||= await bundle();
    const { page } = await env.harness.openTab(`${env.server.origin}/${file}`);
    await page.addScriptTag({ content: code });
    const wrong = await page.evaluate(() => {
      type Module = {
        styleSources(doc: Document): unknown;
        authoredMask(sources: unknown, el: Element, tag: string): number;
        uaMask(tag: string): number;
      } & Record<string, number>;
      const m = (globalThis as unknown as { restageStyleSources: Module }).restageStyleSources;
      const sources = m.styleSources(document);
      // property, bit, inherited, initial value; border, overflow, box-shadow and clip matter
      // only where an element can be a card or clip (not inside headings, controls or media).
      const checks: [keyof CSSStyleDeclaration, number, boolean, string, boolean][] = [
        ['opacity', m.OPACITY!, false, '1', false],
        ['visibility', m.VISIBILITY!, true, 'visible', false],
        ['color', m.COLOR!, true, 'rgb(0, 0, 0)', false],
        ['textShadow', m.TEXT_SHADOW!, true, 'none', false],
        ['webkitTextStrokeWidth', m.TEXT_STROKE!, true, '0px', false],
        ['backgroundColor', m.BG_COLOR!, false, 'rgba(0, 0, 0, 0)', false],
        ['backgroundImage', m.BG_IMAGE!, false, 'none', false],
        ['borderTopWidth', m.BORDER!, false, '0px', true],
        ['boxShadow', m.BOX_SHADOW!, false, 'none', true],
        ['overflowX', m.OVERFLOW!, false, 'visible', true],
        ['overflowY', m.OVERFLOW!, false, 'visible', true],
        ['clip', m.CLIP!, false, 'auto', true],
        ['clipPath', m.CLIP!, false, 'none', true],
      ];
      const ATOMIC =
        'h1,h2,h3,h4,h5,h6,a[href],button,input,select,textarea,img,svg,video,canvas,iframe,object,embed,' +
        'picture,audio,summary,[role="button"],[role="link"],[role="heading"],[role="img"]';
      const OPAQUE =
        'select,textarea,option,optgroup,datalist,video,audio,canvas,object,embed,svg,math,picture,iframe,script,style,template,noscript,head';
      const found: string[] = [];
      const visit = (el: Element, inherited: Record<string, string>) => {
        const style = getComputedStyle(el);
        if (style.display === 'none') return;
        const tag = el.localName;
        // Shadow hosts and their slotted children are read whole (::slotted, :host).
        const composed = el.shadowRoot !== null || el.parentElement?.shadowRoot != null;
        const mask = m.authoredMask(sources, el, tag) | m.uaMask(tag) | (composed ? m.EVERY! : 0);
        const inLeaf = el.closest(ATOMIC) !== null;
        const own: Record<string, string> = {};
        for (const [name, bit, inherits, initial, cardOnly] of checks) {
          const actual = String(style[name]);
          own[name as string] = actual;
          if (mask & bit || (cardOnly && inLeaf)) continue;
          const expected = inherits ? (inherited[name as string] ?? initial) : initial;
          if (actual !== expected && found.length < 20)
            found.push(
              `${tag}${el.id ? `#${el.id}` : ''}.${el.classList[0] ?? ''} ${String(name)}: ${actual} (predicted ${expected})`,
            );
        }
        if (el.matches(OPAQUE)) return;
        for (let child = el.firstElementChild; child; child = child.nextElementSibling) visit(child, own);
      };
      visit(document.documentElement, {});
      return found;
    });
    expect(wrong).toEqual([]);
    await page.close();
  });
});
