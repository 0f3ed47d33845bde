/**
 * Restage in Firefox: Debian's firefox-esr, driven over WebDriver BiDi by puppeteer-core
 * (playwright-core's Firefox needs Playwright's own patched build), with the Firefox build
 * (`.output/firefox-mv2`) installed as a temporary add-on. The sidebar's page is opened in a
 * window of its own with `?tabId=N`, as the Chromium tests open the side panel (harness.ts), so
 * the page stays the visible tab of its window for `tabs.captureVisibleTab`.
 *
 * Two things Firefox needs from a driver, found by trying:
 * - `--remote-allow-system-access`: without it the remote agent refuses to navigate a tab to
 *   moz-extension:// ("Navigation to "moz-extension://…" is not allowed in this context"); only
 *   http(s), file, blob and about:blank count as safe for WebDriver.
 * - the extension page's own `location`, polled: puppeteer's `goto` never sees an extension
 *   page's load (it times out, and `page.url()` keeps saying about:blank), though the page loads.
 */
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import puppeteer, { type Browser, type Page } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FIREFOX_ADDON_ID } from '@/wxt.config';
import { artifactPath, DEMO_DIR, ROOT, serve } from '@/test/e2e/harness';
import { DEFAULT_SETTINGS } from '@/utils/core/schemas/settings';

const FIREFOX = '/usr/bin/firefox-esr';
const HAS_FIREFOX = existsSync(FIREFOX);
if (!HAS_FIREFOX) console.warn(`Skipping the Firefox tests: no ${FIREFOX} (apt-get install firefox-esr).`);

const BUILD = join(ROOT, '.output/firefox-mv2');
/** Pinned through `extensions.webextensions.uuids`, so the test knows the add-on's address. */
const UUID = '5f0e8a4c-3b1d-4c2e-9a7f-1d2c3b4a5e6f';
const BASE = `moz-extension://${UUID}`;
const KEY = 'sk-firefox-test-0000004242';

/** The add-on's globals, for typing functions run in its pages. */
type AddonGlobal = { browser: typeof import('wxt/browser').browser & Record<string, unknown> };

async function until<T>(read: () => Promise<T>, done: (value: T) => boolean, what: string, ms = 15_000) {
  const deadline = Date.now() + ms;
  for (;;) {
    const value = await read();
    if (done(value)) return value;
    if (Date.now() > deadline)
      throw new Error(`Timed out waiting for ${what} (last: ${JSON.stringify(value)})`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

const locationOf = (page: Page) => page.evaluate(() => location.href).catch(() => '');
const textOf = (page: Page, testId: string) =>
  page.evaluate((id) => document.querySelector(`[data-testid="${id}"]`)?.textContent ?? null, testId);

/** Navigates `page` to one of the add-on's pages (see above for why not `goto` alone). */
async function openAddonPage(page: Page, path: string): Promise<void> {
  void page.goto(`${BASE}${path}`, { timeout: 5_000 }).catch(() => undefined);
  await until(
    () => locationOf(page),
    (href) => href === `${BASE}${path}`,
    path,
  );
  await page.waitForFunction(() => document.readyState === 'complete');
}

/** Reads every saved critique from the add-on's IndexedDB (run in one of its pages). */
const SAVED_CRITIQUES = `new Promise((resolve, reject) => {
  const open = indexedDB.open('restage');
  open.onerror = () => reject(open.error);
  open.onsuccess = () => {
    const rows = open.result.transaction('critiques').objectStore('critiques').getAll();
    rows.onerror = () => reject(rows.error);
    rows.onsuccess = () => (open.result.close(), resolve(rows.result.filter((r) => r.kind === 'critique')));
  };
})`;

/**
 * Counts magenta pixels (closed-shadow-private.html paints its private values in magenta, which
 * nothing else on it uses) in every image artifact of critique `id`, or in `data:` URL `image`.
 * Run in one of the add-on's pages: a string, as tsx would wrap a named helper in __name().
 */
const MAGENTA = (source: { id: string } | { image: string }) => `(async () => {
  const source = ${JSON.stringify(source)};
  const count = async (blob) => {
    const bitmap = await createImageBitmap(blob);
    const canvas = new OffscreenCanvas(bitmap.width, bitmap.height);
    const c2d = canvas.getContext('2d');
    c2d.drawImage(bitmap, 0, 0);
    const { data } = c2d.getImageData(0, 0, bitmap.width, bitmap.height);
    let magenta = 0;
    for (let i = 0; i < data.length; i += 4)
      if (data[i] > 170 && data[i + 1] < 80 && data[i + 2] > 60 && data[i + 2] < 190 && data[i] - data[i + 2] > 60) magenta++;
    return magenta;
  };
  if (source.image) return { image: await count(await (await fetch(source.image)).blob()) };
  const rows = await new Promise((resolve, reject) => {
    const open = indexedDB.open('restage');
    open.onerror = () => reject(open.error);
    open.onsuccess = () => {
      const request = open.result.transaction('artifacts').objectStore('artifacts').index('critiqueId').getAll(source.id);
      request.onerror = () => reject(request.error);
      request.onsuccess = () => (open.result.close(), resolve(request.result));
    };
  });
  const out = {};
  for (const row of rows) if (row.blob.type.startsWith('image/')) out[row.kind] = await count(row.blob);
  return out;
})()`;

interface SavedCritique {
  id: string;
  mode: string;
  tabId: number;
  draft: {
    regions: { id: string; text: string }[];
    score: { value: number } | null;
    shot: { masked: number } | null;
  };
  job: {
    state: string;
    error: string | null;
    stages: { name: string; status: string; error: string | null }[];
  };
}

describe.skipIf(!HAS_FIREFOX)('Restage in Firefox ESR', () => {
  const env = {} as { browser: Browser; server: Awaited<ReturnType<typeof serve>>; helper: Page };

  beforeAll(async () => {
    if (process.env.RESTAGE_SKIP_BUILD !== '1' || !existsSync(join(BUILD, 'manifest.json'))) {
      execFileSync('npx', ['wxt', 'build', '-b', 'firefox'], {
        cwd: ROOT,
        stdio: ['ignore', 'ignore', 'inherit'],
      });
    }
    env.server = await serve({ '/demo': DEMO_DIR, '/fixtures': join(ROOT, 'test/fixtures/pages') });
    env.browser = await puppeteer.launch({
      browser: 'firefox',
      executablePath: FIREFOX,
      headless: true,
      defaultViewport: null,
      args: ['--remote-allow-system-access'],
      extraPrefsFirefox: { 'extensions.webextensions.uuids': JSON.stringify({ [FIREFOX_ADDON_ID]: UUID }) },
    });
    expect(await env.browser.installExtension(BUILD)).toBe(FIREFOX_ADDON_ID);
    // The first tab becomes the add-on's options page, which the test works from, as the
    // Chromium harness does; the tabs opened later stay the active ones of their window.
    env.helper = (await env.browser.pages())[0]!;
    await openAddonPage(env.helper, '/options.html');
  });

  afterAll(async () => {
    await env.browser?.close();
    await env.server?.close();
  });

  /** Opens `url` in a new tab of the first window, at 1280×800, and returns it with its tab id. */
  async function openTab(url: string): Promise<{ page: Page; tabId: number }> {
    const page = await env.browser.newPage();
    await page.setViewport({ width: 1280, height: 800 });
    await page.goto(url);
    // tabs.query's `url` takes match patterns, which in Firefox carry no port: compare instead.
    const tabId = await env.helper.evaluate(async (href) => {
      const { browser } = globalThis as unknown as AddonGlobal;
      return (await browser.tabs.query({})).find((tab) => tab.url === href)?.id ?? -1;
    }, page.url());
    expect(tabId).toBeGreaterThan(0);
    return { page, tabId };
  }

  /** Opens the sidebar's page for `tabId` in a window of its own; waits until it is ready to critique. */
  async function openPanel(tabId: number, title: string): Promise<Page> {
    const url = `${BASE}/sidepanel.html?tabId=${tabId}`;
    const known = new Set(await env.browser.pages());
    await env.helper.evaluate(async (href) => {
      const { browser } = globalThis as unknown as AddonGlobal;
      await browser.windows.create({ url: href, width: 420, height: 800 });
    }, url);
    const panel = await until(
      async () => {
        for (const p of await env.browser.pages())
          if (!known.has(p) && (await locationOf(p)) === url) return p;
        return null;
      },
      (p) => p !== null,
      'the sidebar page',
    );
    if (!panel) throw new Error('unreachable');
    await panel.setViewport({ width: 400, height: 720 });
    await until(
      () => textOf(panel, 'tab-title'),
      (t) => t === title,
      'the tab title in the panel',
    );
    await until(
      () => textOf(panel, 'tab-verdict'),
      (t) => /^Ready to critique/.test(t ?? ''),
      'the ready verdict',
    );
    return panel;
  }

  /**
   * Clicks **Critique this page** (in `mode`, if given) and returns the critique it started, once
   * its job has ended: the newest of the tab's critiques, which the runner saves before it runs.
   */
  async function critique(panel: Page, tabId: number, mode?: string): Promise<SavedCritique> {
    if (mode) await panel.select('select[aria-label="Capture mode"]', mode);
    const before = new Set(((await panel.evaluate(SAVED_CRITIQUES)) as SavedCritique[]).map((r) => r.id));
    await panel.locator('button::-p-text(Critique this page)').click();
    const started = await until(
      async () =>
        ((await panel.evaluate(SAVED_CRITIQUES)) as SavedCritique[]).find(
          (r) => r.tabId === tabId && !before.has(r.id),
        ) ?? null,
      (r) => r !== null,
      'a critique to start',
    );
    const state = await until(
      () =>
        panel.evaluate(
          (id) => document.querySelector(`[data-job-id="${id}"]`)?.getAttribute('data-job-state') ?? null,
          started!.id,
        ),
      (s) => s === 'done' || s === 'failed' || s === 'cancelled',
      'the critique to end',
      45_000,
    );
    const record = ((await panel.evaluate(SAVED_CRITIQUES)) as SavedCritique[]).find(
      (r) => r.id === started!.id,
    );
    expect(record?.job.error ?? null).toBeNull();
    expect(state).toBe('done');
    if (!record) throw new Error('no critique saved');
    return record;
  }

  it('opens the sidebar page on a tab and completes a viewport critique: regions, a score, numbered boxes on the page', async () => {
    const { page, tabId } = await openTab(`${env.server.origin}/demo/demo.html`);
    const panel = await openPanel(tabId, await page.title());
    const text = (id: string) => textOf(panel, id);
    const record = await critique(panel, tabId);
    expect(record).toMatchObject({ mode: 'viewport', tabId, job: { state: 'done' } });
    const { regions, score } = record.draft;
    expect(regions.length).toBeGreaterThan(10);

    // The score, as saved and as the panel shows it.
    expect(score?.value).toBeGreaterThanOrEqual(0);
    expect(score?.value).toBeLessThanOrEqual(100);
    expect(Number(await text('score-value'))).toBe(Math.round(score!.value));
    expect(await text('label-summary')).toMatch(
      new RegExp(`^${regions.length} regions .*viewport capture 1280×800 px`),
    );

    // Every stage ran except two: OCR has no offscreen document here, and there was nothing to
    // verify against. The mockup was laid out in the background page instead.
    const stages = Object.fromEntries(record.job.stages.map((s) => [s.name, s]));
    expect(stages['capture']?.status).toBe('done');
    expect(stages['render']?.status).toBe('done');
    expect(stages['text-images']).toMatchObject({
      status: 'skipped',
      error: expect.stringMatching(/offscreen/),
    });
    expect(stages['verify']?.status).toBe('skipped');

    // The numbered boxes on the page: one per region, numbered 1 to N.
    const badges = await page.evaluate(() =>
      [...(document.querySelector('restage-overlay')?.shadowRoot?.querySelectorAll('.box .badge') ?? [])].map(
        (badge) => badge.textContent,
      ),
    );
    expect(badges.map(Number).sort((a, b) => a - b)).toEqual(regions.map((_, i) => i + 1));

    // And on the panel's copy of the screenshot.
    const shotBoxes = await until(
      () =>
        panel.evaluate(() => {
          const img = document.querySelector<HTMLImageElement>('[data-testid=annotated-shot] img');
          return img?.complete && img.naturalWidth > 0
            ? document.querySelectorAll('[data-testid=annotated-shot] .shot__box').length
            : 0;
        }),
      (n) => n > 0,
      'the annotated screenshot',
    );
    expect(shotBoxes).toBeGreaterThan(10);
    expect(shotBoxes).toBeLessThanOrEqual(regions.length);

    await panel.screenshot({ path: artifactPath('firefox-panel.png') });
    await page.screenshot({ path: artifactPath('firefox-page.png') });
  });

  it('completes full-page and DOM-render critiques too', async () => {
    const { page, tabId } = await openTab(`${env.server.origin}/demo/demo.html`);
    const panel = await openPanel(tabId, await page.title());
    for (const mode of ['full', 'dom']) {
      const record = await critique(panel, tabId, mode);
      expect(record.mode).toBe(mode);
      expect(record.draft.regions.length).toBeGreaterThan(10);
      expect(record.draft.score).not.toBeNull();
      expect(record.job.stages.find((s) => s.name === 'capture')?.status).toBe('done');
    }
  });

  it('opens and closes the sidebar from the toolbar button', async () => {
    // The browser's own window (chrome scope, which --remote-allow-system-access opens), reached
    // over puppeteer's BiDi connection. A synthetic click() on the button's node does not reach
    // the add-on in headless Firefox; triggerAction is what the button's keyboard shortcut runs,
    // "with the same effects as if it were clicked by a user" (ext-browserAction.js).
    const { connection } = env.browser as unknown as {
      connection: { send(method: string, params: object): Promise<{ result: unknown }> };
    };
    const tree = (await connection.send('browsingContext.getTree', { 'moz:scope': 'chrome' })).result as {
      contexts: { context: string }[];
    };
    const inWindow = async (expression: string) => {
      const { result } = (await connection.send('script.evaluate', {
        expression,
        target: { context: tree.contexts[0]!.context },
        awaitPromise: true,
      })) as { result: { type: string; result?: { value?: unknown }; exceptionDetails?: unknown } };
      if (result.type !== 'success') throw new Error(JSON.stringify(result.exceptionDetails));
      return result.result?.value;
    };
    // sidebarAction.toggle() acts on the focused window: click and look there.
    const sidebar = () =>
      inWindow(`(() => {
        const { SidebarController } = Services.wm.getMostRecentBrowserWindow();
        return SidebarController.isOpen ? SidebarController.currentID : 'closed';
      })()`);
    const click = () =>
      inWindow(`(() => {
        const { ExtensionParent } = ChromeUtils.importESModule('resource://gre/modules/ExtensionParent.sys.mjs');
        const extension = WebExtensionPolicy.getByID(${JSON.stringify(FIREFOX_ADDON_ID)}).extension;
        ExtensionParent.apiManager.global.browserActionFor(extension).triggerAction(Services.wm.getMostRecentBrowserWindow());
      })()`);
    // Firefox opened the add-on's sidebar when it was installed: close it first.
    const ours = `${FIREFOX_ADDON_ID.toLowerCase().replace(/[^a-z0-9_-]/g, '_')}-sidebar-action`;
    const shown = await inWindow(`JSON.stringify([...Services.wm.getEnumerator('navigator:browser')]
      .filter((w) => w.SidebarController.isOpen).map((w) => w.SidebarController.currentID))`);
    expect(JSON.parse(String(shown))).toContain(ours);
    await inWindow('Services.wm.getMostRecentBrowserWindow().SidebarController.hide()');
    await until(sidebar, (s) => s === 'closed', 'the sidebar to close');
    await click();
    await until(sidebar, (s) => s === ours, 'the toolbar button to open the sidebar');
    await click();
    await until(sidebar, (s) => s === 'closed', 'the toolbar button to close the sidebar');
  });

  it('shows what differs from Chrome: a sidebar, no offscreen documents, no access level on local storage, the command kept', async () => {
    const facts = await env.helper.evaluate(async () => {
      const { browser } = globalThis as unknown as AddonGlobal;
      const local = browser.storage.local as unknown as Record<string, unknown>;
      const sidebar = browser['sidebarAction'] as { toggle?: unknown } | undefined;
      return {
        sidePanel: typeof browser['sidePanel'],
        sidebarToggle: typeof sidebar?.toggle,
        toolbarClicks: typeof (browser['browserAction'] as { onClicked?: unknown } | undefined)?.onClicked,
        offscreen: typeof browser['offscreen'],
        setAccessLevel: typeof local['setAccessLevel'],
        commands: await browser.commands.getAll(),
      };
    });
    expect(facts).toEqual({
      sidePanel: 'undefined',
      sidebarToggle: 'function',
      toolbarClicks: 'object',
      offscreen: 'undefined',
      setAccessLevel: 'undefined',
      commands: [expect.objectContaining({ name: 'toggle-labels', shortcut: 'Alt+Shift+L' })],
    });
  });

  it('masks private values inside closed shadow roots (Element.openOrClosedShadowRoot) before the capture', async () => {
    await env.helper.evaluate(
      async (settings) => {
        await (globalThis as unknown as AddonGlobal).browser.storage.local.set({ settings });
      },
      { ...DEFAULT_SETTINGS, privateSelectors: ['.secret-note'] },
    );
    const { page, tabId } = await openTab(`${env.server.origin}/fixtures/closed-shadow-private.html`);
    // Firefox paints the values (the count sees them), and the page's script cannot reach them.
    const painted = await page.screenshot({ encoding: 'base64' });
    const shown = (await env.helper.evaluate(MAGENTA({ image: `data:image/png;base64,${painted}` }))) as {
      image: number;
    };
    expect(shown.image).toBeGreaterThan(300);
    expect(await page.evaluate(() => document.querySelector('pay-form')!.shadowRoot)).toBeNull();

    const panel = await openPanel(tabId, await page.title());
    const record = await critique(panel, tabId);
    // Regions come from inside the closed roots: Firefox let the content script open them.
    expect(record.draft.regions.map((r) => r.text)).toEqual(
      expect.arrayContaining(['Pay with card', 'Card details are sent securely to your bank.', 'Saved card']),
    );
    expect(record.draft.shot?.masked).toBeGreaterThanOrEqual(3);
    expect(JSON.stringify(record)).not.toMatch(/4111|918273|QZXPRIV771|NOTE5150|VAULT8842|9931/);
    const kept = (await panel.evaluate(MAGENTA({ id: record.id }))) as Record<string, number>;
    expect(Object.keys(kept)).toEqual(expect.arrayContaining(['shot', 'annotated']));
    expect(kept).toEqual(Object.fromEntries(Object.keys(kept).map((kind) => [kind, 0])));
  });

  it('takes captures back to back, with no per-second quota', async () => {
    const taken = await env.helper.evaluate(async () => {
      const { browser } = globalThis as unknown as AddonGlobal;
      const [tab] = await browser.tabs.query({ url: 'http://127.0.0.1/*' });
      const shots = [];
      for (let i = 0; i < 4; i++)
        shots.push(await browser.tabs.captureVisibleTab(tab!.windowId, { format: 'png' }));
      return shots.map((s) => s.slice(0, 22));
    });
    expect(taken).toEqual(Array(4).fill('data:image/png;base64,'));
  });
  it('keeps a saved key out of local storage, which Firefox cannot close to content scripts', async () => {
    const options = env.helper;
    // Clicks wait for the page to paint, which a background tab does not.
    await options.bringToFront();
    await options.locator('input[name=apiKey]').fill(KEY);
    await options.locator('button::-p-text(Save)').click();
    await until(
      () => options.evaluate(() => document.querySelector('[data-testid=saved-key]')?.textContent ?? null),
      (t) => t === 'Saved key: sk-…4242',
      'the saved key',
    );
    const local = await options.evaluate(async () =>
      JSON.stringify(await (globalThis as unknown as AddonGlobal).browser.storage.local.get(null)),
    );
    expect(local).toContain('"settings"');
    expect(local).not.toContain(KEY);
  });
});
