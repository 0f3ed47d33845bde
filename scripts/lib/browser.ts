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
/** The shared corpus sits beside the checkout in CI; a plain clone has none. */
export const HAS_CORPUS = existsSync(CORPUS);
export const DEMO_DIR = join(ROOT, 'scripts/demo');
export const ARTIFACTS = join(ROOT, 'test-results');
/** Restage's worker script in the built manifest (test/e2e/senders.e2e.test.ts checks it). */
const WORKER_PATH = '/background.js';

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
    // A browser keeps its connections alive: close them, or close() waits until the browser goes.
    close: () =>
      new Promise((done) => {
        server.close(() => done());
        server.closeAllConnections();
      }),
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
  /** The extension page the harness works from (opened first, in the first tab). */
  extensionPage(): Promise<Page>;
  /** The same, to the background, sent from an extension page as the side panel would. */
  askBackground(type: string, data?: unknown): Promise<unknown>;
  /**
   * Runs a critique job as the side panel does: watches the tab over a port, starts the job,
   * forwards every event to `onEvent`, and resolves with the final record and the job's saved
   * artifacts (read from the extension's IndexedDB, base64-encoded).
   */
  runJob(
    request:
      | { tabId: number; mode: string; request?: string | null; against?: string | null }
      | { tabId: number; check: { against: string; preview: boolean } },
    onEvent?: (event: unknown) => void,
  ): Promise<{ record: unknown; artifacts: Record<string, Buffer> }>;
  close(): Promise<void>;
}

function unwrap(reply: unknown): unknown {
  const { res, err } = (reply ?? {}) as { res?: unknown; err?: { message?: string } };
  if (err) throw new Error(err.message ?? 'extension error');
  return res;
}

export interface LaunchOptions {
  width?: number;
  height?: number;
  /** A profile folder to reuse (a browser restart); by default a fresh one, deleted on close. */
  profile?: string;
  /** Extra Chromium flags, e.g. a --proxy-server that records any request leaving the machine. */
  args?: string[];
  /** Other unpacked extensions to load beside Restage (their workers must not be background.js). */
  extensions?: string[];
  /**
   * The screen's device pixel ratio as pages see it (default 1). Playwright emulates the
   * viewport, so a --force-device-scale-factor flag alone changes the captured pixels but not
   * the page's devicePixelRatio.
   */
  deviceScaleFactor?: number;
}

export async function launch(options: LaunchOptions = {}): Promise<Harness> {
  if (!existsSync(join(EXTENSION_DIR, 'manifest.json'))) {
    throw new Error(`No built extension at ${EXTENSION_DIR}; run \`npm run build\` first.`);
  }
  const profile = options.profile ?? mkdtempSync(join(tmpdir(), 'restage-e2e-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: findChromium(),
    headless: false, // --headless=new is in the flags: the old headless mode cannot load extensions
    viewport: { width: options.width ?? 1280, height: options.height ?? 800 },
    deviceScaleFactor: options.deviceScaleFactor ?? 1,
    args: [
      ...CHROMIUM_FLAGS,
      `--disable-extensions-except=${[EXTENSION_DIR, ...(options.extensions ?? [])].join(',')}`,
      `--load-extension=${[EXTENSION_DIR, ...(options.extensions ?? [])].join(',')}`,
      ...(options.args ?? []),
    ],
  });
  const ours = (w: Worker) => w.url().endsWith(WORKER_PATH);
  const first =
    context.serviceWorkers().find(ours) ?? (await context.waitForEvent('serviceworker', { predicate: ours }));
  const extensionId = new URL(first.url()).host;
  // Helpers run in an extension page rather than in the worker: MV3 may stop the worker (a test
  // does it on purpose), and an extension page has the same APIs and wakes it when needed.
  // It opens first, so the tabs tests open later stay the active tabs of their window.
  let messenger: Page | null = null;
  const events = new Set<(event: unknown) => void>();
  const extensionPage = async (): Promise<Page> => {
    if (messenger && !messenger.isClosed()) return messenger;
    messenger = context.pages()[0] ?? (await context.newPage());
    await messenger.goto(`chrome-extension://${extensionId}/options.html`);
    await messenger.exposeFunction('__restageEvent', (event: unknown) => events.forEach((f) => f(event)));
    return messenger;
  };
  await extensionPage();

  return {
    context,
    /** The worker running now (a stopped worker comes back as a new one). */
    get worker() {
      return context.serviceWorkers().filter(ours).at(-1) ?? first;
    },
    extensionId,
    extensionPage,
    async openTab(url) {
      const page = await context.newPage();
      await page.goto(url);
      // Layout settles once web fonts resolve (offline, they fail, then fall back).
      await page.waitForLoadState('networkidle').catch(() => undefined);
      await page.evaluate(() => document.fonts.ready.then(() => undefined)).catch(() => undefined);
      const tabId = await (
        await extensionPage()
      ).evaluate(async (href) => {
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
      await (
        await extensionPage()
      ).evaluate(
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
      const reply = await (
        await extensionPage()
      ).evaluate(
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
      const reply = await (
        await extensionPage()
      ).evaluate(
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
    async runJob(request, onEvent) {
      const page = await extensionPage();
      if (onEvent) events.add(onEvent);
      try {
        // A string, not a function: tsx would wrap named helpers in __name(), which the page lacks.
        const [type, data] =
          'check' in request
            ? ['startCheck', { tabId: request.tabId, ...request.check }]
            : [
                'startCritique',
                { ...request, request: request.request ?? null, against: request.against ?? null },
              ];
        const record = await page.evaluate(`new Promise((resolve, reject) => {
          const args = ${JSON.stringify(data)};
          const port = chrome.runtime.connect({ name: 'restage-panel' });
          let jobId = null;
          const early = [];
          const finish = (result) => { port.disconnect(); resolve(result); };
          port.onMessage.addListener((event) => {
            window.__restageEvent(event);
            if (jobId === null) return early.push(event);
            if (event.jobId === jobId && (event.type === 'done' || event.type === 'error')) finish(event.record);
          });
          port.onDisconnect.addListener(() => reject(new Error('The background closed the progress port.')));
          port.postMessage({ type: 'watch', tabId: args.tabId });
          chrome.runtime
            .sendMessage({ id: Date.now(), type: ${JSON.stringify(type)}, data: args, timestamp: Date.now() })
            .then((reply) => {
              if (reply.err) return reject(new Error(reply.err.message));
              jobId = reply.res.id;
              const end = early.find((e) => e.jobId === jobId && (e.type === 'done' || e.type === 'error'));
              if (end) finish(end.record);
            }, reject);
        })`);
        const id = (record as { id: string }).id;
        const files = (await page.evaluate(`new Promise((resolve, reject) => {
          const open = indexedDB.open('restage');
          open.onerror = () => reject(open.error);
          open.onsuccess = () => {
            const request = open.result.transaction('artifacts').objectStore('artifacts').index('critiqueId').getAll(${JSON.stringify(id)});
            request.onerror = () => reject(request.error);
            request.onsuccess = async () => {
              const out = {};
              for (const row of request.result) {
                const bytes = new Uint8Array(await row.blob.arrayBuffer());
                let binary = '';
                for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
                out[row.kind] = btoa(binary);
              }
              open.result.close();
              resolve(out);
            };
          };
        })`)) as Record<string, string>;
        const artifacts = Object.fromEntries(
          Object.entries(files).map(([kind, base64]) => [kind, Buffer.from(base64, 'base64')]),
        );
        return { record, artifacts };
      } finally {
        if (onEvent) events.delete(onEvent);
      }
    },
    async close() {
      await context.close();
      if (!options.profile) rmSync(profile, { recursive: true, force: true });
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
