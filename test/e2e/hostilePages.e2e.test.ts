/**
 * Hostile pages, end to end in real Chromium: a strict Content-Security-Policy with Trusted
 * Types, closed shadow roots, same- and cross-origin frames, 50,000 elements, an endless feed and
 * stacked sticky headers. On each, the critique ends done (or with one plain sentence), the page
 * logs no error it did not log without Restage, its elements are where they were once the labels
 * are hidden, its own click handler still runs, and history keeps every record (pageHealth.ts).
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import sirv from 'sirv';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MaskRects } from '@/utils/core/schemas/capture';
import { type CritiqueRecord } from '@/utils/core/schemas/record';
import { type Box } from '@/utils/core/schemas/region';
import { syntheticPage } from '@/test/fixtures/synthetic';
import {
  artifactPath,
  type ExtensionGlobal,
  jobEnded,
  serve,
  startCritique,
  withExtension,
} from '@/test/e2e/harness';
import { iou } from '@/test/e2e/pageWords';
import {
  clickProbe,
  notPlainSentence,
  critiqueWithHealth,
  expectHealthy,
  recordErrors,
  setLabelsHidden,
} from '@/test/e2e/pageHealth';

const PAGES = join(import.meta.dirname, '../fixtures/pages');
/** Pages written by the tests, once they know their ports. */
const GENERATED = mkdtempSync(join(tmpdir(), 'restage-hostile-'));
const env = withExtension({ '/fixtures': PAGES, '/generated': GENERATED });

/** Times measured here, printed at the end. */
const measured: Record<string, string> = {};
afterAll(() => console.log('Hostile pages:', measured));

/** Nothing but this origin's stylesheets, scripts and images; no inline style; Trusted Types. */
const STRICT_CSP = [
  "default-src 'none'",
  "style-src 'self'",
  "img-src 'self'",
  "script-src 'self'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
  "require-trusted-types-for 'script'",
  "trusted-types 'none'",
].join('; ');

/** `dir` on a 127.0.0.1 port of its own, every response carrying `headers`. */
async function serveWith(dir: string, headers: Record<string, string>) {
  const files = sirv(dir, {
    dev: true,
    setHeaders: (res) => Object.entries(headers).forEach(([name, value]) => res.setHeader(name, value)),
  });
  const server = createServer((req, res) => files(req, res, () => void res.writeHead(404).end()));
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  return {
    origin: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: () =>
      new Promise<void>((done) => {
        server.close(() => done());
        server.closeAllConnections();
      }),
  };
}

describe('the page-health checks', () => {
  it('tell one plain sentence from a program talking', () => {
    for (const sentence of [
      'The tab of this critique is closed; start a new critique instead.',
      'This tab shows another page than the critique; open its page to refine it.',
      'The browser refused to capture this tab: the tab is no longer visible.',
    ])
      expect(notPlainSentence(sentence), sentence).toBeNull();
    expect(
      Object.fromEntries(
        [
          '',
          "Cannot read properties of undefined (reading 'id')",
          'TypeError: Failed to fetch',
          'Error in frame\n    at shoot (background.js:12:4)',
          'the screenshot is not available',
          'The page was closed. Try again',
          'The page was closed. Start again.',
          'Failed at [object Object].',
        ].map((text) => [text, notPlainSentence(text)]),
      ),
    ).toEqual({
      '': 'no sentence at all',
      "Cannot read properties of undefined (reading 'id')": 'a program value',
      'TypeError: Failed to fetch': 'an exception name',
      'Error in frame\n    at shoot (background.js:12:4)': 'more than one line',
      'the screenshot is not available': 'no capital first',
      'The page was closed. Try again': 'no full stop last',
      'The page was closed. Start again.': 'more than one sentence',
      'Failed at [object Object].': 'a program value',
    });
  });

  it("hear errors from the content script's world, not only the page's", async () => {
    const { page, tabId } = await env.harness.openTab(
      `${env.server.origin}/fixtures/iframe-child.html?errors`,
    );
    const log = recordErrors(page);
    await (
      await env.harness.extensionPage()
    ).evaluate(
      (tabId) =>
        (globalThis as unknown as ExtensionGlobal).chrome.scripting.executeScript({
          target: { tabId },
          world: 'ISOLATED',
          func: () => {
            console.error('logged from an isolated world');
            setTimeout(() => {
              throw new Error('thrown in an isolated world');
            });
          },
        }),
      tabId,
    );
    await expect
      .poll(() => log.errors)
      .toEqual(['logged from an isolated world', 'Error: thrown in an isolated world']);
    log.stop();
    await page.close();
  });
});

describe('a strict Content-Security-Policy with Trusted Types', () => {
  let strict: Awaited<ReturnType<typeof serveWith>>;
  beforeAll(async () => {
    strict = await serveWith(PAGES, { 'Content-Security-Policy': STRICT_CSP });
  });
  afterAll(() => strict?.close());

  it('is enforced: the page itself may not add an inline style or assign HTML', async () => {
    const page = await env.harness.context.newPage();
    const log = recordErrors(page);
    const response = await page.goto(`${strict.origin}/hostile/strict-csp.html?enforced`);
    expect(response?.headers()['content-security-policy']).toBe(STRICT_CSP);
    const refused = await page.evaluate(() => {
      const style = document.createElement('style');
      style.textContent = 'body { color: red }';
      document.head.append(style);
      let html = 'assigned';
      try {
        document.body.insertAdjacentHTML('beforeend', '<b>x</b>');
      } catch (error) {
        html = (error as Error).name;
      }
      return { sheet: style.sheet === null, html };
    });
    expect(refused).toEqual({ sheet: true, html: 'TypeError' });
    // The health checks hear such refusals: a Restage that broke the policy would fail them.
    await expect.poll(() => log.errors.join('\n')).toMatch(/inline style/);
    expect(log.errors.join('\n')).toMatch(/TrustedHTML/);
    log.stop();
    await page.close();
  });

  it('viewport, full page and DOM render complete, with the labels styled, and the page keeps its health', async () => {
    const report = await critiqueWithHealth(env.harness, `${strict.origin}/hostile/strict-csp.html`, {
      modes: ['viewport', 'full', 'dom'],
    });
    await expectHealthy(env.harness, report);
    expect(report.records.map((r) => r.job.state)).toEqual(['done', 'done', 'done']);
    // html2canvas renders it (no fallback to the viewport).
    expect(report.records[2]!.draft.shot!.mode).toBe('dom');
    // The full page's own stylesheet applied despite the policy: the sticky bar is there once.
    const full = report.records[1]!;
    expect(await rowsByColour(full.draft.shot!.image.id, 640, { bar: [255, 0, 255] })).toEqual({ bar: 48 });

    // The labels come back styled: boxes placed over the page, not in its flow.
    await setLabelsHidden(report.panel, report.page, false);
    const boxes = await report.page.evaluate(() =>
      [...document.querySelector('restage-overlay')!.shadowRoot!.querySelectorAll<HTMLElement>('.box')].map(
        (box) => getComputedStyle(box).position,
      ),
    );
    // (The sticky bar's box is fixed, as the bar is; an unstyled box would be static.)
    expect(boxes.filter((position) => position !== 'absolute' && position !== 'fixed')).toEqual([]);
  });
});

/** Where the overlay draws each region's box now, in page CSS pixels, by region id. */
const labelBoxes = (page: Page) =>
  page.evaluate(() =>
    Object.fromEntries(
      [...document.querySelector('restage-overlay')!.shadowRoot!.querySelectorAll<HTMLElement>('.box')].map(
        (box) => {
          const r = box.getBoundingClientRect();
          return [
            box.dataset.region!,
            { x: r.left + scrollX, y: r.top + scrollY, width: r.width, height: r.height },
          ];
        },
      ),
    ),
  );

describe('closed shadow roots', () => {
  it('regions and labels on what is inside them, viewport and full page, and the page keeps its health', async () => {
    const url = `${env.server.origin}/fixtures/hostile/closed-shadow.html`;
    const report = await critiqueWithHealth(env.harness, url, { modes: ['viewport', 'full'] });
    await expectHealthy(env.harness, report);
    const { page, panel, records } = report;
    expect(records.map((r) => r.job.state)).toEqual(['done', 'done']);
    expect(await page.evaluate(() => document.querySelector('plan-card')!.shadowRoot)).toBeNull();

    // Each part inside a closed root (nested ones, one below the fold) is a region of its own,
    // found again by its selector through the roots, and labelled where it is on the page.
    const parts = (await page.evaluate(() =>
      (window as unknown as { closedParts(): { text: string; box: Box }[] }).closedParts(),
    )) as { text: string; box: Box }[];
    expect(parts.map((p) => p.text)).toEqual(
      expect.arrayContaining(['Plantwise', '$29', 'Choose Growth', 'Help below the fold']),
    );
    await setLabelsHidden(panel, page, false);
    const labels = await labelBoxes(page);
    for (const record of records) {
      const { regions } = record.draft;
      for (const part of parts) {
        const region = regions.find((r) => r.text === part.text);
        expect(region, `${record.mode}: a region for "${part.text}"`).toBeDefined();
        expect(region!.selector).toContain(' >>> ');
        expect(iou(region!.box, part.box), `${record.mode}: "${part.text}" box`).toBeGreaterThanOrEqual(0.9);
      }
    }
    const regions = records.at(-1)!.draft.regions;
    for (const part of parts) {
      const region = regions.find((r) => r.text === part.text)!;
      expect(iou(labels[region.id]!, part.box), `label of "${part.text}"`).toBeGreaterThanOrEqual(0.8);
    }
    // The slotted light-DOM text belongs to its card too.
    expect(regions.map((r) => r.text).join('\n')).toContain('Slotted: most chosen.');
    // The card's own click handler, inside its closed root, still runs.
    expect(await page.evaluate(() => (window as unknown as { chooseGrowth(): string }).chooseGrowth())).toBe(
      'Growth chosen',
    );
  });
});

describe('same-origin, cross-origin and cross-site frames', () => {
  let other: Awaited<ReturnType<typeof serve>>;
  beforeAll(async () => {
    // Another port is another origin of the same site; localhost is another site (its own process).
    other = await serve({ '/': PAGES });
    const child = (origin: string, tag: string) => `${origin}/hostile/frame-child.html?${tag}`;
    writeFileSync(
      join(GENERATED, 'frames.html'),
      `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Frames</title>
      <script src="/fixtures/hostile/probe.js" defer></script>
      <style>body{margin:0;padding:24px;font:16px sans-serif}
      iframe{display:block;width:600px;height:200px;border:4px solid #999;margin:16px 0}
      .padded{padding:10px 0 0 30px}</style></head>
      <body><h1>Checkout</h1><p>Choose how your order reaches you.</p>
      <button type="button" data-health-probe>Continue</button>
      <iframe title="Same origin" class="padded" src="${child('/fixtures', 'same')}"></iframe>
      <iframe title="Another origin" src="${child(other.origin, 'origin')}"></iframe>
      <iframe title="Another site" src="${child(other.origin.replace('127.0.0.1', 'localhost'), 'site')}"></iframe>
      </body></html>`,
    );
  });
  afterAll(() => other?.close());

  it('reads the same-origin frame, counts the others, and every frame keeps its health', async () => {
    const url = `${env.server.origin}/generated/frames.html`;
    const report = await critiqueWithHealth(env.harness, url, { modes: ['viewport', 'full'] });
    await expectHealthy(env.harness, report);
    const { page, panel, records } = report;
    const frames = page.frames().filter((f) => f !== page.mainFrame());
    expect(frames.map((f) => new URL(f.url()).search).sort()).toEqual(['?origin', '?same', '?site']);
    for (const record of records) {
      expect(record.job.state).toBe('done');
      const { regions, extraction } = record.draft;
      // Only the same-origin frame's words can be read; the other two are counted.
      const titles = regions.filter((r) => r.text === 'Delivery options');
      expect(titles, record.mode).toHaveLength(1);
      expect(titles[0]!.selector).toMatch(/iframe.* >>> /);
      expect(extraction?.coverage.crossOriginFrames).toBe(2);
    }
    // The same-origin frame's label is on its element, in top-page coordinates.
    await setLabelsHidden(panel, page, false);
    const title = records.at(-1)!.draft.regions.find((r) => r.text === 'Delivery options')!;
    const inFrame = (selector: string) =>
      page.evaluate((selector) => {
        const frame = document.querySelector('iframe')!;
        const style = getComputedStyle(frame);
        const f = frame.getBoundingClientRect();
        const b = frame.contentDocument!.querySelector(selector)!.getBoundingClientRect();
        const x = f.left + frame.clientLeft + parseFloat(style.paddingLeft) + b.left;
        const y = f.top + frame.clientTop + parseFloat(style.paddingTop) + b.top;
        return { x, y, width: b.width, height: b.height };
      }, selector);
    const live = await inFrame('#frame-title');
    const atScroll = {
      ...live,
      x: live.x + (await page.evaluate(() => scrollX)),
      y: live.y + (await page.evaluate(() => scrollY)),
    };
    expect(iou(title.box, atScroll)).toBeGreaterThanOrEqual(0.95);
    expect(iou((await labelBoxes(page))[title.id]!, atScroll)).toBeGreaterThanOrEqual(0.8);
    await page.screenshot({ path: artifactPath('hostile-frames-labels.png') });
    // Its password field is masked where the frame draws it (inside the frame's padding too).
    const masks = MaskRects.parse(
      await env.harness.ask(report.tabId, 'beforeCapture', { privateSelectors: [] }),
    );
    await env.harness.ask(report.tabId, 'afterCapture');
    const field = await inFrame('#door-code');
    expect(masks.rects.filter((m) => iou(m, field) > 0)).toHaveLength(1);
    expect(
      masks.rects.some(
        (m) =>
          m.x <= field.x &&
          m.y <= field.y &&
          m.x + m.width >= field.x + field.width &&
          m.y + m.height >= field.y + field.height,
      ),
    ).toBe(true);
    // Each frame's own script still runs.
    for (const frame of frames) expect(await clickProbe(frame), frame.url()).toBe(1);
  });
});

describe('a page of 50,000 elements', () => {
  beforeAll(() => {
    // The synthetic cards, with the probe first.
    const page = syntheticPage(50_000)
      .replace('</head>', '<script src="/fixtures/hostile/probe.js" defer></script></head>')
      .replace('<body>', '<body><button type="button" data-health-probe>Filter cards</button>');
    writeFileSync(join(GENERATED, 'elements-50k.html'), page);
  });

  it('viewport and full page complete within their bounds, and the page keeps its health', async () => {
    const url = `${env.server.origin}/generated/elements-50k.html`;
    const report = await critiqueWithHealth(env.harness, url, {
      modes: ['viewport', 'full'],
      jobTimeout: 150_000,
    });
    await expectHealthy(env.harness, report);
    const elements = await report.page.evaluate(() => document.getElementsByTagName('*').length);
    expect(elements).toBeGreaterThanOrEqual(50_000);
    for (const record of report.records) {
      expect(record.job.state).toBe('done');
      expect(record.draft.extraction?.elementCount).toBeGreaterThanOrEqual(50_000);
      expect(record.draft.regions).toHaveLength(200);
    }
    // 322,349 px of cards: the full page stops at the canvas limit, and says so.
    const height = await report.page.evaluate(() => document.documentElement.scrollHeight);
    const full = report.records[1]!;
    expect(full.draft.shot!.height).toBeLessThanOrEqual(32_767);
    expect([...full.draft.notes, ...full.draft.shot!.notes]).toContain(
      `Truncated at ${full.draft.shot!.height} px: the page is ${height} px tall, beyond the canvas limit.`,
    );
    measured['50,000 elements'] = report.records
      .map(
        (r) =>
          `${r.mode} ${Math.round(r.job.ms!)} ms (first labels ${Math.round(r.draft.firstLabelsMs!)} ms)`,
      )
      .join(', ');
  }, 400_000);
});

/** A saved image's bytes. */
async function savedImage(artifactId: string): Promise<Buffer> {
  const page = await env.harness.extensionPage();
  const base64 = await page.evaluate(
    (artifactId) =>
      new Promise<string>((resolve, reject) => {
        const open = indexedDB.open('restage');
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const get = open.result.transaction('artifacts').objectStore('artifacts').get(artifactId);
          get.onerror = () => reject(get.error);
          get.onsuccess = () => {
            open.result.close();
            const reader = new FileReader();
            reader.onload = () => resolve((reader.result as string).split(',')[1]!);
            reader.readAsDataURL(get.result.blob);
          };
        };
      }),
    artifactId,
  );
  return Buffer.from(base64, 'base64');
}

/** Rows of a saved image whose pixel at column `x` is each colour (within 8 per channel). */
async function rowsByColour(artifactId: string, x: number, colours: Record<string, number[]>) {
  const page = await env.harness.extensionPage();
  return page.evaluate(
    async ({ artifactId, x, colours }) => {
      const blob = await new Promise<Blob>((resolve, reject) => {
        const open = indexedDB.open('restage');
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const get = open.result.transaction('artifacts').objectStore('artifacts').get(artifactId);
          get.onsuccess = () => (open.result.close(), resolve(get.result.blob));
          get.onerror = () => reject(get.error);
        };
      });
      const bitmap = await createImageBitmap(blob);
      const canvas = new OffscreenCanvas(bitmap.width, bitmap.height);
      const c2d = canvas.getContext('2d')!;
      c2d.drawImage(bitmap, 0, 0);
      const { data } = c2d.getImageData(x, 0, 1, bitmap.height);
      const rows: Record<string, number> = Object.fromEntries(Object.keys(colours).map((name) => [name, 0]));
      for (let y = 0; y < bitmap.height; y++)
        for (const [name, [r, g, b]] of Object.entries(colours))
          if (
            Math.abs(data[y * 4]! - r!) <= 8 &&
            Math.abs(data[y * 4 + 1]! - g!) <= 8 &&
            Math.abs(data[y * 4 + 2]! - b!) <= 8
          )
            rows[name]!++;
      return rows;
    },
    { artifactId, x, colours },
  );
}

describe('stacked sticky and fixed bars', () => {
  it('a full-page capture shows each bar once, at its full height, and the page keeps its health', async () => {
    const url = `${env.server.origin}/fixtures/hostile/stacked-sticky.html`;
    const report = await critiqueWithHealth(env.harness, url, {
      modes: ['viewport', 'full'],
      exercise: (page) => page.evaluate(() => scrollTo(0, 250)),
    });
    await expectHealthy(env.harness, report);
    const [viewport, full] = report.records as [CritiqueRecord, CritiqueRecord];
    expect([viewport.job.state, full.job.state]).toEqual(['done', 'done']);
    expect(await report.page.evaluate(() => scrollY)).toBe(250);
    const height = await report.page.evaluate(() => document.documentElement.scrollHeight);
    expect(full.draft.shot!.height).toBe(height);
    const rows = await rowsByColour(full.draft.shot!.image.id, 640, {
      promo: [255, 0, 0],
      header: [255, 0, 255],
      subNav: [0, 255, 255],
      firstHeading: [255, 255, 0],
      lowerHeading: [0, 0, 255],
      cookie: [0, 255, 0],
    });
    writeFileSync(
      artifactPath('hostile-stacked-sticky-full.png'),
      await savedImage(full.draft.shot!.image.id),
    );
    expect(rows).toEqual({
      promo: 30,
      header: 60,
      subNav: 40,
      firstHeading: 40,
      lowerHeading: 40,
      cookie: 50,
    });
  });

  it('cancelled mid-capture, every bar is back as it was and nothing is left on the page', async () => {
    const { page, tabId } = await env.harness.openTab(
      `${env.server.origin}/fixtures/hostile/stacked-sticky.html?cancel`,
    );
    await page.evaluate(() => scrollTo(0, 1200));
    const bars = () =>
      page.evaluate(() =>
        [...document.querySelectorAll('.promo, header, .sub, h2, .cookie')].map((el) => {
          const r = el.getBoundingClientRect();
          const style = getComputedStyle(el);
          return `${el.localName} ${style.position} ${style.visibility} ${r.y}`;
        }),
      );
    const before = await bars();
    const panel = await env.harness.openPanel(tabId);
    const id = await startCritique(panel, 'full');
    await expect
      .poll(() => panel.getByTestId('stage-progress').textContent(), { timeout: 20_000 })
      .toMatch(/Capturing frame [2-9] of \d+/);
    await panel.getByRole('button', { name: 'Cancel' }).click();
    await jobEnded(panel, id, ['cancelled']);
    await expect.poll(() => page.evaluate(() => scrollY)).toBe(1200);
    expect(await bars()).toEqual(before);
    expect(
      await page.evaluate(
        () => document.querySelectorAll('[data-restage-hide], [data-restage-unstick]').length,
      ),
    ).toBe(0);
    await panel.close();
    await page.close();
  });
});

describe('an endless feed', () => {
  it('viewport and full page complete, the feed still grows on its own, and the page keeps its health', async () => {
    // Its full-page notes and masks: growingPage.e2e. Here: what the feed is left with.
    const url = `${env.server.origin}/fixtures/infinite-scroll.html?health`;
    const report = await critiqueWithHealth(env.harness, url, {
      modes: ['viewport', 'full'],
      probe: false,
      // The cards there before, not the list and its sentinel, which the feed grows on purpose.
      elements: '.topbar, .topbar *, #feed li, #feed li *',
      exercise: (page) => page.evaluate(() => scrollTo(0, 300)),
    });
    await expectHealthy(env.harness, report);
    const { page, records } = report;
    expect(records.map((r) => r.job.state)).toEqual(['done', 'done']);
    expect(await page.evaluate(() => scrollY)).toBe(300);
    // The page's own script: scrolled to its end, the feed appends another batch.
    const cards = () => page.evaluate(() => document.querySelectorAll('#feed li').length);
    const now = await cards();
    await page.evaluate(() => scrollTo(0, document.documentElement.scrollHeight));
    await expect.poll(cards).toBe(now + 24);
  });
});
