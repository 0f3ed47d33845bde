/**
 * Export from the panel, in real Chromium: with a model configured (a canary key, the fake
 * server) and a page with private fields, every export on Critique, Alternative and Verify is
 * run, the clipboard read back and every download read from disk. None carries the key or a
 * private value; the Markdown numbers every finding, the issue has its title and the fixes, the
 * CSS parses and each of its selectors resolves on the page, the report opens with its pictures,
 * the PNGs decode and are the masked pictures the critique saved, and the JSON is a critique.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import type { Download, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readCritiqueJson } from '@/utils/core/history/migrate';
import { md } from '@/utils/core/report/exportText';
import { numberedFindings } from '@/utils/core/report/findingNumbers';
import { type Critique } from '@/utils/core/schemas/record';
import { DEFAULT_SETTINGS, type Settings } from '@/utils/core/schemas/settings';
import { startFakeOpenAI, type FakeOpenAI } from '@/test/fake-openai/server';
import {
  artifactPath,
  critiqueInPanel,
  jobEnded,
  withExtension,
  type ExtensionGlobal,
} from '@/test/e2e/harness';

const env = withExtension({ '/fixtures': `${import.meta.dirname}/../fixtures/pages` });
const CANARY_KEY = 'sk-canary-export-7f3a9c51d2';
/** The page's private values: a password, a `data-restage-private` paragraph, a private selector's note. */
const PRIVATE = ['hunter2secret', '4242 4242', 'launch date'];

let fake: FakeOpenAI;
let panel: Page;
let page: Page;
let id: string;
/** Every export, as text (PNGs as latin1, so a string in their metadata would show). */
const exported: { what: string; text: string }[] = [];

beforeAll(async () => {
  fake = await startFakeOpenAI();
  const settings: Settings = {
    ...DEFAULT_SETTINGS,
    provider: 'compatible',
    baseUrl: fake.baseUrl,
    apiKey: CANARY_KEY,
    imageGeneration: true,
    capPerCritiqueUsd: 5,
    capPerDayUsd: 100,
    privateSelectors: ['.secret-note'],
  };
  const extension = await env.harness.extensionPage();
  await extension.evaluate(
    (s) => (globalThis as unknown as ExtensionGlobal).chrome.storage.session.set({ settings: s }),
    settings,
  );
  // Reading the clipboard back; the panel's writes need no grant (the manifest's clipboardWrite).
  await env.harness.context.grantPermissions(['clipboard-read']);
  const tab = await env.harness.openTab(`${env.server.origin}/fixtures/password.html`);
  page = tab.page;
  panel = await env.harness.openPanel(tab.tabId);
  id = await critiqueInPanel(panel, 'viewport', ['done']);
}, 120_000);

afterAll(async () => {
  await fake?.close();
});

const view = (name: string) => panel.locator(`#view-${name.toLowerCase()}-panel`);

/** Opens the Export menu in `name`'s view, runs `item`, and returns the sentence it shows. */
async function run(name: string, item: string): Promise<string> {
  await panel.getByRole('tab', { name }).click();
  const menu = view(name).getByTestId('export');
  await menu.getByRole('button', { name: 'Export' }).click();
  await menu.getByRole('button', { name: item }).click();
  const said = menu.locator('.export__said');
  await said.waitFor();
  const text = (await said.textContent()) ?? '';
  expect(await said.getAttribute('role'), text).toBe('status');
  return text;
}

const clipboardText = () => panel.evaluate(() => navigator.clipboard.readText());

/** Runs a download item and returns what it saved. */
async function downloads(name: string, item: string, count = 1): Promise<{ file: string; bytes: Buffer }[]> {
  const got: Download[] = [];
  const listener = (d: Download) => got.push(d);
  panel.on('download', listener);
  try {
    await run(name, item);
    await expect.poll(() => got.length, { timeout: 10_000 }).toBe(count);
  } finally {
    panel.off('download', listener);
  }
  return Promise.all(
    got.map(async (d) => ({ file: d.suggestedFilename(), bytes: readFileSync((await d.path())!) })),
  );
}

/** The saved critique as the panel's Download JSON wrote it, read back with the CLI's reader. */
let critique: Critique;
/** What Copy CSS put on the clipboard. */
let copiedCss = '';

describe('Export on Critique', () => {
  it('Download JSON writes a critique.json the CLI’s reader accepts', async () => {
    const [json] = await downloads('Critique', 'Download JSON');
    expect(json!.file).toMatch(
      /^restage-127-0-0-1-\d+-fixtures-password-html-\d{4}-\d{2}-\d{2}-critique\.json$/,
    );
    const text = json!.bytes.toString('utf8');
    exported.push({ what: 'critique.json', text });
    critique = readCritiqueJson(JSON.parse(text));
    expect(critique.engine).toMatch(/^model:/);
    expect(critique.findings.length).toBeGreaterThan(1);
  });

  it('Copy as Markdown puts Markdown and HTML on the clipboard, every finding numbered', async () => {
    const said = await run('Critique', 'Copy as Markdown');
    expect(said).toBe(`Copied ${critique.findings.length} findings as Markdown.`);
    const { plain, html } = await panel.evaluate(async () => {
      const [item] = await navigator.clipboard.read();
      const read = async (type: string) =>
        item!.types.includes(type) ? (await item!.getType(type)).text() : '';
      return { plain: await read('text/plain'), html: await read('text/html') };
    });
    exported.push({ what: 'Markdown', text: plain }, { what: 'Markdown (HTML)', text: html });
    for (const { n, finding } of numberedFindings(critique.findings)) {
      const line = plain.split('\n').find((l) => l.startsWith(`${n}. **`));
      expect(line, `finding ${n}`).toBeDefined();
      for (const region of finding.regionIds) expect(line).toContain(region);
    }
    expect(plain).toMatch(/!\[Annotated screenshot[^\]]*\]\(restage-[^)]+-annotated\.png\)/);
    expect(html).toMatch(/<img src="data:image\/png;base64,/);
  });

  it('Copy as issue has the title, the summary, the fixes and their CSS, and the version', async () => {
    const said = await run('Critique', 'Copy as issue');
    expect(said).toMatch(/^Copied the issue “Visual hierarchy: \d+ findings? on Sign in/);
    const text = await clipboardText();
    exported.push({ what: 'issue', text });
    expect(text.startsWith('# Visual hierarchy:')).toBe(true);
    expect(text).toContain('## Summary');
    expect(text).toContain('## Before and after');
    const version = await panel.evaluate(
      () =>
        (
          globalThis as unknown as { chrome: { runtime: { getManifest(): { version: string } } } }
        ).chrome.runtime.getManifest().version,
    );
    expect(text).toContain(`Generated with Restage ${version}`);
    const fixed = critique.findings.filter((f) => f.severity !== 'info' && f.fix);
    expect(fixed.length).toBeGreaterThan(0);
    for (const f of fixed) expect(text).toContain(`**Fix:** ${md(f.fix!)}`);
    expect((text.match(/\*\*Fix:\*\* /g) ?? []).length).toBe(fixed.length);
    const blocks = [...text.matchAll(/```css\n([^`]*)\n```/g)].map((m) => m[1]!);
    expect(blocks.length).toBe(
      critique.findings.filter((f) => f.severity !== 'info' && (f.fixPatch?.length ?? 0) > 0).length,
    );
    // Each finding's CSS parses, written plainly, and its selectors resolve on the page.
    for (const block of blocks) {
      expect(block).not.toContain('!important');
      const parsed = await page.evaluate((css) => {
        const sheet = new CSSStyleSheet();
        sheet.replaceSync(css);
        const styles = [...sheet.cssRules].filter((r) => r instanceof CSSStyleRule) as CSSStyleRule[];
        return {
          rules: sheet.cssRules.length,
          unresolved: styles.filter((r) => !document.querySelector(r.selectorText)).length,
        };
      }, block);
      expect(parsed).toEqual({ rules: block.split('\n').length, unresolved: 0 });
    }
  });

  it('Copy CSS parses, and each of its selectors resolves on the page', async () => {
    const said = await run('Critique', 'Copy CSS');
    expect(said).toMatch(/^Copied the plan’s CSS: \d+ rules?, one per region/);
    const css = await clipboardText();
    exported.push({ what: 'CSS', text: css });
    copiedCss = css;
    const comments = (css.match(/^\/\* r\d+: /gm) ?? []).length;
    expect(comments).toBeGreaterThan(0);
    const parsed = await page.evaluate((text) => {
      const sheet = new CSSStyleSheet();
      sheet.replaceSync(text);
      const styles = [...sheet.cssRules].filter((r) => r instanceof CSSStyleRule) as CSSStyleRule[];
      return {
        rules: sheet.cssRules.length,
        styles: styles.length,
        unresolved: styles.map((r) => r.selectorText).filter((s) => document.querySelector(s) === null),
      };
    }, css);
    const scopes = (css.match(/^@scope /gm) ?? []).length;
    // The browser drops a rule it cannot parse: every rule written is there.
    expect(parsed).toEqual({ rules: comments + scopes, styles: comments, unresolved: [] });
  });

  it('Download report writes the self-contained report.html, which opens with its pictures', async () => {
    const [report] = await downloads('Critique', 'Download report');
    expect(report!.file).toMatch(/-report\.html$/);
    const html = report!.bytes.toString('utf8');
    exported.push({ what: 'report.html', text: html });
    const reader = await env.harness.context.newPage();
    try {
      await reader.setContent(html);
      const shown = await reader.evaluate(() => ({
        title: document.title,
        images: [...document.images].map((img) => ({
          alt: img.alt,
          shown: img.complete && img.naturalWidth > 0,
        })),
      }));
      expect(shown.title).toBe(`Restage report: ${critique.url}`);
      // As the CLI's: the annotated capture, the mockup's picture and the generated image.
      expect(shown.images.map((i) => i.alt)).toEqual(
        expect.arrayContaining([
          'Screenshot of the page with numbered regions',
          'Screenshot of the HTML mockup',
          expect.stringMatching(/generated/i),
        ]),
      );
      expect(shown.images.every((i) => i.shown)).toBe(true);
    } finally {
      await reader.close();
    }
  });
});

/** The stored artifact's bytes, read in the panel (the same origin as the history database). */
function stored(artifactId: string): Promise<Buffer> {
  return panel
    .evaluate(
      (key) =>
        new Promise<string>((resolve, reject) => {
          const open = indexedDB.open('restage');
          open.onerror = () => reject(open.error);
          open.onsuccess = () => {
            const get = open.result.transaction('artifacts').objectStore('artifacts').get(key);
            get.onsuccess = async () => {
              open.result.close();
              const blob = (get.result as { blob: Blob }).blob;
              const bytes = new Uint8Array(await blob.arrayBuffer());
              resolve(btoa(Array.from(bytes, (b) => String.fromCharCode(b)).join('')));
            };
            get.onerror = () => reject(get.error);
          };
        }),
      artifactId,
    )
    .then((b64) => Buffer.from(b64, 'base64'));
}

describe('Export on Alternative and Verify, with the previewed check', () => {
  it('Download images saves annotated, after, mockup and generated as PNGs: the masked pictures the critique saved', async () => {
    await panel.getByRole('tab', { name: 'Alternative' }).click();
    await panel.getByRole('button', { name: 'Preview on page' }).click();
    await view('Alternative').getByTestId('compare').first().waitFor({ timeout: 60_000 });
    const images = await downloads('Alternative', 'Download images', 4);
    // The browser may report the downloads in any order.
    images.sort((a, b) => a.file.localeCompare(b.file));
    expect(images.map((i) => i.file.replace(/^.*-\d{4}-\d{2}-\d{2}-/, ''))).toEqual([
      'after.png',
      'annotated.png',
      'generated.png',
      'mockup.png',
    ]);
    const record = await panel.evaluate(
      (jobId) =>
        new Promise<{ draft: { annotated: { id: string } } }>((resolve, reject) => {
          const open = indexedDB.open('restage');
          open.onerror = () => reject(open.error);
          open.onsuccess = () => {
            const get = open.result.transaction('critiques').objectStore('critiques').get(jobId);
            get.onsuccess = () => (open.result.close(), resolve(get.result));
            get.onerror = () => reject(get.error);
          };
        }),
      id,
    );
    expect(images[1]!.bytes.equals(await stored(record.draft.annotated.id))).toBe(true);
    for (const image of images) {
      exported.push({ what: image.file, text: image.bytes.toString('latin1') });
      expect(image.bytes.subarray(1, 4).toString('latin1')).toBe('PNG');
      const decoded = await panel.evaluate(async (b64) => {
        const bytes = Uint8Array.from(atob(b64), (c) => c.charCodeAt(0));
        const bitmap = await createImageBitmap(new Blob([bytes], { type: 'image/png' }));
        const canvas = new OffscreenCanvas(bitmap.width, bitmap.height);
        const ctx = canvas.getContext('2d')!;
        ctx.drawImage(bitmap, 0, 0);
        const data = ctx.getImageData(0, 0, bitmap.width, bitmap.height).data;
        const colours = new Set<number>();
        for (let i = 0; i < data.length && colours.size < 3; i += 4 * 97)
          colours.add(data[i]! * 65536 + data[i + 1]! * 256 + data[i + 2]!);
        return { width: bitmap.width, height: bitmap.height, colours: colours.size };
      }, image.bytes.toString('base64'));
      expect(decoded.width * decoded.height, image.file).toBeGreaterThan(0);
      // Something is drawn: not one flat colour.
      expect(decoded.colours, image.file).toBeGreaterThan(1);
      // The mockup is drawn at the page's viewport width, as the CLI's mockup.png is.
      if (image.file.endsWith('-mockup.png')) {
        writeFileSync(artifactPath('export-mockup.png'), image.bytes);
        expect(decoded.width).toBe(critique.regions.length > 0 ? await page.evaluate(() => innerWidth) : 0);
        expect(decoded.height).toBeGreaterThanOrEqual(await page.evaluate(() => innerHeight));
      }
    }
  });

  it('the copied CSS, put on the page, styles each patched region as the preview did', async () => {
    const targets = (critique.cssPatch ?? []).flatMap(({ regionId, declarations }) => {
      const selector = critique.regions.find((r) => r.id === regionId)?.selector;
      return selector ? [{ selector, properties: Object.keys(declarations) }] : [];
    });
    expect(targets.length).toBeGreaterThan(0);
    const computed = () =>
      page.evaluate(
        (list) =>
          list.map(({ selector, properties }) => {
            const style = getComputedStyle(document.querySelector(selector)!);
            return properties.map((p) => style.getPropertyValue(p));
          }),
        targets,
      );
    // The preview is on from the test before.
    const previewed = await computed();
    await view('Alternative').getByRole('button', { name: 'Preview on page' }).click();
    await expect.poll(computed).not.toEqual(previewed);
    await page.evaluate((css) => {
      const sheet = new CSSStyleSheet();
      sheet.replaceSync(css);
      document.adoptedStyleSheets = [...document.adoptedStyleSheets, sheet];
    }, copiedCss);
    expect(await computed()).toEqual(previewed);
    await page.evaluate(() => (document.adoptedStyleSheets = document.adoptedStyleSheets.slice(0, -1)));
  });

  it('Download mockup saves the masked mockup.html', async () => {
    const [mockup] = await downloads('Alternative', 'Download mockup');
    expect(mockup!.file).toMatch(/-mockup\.html$/);
    exported.push({ what: 'mockup.html', text: mockup!.bytes.toString('utf8') });
  });

  it('Verify exports the check’s before and after figures', async () => {
    await run('Verify', 'Copy as issue');
    const text = await clipboardText();
    exported.push({ what: 'issue with check', text });
    expect(text).toMatch(/- After: \d+\/100.*: \d+ resolved, \d+ still, \d+ new, \d+ gone\./);
    const [json] = await downloads('Verify', 'Download JSON');
    const checked = readCritiqueJson(JSON.parse(json!.bytes.toString('utf8')));
    exported.push({ what: 'critique.json with check', text: json!.bytes.toString('utf8') });
    expect(checked.verify).not.toBeNull();
  });

  it('History exports a critique as Critique does: the same critique.json and Markdown', async () => {
    const fromCritique = await downloads('Critique', 'Download JSON');
    await run('Critique', 'Copy as Markdown');
    const markdown = await clipboardText();
    await panel.getByRole('tab', { name: 'History' }).click();
    const row = view('History').locator(`li[data-critique="${id}"]`);
    const got: Download[] = [];
    const listener = (d: Download) => got.push(d);
    panel.on('download', listener);
    try {
      await row.getByRole('button', { name: 'Export' }).click();
      const menu = row.getByTestId('export');
      // The run is read when Export is pressed, and the menu opens at once with focus on its toggle.
      await menu.getByRole('button', { name: 'Download JSON' }).click();
      await expect.poll(() => got.length, { timeout: 10_000 }).toBe(1);
      const bytes = readFileSync((await got[0]!.path())!);
      exported.push({ what: 'critique.json from History', text: bytes.toString('utf8') });
      expect(got[0]!.suggestedFilename()).toBe(fromCritique[0]!.file);
      expect(bytes.equals(fromCritique[0]!.bytes)).toBe(true);
      await menu.getByRole('button', { name: 'Export' }).click();
      await menu.getByRole('button', { name: 'Copy as Markdown' }).click();
      await menu.locator('.export__said').waitFor();
      expect(await clipboardText()).toBe(markdown);
    } finally {
      panel.off('download', listener);
    }
  });

  it('no export carries the API key or a private value', () => {
    expect(exported.length).toBeGreaterThanOrEqual(12);
    for (const { what, text } of exported) {
      expect(text.length, what).toBeGreaterThan(0);
      expect(text.includes(CANARY_KEY), `${what} has the key`).toBe(false);
      expect(text.includes(CANARY_KEY.slice(-8)), `${what} has the key's end`).toBe(false);
      for (const value of PRIVATE) expect(text.includes(value), `${what} has "${value}"`).toBe(false);
    }
  });

  it.each([320, 360, 800])('the menu open at %i px', async (width) => {
    await panel.setViewportSize({ width, height: 720 });
    await panel.getByRole('tab', { name: 'Critique' }).click();
    const menu = view('Critique').getByTestId('export');
    const toggle = menu.getByRole('button', { name: 'Export' });
    await toggle.click();
    await menu.getByRole('button', { name: 'Copy as Markdown' }).waitFor();
    // Keyboard: the items follow the toggle in the tab order, and Escape closes the menu.
    await toggle.focus();
    await panel.keyboard.press('Tab');
    expect(await panel.evaluate(() => document.activeElement?.textContent)).toBe('Copy as Markdown');
    await menu.scrollIntoViewIfNeeded();
    await panel.screenshot({ path: artifactPath(`export-menu-${width}.png`) });
    const overflow = await panel.evaluate(() => document.documentElement.scrollWidth - innerWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    await panel.keyboard.press('Escape');
    expect(await toggle.getAttribute('aria-expanded')).toBe('false');
    // Closed means out of sight, not only announced closed.
    expect(await menu.getByRole('button', { name: 'Copy as Markdown' }).isVisible()).toBe(false);
    expect(await toggle.evaluate((el) => el === document.activeElement)).toBe(true);
    await jobEnded(panel, id, ['done']);
  });
});
