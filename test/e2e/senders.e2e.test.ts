/**
 * What a content script can reach, in real Chromium. Restage's content script runs in the
 * critiqued page's process, so whatever runs in its context is treated as the page: here that
 * context is Restage's isolated world of a served page, reached with scripting.executeScript
 * (world ISOLATED). From there the API key cannot be read in any storage area, no message of
 * the protocol is answered with work, page text or the key, and the progress port is closed.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MessageType } from '@/utils/messaging/protocol';
import { DEFAULT_SETTINGS, type Settings } from '@/utils/core/schemas/settings';
import { startFakeOpenAI, type FakeOpenAI } from '@/test/fake-openai/server';
import {
  critiqueInPanel,
  EXTENSION_DIR,
  type ExtensionGlobal,
  jobEnded,
  startCritique,
  withExtension,
} from '@/test/e2e/harness';

/** Words only tab B's page holds: a reply that carries them carries another tab's text. */
const SECRET_TEXT = 'Orchid ledger 7731';
const pages = mkdtempSync(join(tmpdir(), 'restage-senders-'));
const page = (title: string, body: string) =>
  `<!doctype html><html lang="en"><head><title>${title}</title></head>` +
  `<body style="font: 18px sans-serif; margin: 40px"><h1>${title}</h1>${body}<button>Continue</button></body></html>`;
writeFileSync(join(pages, 'a.html'), page('Page A', '<p>A plain page where the script runs.</p>'));
writeFileSync(join(pages, 'b.html'), page('Page B', `<p>${SECRET_TEXT} is due on Friday.</p>`));

const env = withExtension({ '/': pages });
const KEY = 'sk-e2e-senders-key-9137';
let fake: FakeOpenAI;
beforeAll(async () => {
  fake = await startFakeOpenAI();
});
afterAll(() => fake?.close());

/**
 * Runs `func` in Restage's isolated world of tab `tabId`, the context its content script runs
 * in, and returns what it returns. `func` must be self-contained: only its source is sent.
 */
async function inContentScript<R>(
  tabId: number,
  func: (arg: never) => R,
  arg: unknown = null,
): Promise<Awaited<R>> {
  const extension = await env.harness.extensionPage();
  // A string: the extension page's CSP forbids building the function there from its source.
  return extension.evaluate(`chrome.scripting
    .executeScript({ target: { tabId: ${tabId} }, world: 'ISOLATED', func: ${func.toString()}, args: [${JSON.stringify(arg)}] })
    .then(([frame]) => frame.result)`) as Promise<Awaited<R>>;
}

/** The key store, read from an extension page (the extension's origin). */
const keyStoreRows = async () =>
  (await env.harness.extensionPage()).evaluate(
    () =>
      new Promise<unknown[]>((resolve, reject) => {
        const open = indexedDB.open('restage-keys');
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const db = open.result;
          if (!db.objectStoreNames.contains('keys')) return (db.close(), resolve([]));
          const rows = db.transaction('keys').objectStore('keys').getAll();
          rows.onsuccess = () => (db.close(), resolve(rows.result));
          rows.onerror = () => (db.close(), reject(rows.error));
        };
      }),
  );

const storedSettings = () =>
  env.harness.worker.evaluate(async () => {
    const { chrome } = globalThis as unknown as ExtensionGlobal;
    return (await chrome.storage.local.get('settings')).settings as Record<string, unknown> | undefined;
  });

/** Saves provider settings through the options page's form, as a user does. */
async function saveKeyInOptionsPage(): Promise<void> {
  const options = await env.harness.context.newPage();
  await options.goto(`chrome-extension://${env.harness.extensionId}/options.html`);
  await options.locator('select[name=provider]').selectOption('compatible');
  await options.locator('input[name=baseUrl]').fill(fake.baseUrl);
  await options.locator('input[name=apiKey]').fill(KEY);
  await options.locator('input[name=capPerCritiqueUsd]').fill('5');
  await options.locator('input[name=capPerDayUsd]').fill('100');
  await options.getByRole('button', { name: 'Save' }).click();
  await expect.poll(() => options.getByRole('status').last().textContent()).toBe('Saved');
  await options.close();
}

/** Waits for the panel to have injected the content script into its tab (the real path). */
async function panelReady(tabId: number): Promise<Page> {
  const panel = await env.harness.openPanel(tabId);
  await expect.poll(() => panel.getByTestId('tab-verdict').textContent()).toMatch(/^Ready to critique/);
  return panel;
}

describe('the built manifest', () => {
  it('lets no web page message Restage, exposes no file to pages, and names the worker script background.js', () => {
    const manifest = JSON.parse(readFileSync(join(EXTENSION_DIR, 'manifest.json'), 'utf8'));
    // Without the key no web page can connect, but every other extension can: Restage listens to
    // no external message or port (test/e2e/security.e2e.test.ts, another extension messaging Restage).
    // https://developer.chrome.com/docs/extensions/reference/manifest/externally-connectable
    expect(manifest.externally_connectable).toBeUndefined();
    expect(manifest.web_accessible_resources).toBeUndefined();
    expect(manifest.background).toEqual({ service_worker: 'background.js' });
  });
});

describe('the API key', () => {
  it('saved in the options page, is in the key store only, and a content script finds it in no storage area', async () => {
    await saveKeyInOptionsPage();
    expect(await keyStoreRows()).toEqual([{ name: 'apiKey', value: KEY }]);
    const settings = await storedSettings();
    expect(settings).toMatchObject({ provider: 'compatible', baseUrl: fake.baseUrl });
    expect(settings).not.toHaveProperty('apiKey');

    const { tabId } = await env.harness.openTab(`${env.server.origin}/a.html`);
    await (await panelReady(tabId)).close();
    const seen = await inContentScript(tabId, async () => {
      const { chrome } = globalThis as unknown as ExtensionGlobal;
      const read = (area: 'local' | 'sync' | 'session') =>
        chrome.storage[area].get(null).then(
          (items) => ({ items }),
          (error: Error) => ({ threw: error.message }),
        );
      return {
        local: await read('local'),
        sync: await read('sync'),
        session: await read('session'),
        // The page's own databases: the key store is the extension origin's.
        databases: (await indexedDB.databases()).map((db) => db.name),
      };
    });
    // Chromium closes local storage to content scripts once Restage asks, as it does at start.
    expect(seen.local).toEqual({ threw: 'Access to storage is not allowed from this context.' });
    expect(seen.session).toEqual({ threw: 'Access to storage is not allowed from this context.' });
    expect(seen.sync).toEqual({ items: {} });
    expect(seen.databases).not.toContain('restage-keys');
    expect(JSON.stringify(seen)).not.toContain(KEY);
  });

  it('written into local:settings by an earlier version, is moved out when the worker starts and still used', async () => {
    const extension = await env.harness.extensionPage();
    // A profile as an earlier version left it: no key store, the key inside local:settings.
    await extension.evaluate(
      () =>
        new Promise<void>((resolve, reject) => {
          const open = indexedDB.open('restage-keys');
          open.onsuccess = () => {
            const tx = open.result.transaction('keys', 'readwrite');
            tx.objectStore('keys').clear();
            tx.oncomplete = () => (open.result.close(), resolve());
            tx.onerror = () => reject(tx.error);
          };
          open.onerror = () => reject(open.error);
        }),
    );
    const earlier: Settings = {
      ...DEFAULT_SETTINGS,
      provider: 'compatible',
      baseUrl: fake.baseUrl,
      apiKey: 'sk-e2e-earlier-version-5150',
      capPerCritiqueUsd: 5,
      capPerDayUsd: 100,
    };
    await env.harness.worker.evaluate(
      (settings) => (globalThis as unknown as ExtensionGlobal).chrome.storage.local.set({ settings }),
      earlier,
    );

    // Stop the worker, then wake it with a message that reads no settings: only its start-up
    // can move the key.
    const cdp = await env.harness.context.newCDPSession(extension);
    const versions: { versionId: string; scriptURL: string; runningStatus: string }[] = [];
    cdp.on('ServiceWorker.workerVersionUpdated', ({ versions: v }) => versions.push(...v));
    await cdp.send('ServiceWorker.enable');
    await expect.poll(() => versions.some((v) => v.scriptURL.endsWith('/background.js'))).toBe(true);
    for (const v of versions.filter((v) => v.runningStatus === 'running'))
      await cdp.send('ServiceWorker.stopWorker', { versionId: v.versionId });
    const { tabId } = await env.harness.openTab(`${env.server.origin}/a.html`);
    await env.harness.askBackground('getTabStatus', { tabId });

    await expect.poll(async () => (await storedSettings())?.apiKey ?? 'moved').toBe('moved');
    expect(await storedSettings()).toMatchObject({ provider: 'compatible', baseUrl: fake.baseUrl });
    expect(await keyStoreRows()).toEqual([{ name: 'apiKey', value: earlier.apiKey }]);

    fake.setMode('normal');
    fake.requests.length = 0;
    const panel = await env.harness.openPanel(tabId);
    await critiqueInPanel(panel, 'viewport', ['done']);
    const planner = fake.requests.find((r) => r.path.endsWith('/responses'));
    expect(planner?.headers.authorization).toBe(`Bearer ${earlier.apiKey}`);
    await panel.close();
  });
});

/** Valid-looking data for every message, typed so a new message type must be added here. */
const MESSAGES = (tabB: number, jobB: string): Record<MessageType, unknown> => {
  const image = 'data:image/png;base64,iVBORw0KGgo=';
  const box = { x: 0, y: 0, width: 100, height: 40 };
  return {
    ping: undefined,
    extractRegions: { privateSelectors: [] },
    beforeCapture: { privateSelectors: [] },
    afterCapture: undefined,
    beginFrames: undefined,
    frame: { y: 0, hideFixed: false, privateSelectors: [] },
    endFrames: undefined,
    renderDom: { selector: null, privateSelectors: [] },
    pickElement: undefined,
    cancelPick: undefined,
    scrollToBox: { box },
    showOverlay: { regions: [] },
    setLabels: { shown: false },
    hideOverlay: undefined,
    highlightRegion: { ids: ['r1'] },
    scrollToRegion: { id: 'r1' },
    applyPreview: { patch: [], regions: [], kept: [] },
    revertPreview: undefined,
    freezePage: { patch: [], regions: [], privateSelectors: [] },
    siblingOrder: { a: 'r1', b: 'r2', regions: [] },
    regionHovered: { id: 'r1' },
    getTabStatus: { tabId: tabB },
    probeTab: { tabId: tabB },
    startCritique: { tabId: tabB, mode: 'viewport', request: null, against: null },
    startCheck: { tabId: tabB, against: jobB, preview: true },
    startRound: { tabId: tabB, refines: jobB, request: 'r1 bigger' },
    importCritique: { critique: { schemaVersion: 2, url: 'https://example.com/', regions: [] } },
    cancelJob: { jobId: jobB },
    resumeJob: { jobId: jobB },
    getJob: { tabId: tabB },
    getRecord: { jobId: jobB },
    retrySave: { jobId: jobB },
    deleteRun: { id: jobB },
    undoDelete: { id: jobB },
    makeRoom: { count: 5 },
    triageFinding: { id: jobB, findingId: 'f1', ignore: true, reason: null },
    saveSettings: { ...DEFAULT_SETTINGS, apiKey: 'sk-from-a-content-script' },
    setLabelsHidden: { tabId: tabB, hidden: true },
    testConnection: { ...DEFAULT_SETTINGS, provider: 'compatible', baseUrl: fake.baseUrl },
    readImageText: { image },
    recognizeImageText: { image },
    layoutMockup: { html: '<p>x</p>', viewport: { width: 100, height: 100 } },
  };
};

/** Handled by Restage's own pages, worker or offscreen document: each must answer with a refusal. */
const REFUSED: MessageType[] = [
  'getTabStatus',
  'probeTab',
  'startCritique',
  'startCheck',
  'startRound',
  'importCritique',
  'cancelJob',
  'resumeJob',
  'getJob',
  'getRecord',
  'retrySave',
  'deleteRun',
  'undoDelete',
  'makeRoom',
  'triageFinding',
  'saveSettings',
  'setLabelsHidden',
  'testConnection',
  'readImageText',
  'recognizeImageText',
  'layoutMockup',
];

type Outcome = { type: string; reply?: unknown; error?: string };

/** Sends each message from tab `tabId`'s content-script context over runtime.sendMessage. */
const sendFromContentScript = (tabId: number, messages: { type: string; data: unknown }[]) =>
  inContentScript(
    tabId,
    async (list: { type: string; data: unknown }[]) => {
      const { chrome } = globalThis as unknown as ExtensionGlobal;
      const outcomes: { type: string; reply?: unknown; error?: string }[] = [];
      for (const { type, data } of list) {
        try {
          const reply: unknown = await chrome.runtime.sendMessage({
            id: 1,
            type,
            data,
            timestamp: Date.now(),
          });
          outcomes.push({ type, reply });
        } catch (error) {
          outcomes.push({ type, error: (error as Error).message });
        }
      }
      return outcomes;
    },
    messages,
  ) as Promise<Outcome[]>;

const critiqueCount = (extension: Page) =>
  extension.evaluate(
    () =>
      new Promise<number>((resolve, reject) => {
        const open = indexedDB.open('restage');
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const count = open.result.transaction('critiques').objectStore('critiques').count();
          count.onsuccess = () => (open.result.close(), resolve(count.result));
          count.onerror = () => reject(count.error);
        };
      }),
  );

describe('messages from a content script', () => {
  it('every message type is refused or finds no receiver, and no reply carries page text or the key', async () => {
    // Tab B has a critique of its own, with its text, for a content script in tab A to go after.
    const b = await env.harness.openTab(`${env.server.origin}/b.html`);
    const panelB = await env.harness.openPanel(b.tabId);
    const jobB = await critiqueInPanel(panelB, 'viewport', ['done']);
    await panelB.close();
    const own = JSON.stringify(await env.harness.askBackground('getJob', { tabId: b.tabId }));
    expect(own, 'the panel itself is answered with the text').toContain(SECRET_TEXT);
    expect(own, 'and never with the key').not.toMatch(/sk-e2e/);

    // The offscreen document is open, so recognizeImageText meets its real receiver.
    const extension = await env.harness.extensionPage();
    await extension.evaluate(async () => {
      const { chrome } = globalThis as unknown as ExtensionGlobal;
      const open = await chrome.runtime.getContexts({ contextTypes: ['OFFSCREEN_DOCUMENT'] });
      if (open.length === 0)
        await chrome.offscreen.createDocument({
          url: 'offscreen.html',
          reasons: ['WORKERS'],
          justification: 'test',
        });
    });

    const a = await env.harness.openTab(`${env.server.origin}/a.html`);
    await panelReady(a.tabId).then((panel) => panel.close());
    const critiques = await critiqueCount(extension);
    fake.requests.length = 0;
    const messages = Object.entries(MESSAGES(b.tabId, jobB)).map(([type, data]) => ({ type, data }));
    const outcomes = await sendFromContentScript(a.tabId, messages);

    expect(outcomes.map((o) => o.type)).toEqual(messages.map((m) => m.type));
    for (const { type, reply, error } of outcomes) {
      if (REFUSED.includes(type as MessageType)) {
        // Refused where it is received, before the handler runs, in one sentence.
        expect(reply, type).toEqual({ err: expect.objectContaining({ message: expect.any(String) }) });
        expect((reply as { err: { message: string } }).err.message, type).toMatch(
          new RegExp(`^Restage refused '${type}': it may only come from Restage's`),
        );
      } else {
        // Only a content script handles these (and a panel, hovers from its own tab; none is
        // open now): sent by a content script, no context answers them, and they reach no other
        // content script.
        expect({ type, reply, error }).toEqual({ type, reply: undefined, error: undefined });
      }
    }
    expect(JSON.stringify(outcomes)).not.toContain(SECRET_TEXT);
    expect(JSON.stringify(outcomes)).not.toMatch(/sk-e2e/);
    // testConnection fetched nothing, and no critique of tab B (or any) was started.
    expect(fake.requests).toEqual([]);
    expect(await critiqueCount(extension)).toBe(critiques);
    // Nor can a content script message another tab's content script directly.
    const tabsApi = await inContentScript(
      a.tabId,
      () => typeof (globalThis as unknown as ExtensionGlobal).chrome.tabs,
    );
    expect(tabsApi).toBe('undefined');
  });

  it('the progress port is closed to a content script, which hears no job events', async () => {
    const a = await env.harness.openTab(`${env.server.origin}/a.html`);
    const b = await env.harness.openTab(`${env.server.origin}/b.html`);
    await panelReady(a.tabId).then((panel) => panel.close());
    await inContentScript(
      a.tabId,
      (tabId: number) => {
        const { chrome } = globalThis as unknown as ExtensionGlobal;
        const state = { events: [] as unknown[], disconnected: false };
        (globalThis as { restagePortTest?: typeof state }).restagePortTest = state;
        const port = chrome.runtime.connect({ name: 'restage-panel' });
        port.onMessage.addListener((event) => void state.events.push(event));
        port.onDisconnect.addListener(() => void (state.disconnected = true));
        port.postMessage({ type: 'watch', tabId });
      },
      b.tabId,
    );
    // A job on tab B, run as the panel runs one: its events go to ports watching B.
    const events: unknown[] = [];
    await env.harness.runJob({ tabId: b.tabId, mode: 'viewport' }, (event) => events.push(event));
    expect(events.length, 'the panel’s own port hears the job').toBeGreaterThan(1);
    const heard = await inContentScript(
      a.tabId,
      () =>
        (globalThis as { restagePortTest?: { events: unknown[]; disconnected: boolean } }).restagePortTest,
    );
    expect(heard).toEqual({ events: [], disconnected: true });
  });

  it('a hover counts in the panel only from the content script of the panel’s own tab', async () => {
    const a = await env.harness.openTab(`${env.server.origin}/a.html`);
    const b = await env.harness.openTab(`${env.server.origin}/b.html`);
    await panelReady(b.tabId).then((panel) => panel.close());
    const panel = await env.harness.openPanel(a.tabId);
    await jobEnded(panel, await startCritique(panel, 'viewport'), ['done']);
    const first = panel.locator('[data-region]').first();
    const id = await first.getAttribute('data-region');
    const active = panel.locator('.regions__item--active');
    expect(await active.count()).toBe(0);

    const hover = (tabId: number) => sendFromContentScript(tabId, [{ type: 'regionHovered', data: { id } }]);
    await hover(b.tabId);
    // Give the panel time to act on it, were it to.
    await panel.waitForTimeout(300);
    expect(await active.count()).toBe(0);

    await hover(a.tabId);
    await expect.poll(() => active.getAttribute('data-region')).toBe(id);
    await panel.close();
  });
});
