/**
 * Hostile pages, end to end in real Chromium: a strict Content-Security-Policy with Trusted
 * Types, closed shadow roots, same- and cross-origin frames, 50,000 elements, an endless feed and
 * stacked sticky headers. On each, the critique ends done (or with one plain sentence), the page
 * logs no error it did not log without Restage, its elements are where they were once the labels
 * are hidden, its own click handler still runs, and history keeps every record (pageHealth.ts).
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import sirv from 'sirv';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { withExtension } from './harness';
import { critiqueWithHealth, expectHealthy, labelsOnPage } from './pageHealth';

const PAGES = join(import.meta.dirname, '../fixtures/pages');
const env = withExtension({ '/fixtures': PAGES });

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

describe('a strict Content-Security-Policy with Trusted Types', () => {
  let strict: Awaited<ReturnType<typeof serveWith>>;
  beforeAll(async () => {
    strict = await serveWith(PAGES, { 'Content-Security-Policy': STRICT_CSP });
  });
  afterAll(() => strict?.close());

  it('is enforced: the page itself may not add an inline style or assign HTML', async () => {
    const page = await env.harness.context.newPage();
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
    await page.close();
  });

  it('viewport, full page and DOM render complete, with the labels styled, and the page keeps its health', async () => {
    const report = await critiqueWithHealth(env.harness, `${strict.origin}/hostile/strict-csp.html`, {
      modes: ['viewport', 'full', 'dom'],
    });
    await expectHealthy(env.harness, report);
    expect(report.records.map((r) => r.job.state)).toEqual(['done', 'done', 'done']);

    // The labels come back styled: absolutely placed boxes, each on its region.
    await report.panel.getByTestId('hide-labels').uncheck();
    await expect.poll(() => labelsOnPage(report.page)).toBeGreaterThan(0);
    const boxes = await report.page.evaluate(() =>
      [...document.querySelector('restage-overlay')!.shadowRoot!.querySelectorAll<HTMLElement>('.box')].map(
        (box) => getComputedStyle(box).position,
      ),
    );
    expect(new Set(boxes)).toEqual(new Set(['absolute']));
  });
});
