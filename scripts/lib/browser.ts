/**
 * Drives the real built extension in real Chromium: pages served on 127.0.0.1, the side
 * panel opened as chrome-extension://<id>/sidepanel.html?tabId=N. Shared by the end-to-end
 * tests, the benchmarks and the critique CLI, so all three run the extension the same way.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { chromium, type BrowserContext, type Page, type Worker } from 'playwright-core';
import sirv from 'sirv';
import type { browser } from 'wxt/browser';

export const ROOT = resolve(import.meta.dirname, '../..');
export const EXTENSION_DIR = join(ROOT, '.output/chrome-mv3');
export const CORPUS = resolve(ROOT, '../shared/corpus');
export const ARTIFACTS = join(ROOT, 'test-results');

/** DESIGN.md's flags; the network ones keep Chromium from dialing out on a closed network. */
export const CHROMIUM_FLAGS = [
  '--headless=new',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--no-default-browser-check',
];

export class NoChromiumError extends Error {
  override name = 'NoChromiumError';
}

export function findChromium(): string {
  const explicit = process.env.CHROME_PATH;
  if (explicit) {
    if (existsSync(explicit)) return explicit;
    throw new NoChromiumError(`CHROME_PATH is set to ${explicit}, which does not exist.`);
  }
  const found = ['/usr/bin/chromium', '/usr/bin/chromium-browser'].find((path) => existsSync(path));
  if (!found) {
    throw new NoChromiumError(
      'No Chromium found. Install it with `apt-get update && apt-get install -y chromium`, ' +
        'or set CHROME_PATH to a Chromium binary (branded Chrome 137+ ignores --load-extension).',
    );
  }
  return found;
}

/** Serves folders under URL prefixes, e.g. { '/corpus': CORPUS_PAGES, '/': FIXTURES }. */
export async function serve(
  mounts: Record<string, string>,
): Promise<{ origin: string; close(): Promise<void> }> {
  const handlers = Object.entries(mounts)
    .sort(([a], [b]) => b.length - a.length)
    .map(([prefix, dir]) => ({ prefix: prefix.replace(/\/$/, ''), handle: sirv(dir, { dev: true }) }));
  const server: Server = createServer((req, res) => {
    const url = req.url ?? '/';
    const mount = handlers.find(({ prefix }) => url === prefix || url.startsWith(`${prefix}/`));
    if (!mount) return void res.writeHead(404).end();
    req.url = url.slice(mount.prefix.length) || '/';
    mount.handle(req, res, () => void res.writeHead(404).end('not found'));
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  const { port } = server.address() as AddressInfo;
  return {
    origin: `http://127.0.0.1:${port}`,
    close: () => new Promise((done) => server.close(() => done())),
  };
}

export interface Harness {
  context: BrowserContext;
  worker: Worker;
  extensionId: string;
  /** Opens `url` in a new tab and returns the page with its browser tab id. */
  openTab(url: string): Promise<{ page: Page; tabId: number }>;
  openPanel(tabId: number): Promise<Page>;
  /**
   * Sends a protocol message straight to the tab's content script (injecting it first), in
   * @webext-core/messaging's wire format, and returns the raw reply for the test to parse.
   */
  ask(tabId: number, type: string, data?: unknown): Promise<unknown>;
  /** The same, to the background, sent from an extension page as the side panel would. */
  askBackground(type: string, data?: unknown): Promise<unknown>;
  close(): Promise<void>;
}

function unwrap(reply: unknown): unknown {
  const { res, err } = (reply ?? {}) as { res?: unknown; err?: { message?: string } };
  if (err) throw new Error(err.message ?? 'extension error');
  return res;
}

export async function launch(options: { width?: number; height?: number } = {}): Promise<Harness> {
  if (!existsSync(join(EXTENSION_DIR, 'manifest.json'))) {
    throw new Error(`No built extension at ${EXTENSION_DIR}; run \`npm run build\` first.`);
  }
  const profile = mkdtempSync(join(tmpdir(), 'restage-e2e-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: findChromium(),
    headless: false, // --headless=new is in the flags: the old headless mode cannot load extensions
    viewport: { width: options.width ?? 1280, height: options.height ?? 800 },
    args: [
      ...CHROMIUM_FLAGS,
      `--disable-extensions-except=${EXTENSION_DIR}`,
      `--load-extension=${EXTENSION_DIR}`,
    ],
  });
  const worker = context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker'));
  let messenger: Page | null = null;
  const extensionId = new URL(worker.url()).host;

  return {
    context,
    worker,
    extensionId,
    async openTab(url) {
      const page = await context.newPage();
      await page.goto(url);
      // Layout settles once web fonts resolve (offline, they fail, then fall back).
      await page.waitForLoadState('networkidle').catch(() => undefined);
      await page.evaluate(() => document.fonts.ready.then(() => undefined)).catch(() => undefined);
      const tabId = await worker.evaluate(async (href) => {
        const { chrome } = globalThis as unknown as ExtensionGlobal;
        const [tab] = await chrome.tabs.query({ url: href.split('#')[0] });
        return tab?.id ?? -1;
      }, page.url());
      if (tabId < 0) throw new Error(`No tab found for ${url}`);
      return { page, tabId };
    },
    async openPanel(tabId) {
      // A window of its own, as a real side panel is: the target tab stays the active,
      // visible tab of its window, which captureVisibleTab needs.
      const url = `chrome-extension://${extensionId}/sidepanel.html?tabId=${tabId}`;
      const opened = context.waitForEvent('page', (p) => p.url() === url);
      await worker.evaluate(
        (href) =>
          (globalThis as unknown as ExtensionGlobal).chrome.windows.create({
            url: href,
            width: 420,
            height: 800,
          }),
        url,
      );
      const panel = await opened;
      await panel.setViewportSize({ width: 400, height: 720 });
      return panel;
    },
    async ask(tabId, type, data) {
      // No named helpers inside evaluated functions: tsx would wrap them in a __name() call
      // that does not exist in the browser.
      const reply = await worker.evaluate(
        async ({ tabId, type, data }) => {
          const { chrome } = globalThis as unknown as ExtensionGlobal;
          const message = { id: Date.now(), type, data, timestamp: Date.now() };
          const first = await chrome.tabs.sendMessage(tabId, message).catch(() => undefined);
          if (first) return first;
          await chrome.scripting.executeScript({ target: { tabId }, files: ['/content-scripts/page.js'] });
          return chrome.tabs.sendMessage(tabId, message);
        },
        { tabId, type, data },
      );
      return unwrap(reply);
    },
    async askBackground(type, data) {
      messenger ??= await context.newPage();
      if (!messenger.url().startsWith('chrome-extension://'))
        await messenger.goto(`chrome-extension://${extensionId}/options.html`);
      const reply = await messenger.evaluate(
        ({ type, data }) =>
          (globalThis as unknown as ExtensionGlobal).chrome.runtime.sendMessage({
            id: Date.now(),
            type,
            data,
            timestamp: Date.now(),
          }),
        { type, data },
      );
      return unwrap(reply);
    },
    async close() {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}

/** The extension's own globals, for typing functions run there with evaluate(). */
export type ExtensionGlobal = { chrome: typeof browser };

export function artifactPath(name: string): string {
  mkdirSync(ARTIFACTS, { recursive: true });
  return join(ARTIFACTS, name);
}

/** Builds the extension unless a build is already there (or `force`). */
export function ensureBuilt(force = false): void {
  if (!force && existsSync(join(EXTENSION_DIR, 'manifest.json'))) return;
  execFileSync('npx', ['wxt', 'build'], { cwd: ROOT, stdio: ['ignore', 'ignore', 'inherit'] });
}
