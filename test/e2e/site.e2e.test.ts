import { spawn } from 'node:child_process';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { Critique } from '@/utils/core/schemas/record';
import { SiteSummary } from '@/utils/core/site/summary';
import { startFakeOpenAI } from '@/test/fake-openai/server';
import { CORPUS, ROOT, serve } from '@/test/e2e/harness';

/** The CLI in its own process, without blocking this one (its test server must answer). */
function run(args: string[], terminal = false, env: NodeJS.ProcessEnv = {}) {
  return new Promise<{ code: number | null; stdout: string; stderr: string }>((done) => {
    const command = ['npx', 'tsx', 'scripts/critique.ts', ...args];
    // util-linux's script(1) runs the command on a pseudo-terminal and exits with its code.
    const child = terminal
      ? spawn('script', ['-qec', command.map((a) => `'${a}'`).join(' '), '/dev/null'], {
          cwd: ROOT,
          env: { ...process.env, ...env },
        })
      : spawn(command[0]!, command.slice(1), { cwd: ROOT, env: { ...process.env, ...env } });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.on('close', (code) => done({ code, stdout: stdout.replace(/\r/g, ''), stderr }));
  });
}

const PAGES = readdirSync(join(CORPUS, 'pages'))
  .filter((f) => f.endsWith('.html'))
  .sort()
  .slice(0, 10);
const PNG = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
const readJson = (file: string): unknown => JSON.parse(readFileSync(file, 'utf8'));

describe('site mode', () => {
  it('critiques 10 corpus pages in 2 browsers, reports the one that fails, and exits 0', async () => {
    const server = await serve({ '/': join(ROOT, 'test/fixtures/pages') });
    const dir = mkdtempSync(join(tmpdir(), 'restage-site-'));
    const missing = `${server.origin}/no-such-page.html`;
    const list = [
      '# ten corpus pages and one that answers 404',
      ...PAGES.slice(0, 5).map((f) => join(CORPUS, 'pages', f)),
      '',
      missing,
      ...PAGES.slice(5).map((f) => join(CORPUS, 'pages', f)),
    ];
    writeFileSync(join(dir, 'urls.txt'), `${list.join('\n')}\n`);
    const out = join(dir, 'out');
    try {
      const result = await run(['--urls', join(dir, 'urls.txt'), '--jobs', '2', '--out', out], true);
      expect(result.code, result.stdout).toBe(0);

      const summary = SiteSummary.parse(readJson(join(out, 'summary.json')));
      expect(summary.jobs).toBe(2);
      expect(summary.pages).toHaveLength(11);
      const failed = summary.pages.filter((p) => p.state === 'failed');
      expect(failed).toEqual([
        expect.objectContaining({
          target: missing,
          state: 'failed',
          reason: `${missing} answered HTTP 404.`,
          written: false,
        }),
      ]);
      const done = summary.pages.filter((p) => p.state === 'done');
      expect(done.map((p) => p.slug)).toEqual(PAGES.map((f) => f.replace('.html', '')));
      expect(summary.pagesPerMinute).toBeCloseTo(10 / (summary.seconds / 60), 5);

      // A folder per page, with the files the single-page CLI writes, and nothing for the failed page.
      const critiques = new Map<string, Critique>();
      for (const page of done) {
        const folder = join(out, page.slug);
        for (const file of ['critique.json', 'annotated.png', 'mockup.html', 'mockup.png', 'report.html'])
          expect(existsSync(join(folder, file)), `${page.slug}/${file}`).toBe(true);
        expect(readFileSync(join(folder, 'annotated.png')).subarray(0, 8)).toEqual(PNG);
        const critique = Critique.parse(readJson(join(folder, 'critique.json')));
        expect(critique.url).toBe(page.url);
        expect(page.score).toBe(critique.score!.value);
        expect(page.findings).toBe(critique.findings.length);
        critiques.set(page.slug, critique);
      }
      expect(readdirSync(out).sort()).toEqual(
        [...done.map((p) => p.slug), 'index.html', 'summary.json'].sort(),
      );

      // On every page: exactly the rules every page's critique.json raises (offline, every finding has a rule).
      const rulesOf = (c: Critique) => new Set(c.findings.map((f) => f.rule!));
      const everywhere = [...rulesOf(critiques.get(done[0]!.slug)!)].filter((rule) =>
        [...critiques.values()].every((c) => rulesOf(c).has(rule)),
      );
      expect(summary.repeating.map((r) => r.kind).sort()).toEqual(everywhere.sort());
      // The worst findings are real findings of their page, none of a kind already shown as repeating.
      expect(summary.worst.length).toBeGreaterThan(0);
      for (const f of summary.worst) {
        expect(critiques.get(f.slug)!.findings.map((x) => x.title)).toContain(f.title);
        expect(everywhere).not.toContain(f.rule);
      }

      const index = readFileSync(join(out, 'index.html'), 'utf8');
      for (const page of done) expect(index).toContain(`<a href="${page.slug}/report.html">`);
      expect(index).toContain(`answered HTTP 404.`);
      expect(index).toContain('11 pages: 10 done, 1 failed');
      expect(index.match(/<img class="thumb" src="data:image\/jpeg;base64,/g)).toHaveLength(10);

      // On a terminal: a line as each page starts and ends, then the summary on stdout.
      for (const [i, page] of summary.pages.entries()) {
        expect(result.stdout).toContain(`[${i + 1}/11] start ${page.slug}`);
        expect(result.stdout).toMatch(
          page.state === 'done'
            ? new RegExp(
                `\\[${i + 1}/11\\] done  .+  score ${Math.round(page.score!)}  \\d+ findings  [\\d.]+ s`,
              )
            : new RegExp(`\\[${i + 1}/11\\] failed  ${page.slug}  .+ answered HTTP 404\\.`),
        );
      }
      expect(result.stdout).toMatch(/10 done, 1 failed · \d+ kinds? of finding on every page/);
    } finally {
      await server.close();
    }
  }, 400_000);

  it('a sitemap index, piped, --full-page --width 1024: its pages are critiqued so, and nothing but the summary is printed', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'restage-sitemap-'));
    const server = await serve({ '/corpus': join(CORPUS, 'pages'), '/': dir });
    const urlset = (files: string[]) =>
      `<?xml version="1.0" encoding="UTF-8"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">${files.map((f) => `<url><loc>${server.origin}/corpus/${f}</loc></url>`).join('')}</urlset>`;
    writeFileSync(join(dir, 'a.xml'), urlset([PAGES[0]!]));
    writeFileSync(join(dir, 'b.xml'), urlset([PAGES[1]!, PAGES[0]!]));
    writeFileSync(
      join(dir, 'sitemap.xml'),
      `<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"><sitemap><loc>${server.origin}/a.xml</loc></sitemap><sitemap><loc>${server.origin}/b.xml</loc></sitemap></sitemapindex>`,
    );
    const out = join(dir, 'out');
    try {
      const result = await run([
        '--sitemap',
        `${server.origin}/sitemap.xml`,
        '--jobs',
        '1',
        '--out',
        out,
        '--full-page',
        '--width',
        '1024',
      ]);
      expect(result.code, result.stderr).toBe(0);
      expect(result.stderr.replace(/npm warn.*\n/g, '')).toBe('');
      expect(result.stdout).not.toMatch(/\[\d+\/\d+\]/);
      expect(result.stdout).toMatch(/^Restage site critique of http:\/\/127\.0\.0\.1:\d+\/sitemap\.xml\n/);
      const summary = SiteSummary.parse(readJson(join(out, 'summary.json')));
      expect(summary.source).toEqual({ kind: 'sitemap', location: `${server.origin}/sitemap.xml` });
      expect(summary.pages.map((p) => [p.url, p.state])).toEqual([
        [`${server.origin}/corpus/${PAGES[0]}`, 'done'],
        [`${server.origin}/corpus/${PAGES[1]}`, 'done'],
      ]);
      // --full-page and --width hold for every page.
      for (const page of summary.pages) {
        const critique = Critique.parse(readJson(join(out, page.slug, 'critique.json')));
        expect(critique.mode).toBe('full');
        expect(readFileSync(join(out, page.slug, 'annotated.png')).readUInt32BE(16)).toBe(1024);
      }
    } finally {
      await server.close();
    }
  }, 200_000);

  it('with a model, --request and --preview: every page gets them, and no file holds the key', async () => {
    const fake = await startFakeOpenAI();
    const key = 'sk-site-secret-4242';
    const dir = mkdtempSync(join(tmpdir(), 'restage-site-model-'));
    writeFileSync(
      join(dir, 'urls.txt'),
      PAGES.slice(0, 2)
        .map((f) => join(CORPUS, 'pages', f))
        .join('\n'),
    );
    const out = join(dir, 'out');
    try {
      const result = await run(
        [
          '--urls',
          join(dir, 'urls.txt'),
          '--out',
          out,
          '--no-image',
          '--request',
          'make the main heading clearer',
          '--preview',
        ],
        false,
        { OPENAI_API_KEY: key, OPENAI_BASE_URL: fake.baseUrl },
      );
      expect(result.code, result.stderr).toBe(0);
      expect(result.stdout + result.stderr).not.toContain(key);
      const summary = SiteSummary.parse(readJson(join(out, 'summary.json')));
      expect(summary.pages.map((p) => p.state)).toEqual(['done', 'done']);
      for (const page of summary.pages) {
        const critique = Critique.parse(readJson(join(out, page.slug, 'critique.json')));
        // The planner was asked (its plan may still lose to the offline one).
        expect(critique.planner!.usage.totalTokens).toBeGreaterThan(0);
        expect(critique.request).toBe('make the main heading clearer');
        expect(critique.verify).not.toBeNull();
        expect(existsSync(join(out, page.slug, 'after.png'))).toBe(true);
        for (const file of readdirSync(join(out, page.slug)))
          expect(readFileSync(join(out, page.slug, file)).includes(key), file).toBe(false);
      }
      for (const file of ['index.html', 'summary.json'])
        expect(readFileSync(join(out, file)).includes(key), file).toBe(false);
      expect(fake.requests.filter((r) => r.path.endsWith('/responses')).length).toBeGreaterThanOrEqual(2);
    } finally {
      await fake.close();
    }
  }, 240_000);

  it('a page that hangs is failed after the page timeout, and the next page is critiqued', async () => {
    const stall = createServer((req, res) => {
      // Headers, then nothing: the page never finishes loading.
      if (req.url === '/stall.html')
        return void res.writeHead(200, { 'content-type': 'text/html' }).write('<p>');
      res.writeHead(404).end();
    });
    await new Promise<void>((done) => stall.listen(0, '127.0.0.1', done));
    const stalled = `http://127.0.0.1:${(stall.address() as AddressInfo).port}/stall.html`;
    const dir = mkdtempSync(join(tmpdir(), 'restage-site-stall-'));
    writeFileSync(join(dir, 'urls.txt'), [stalled, join(CORPUS, 'pages', PAGES[0]!)].join('\n'));
    try {
      const result = await run(
        ['--urls', join(dir, 'urls.txt'), '--jobs', '1', '--out', join(dir, 'out')],
        false,
        {
          RESTAGE_PAGE_TIMEOUT_S: '8',
        },
      );
      expect(result.code, result.stderr).toBe(0);
      const summary = SiteSummary.parse(readJson(join(dir, 'out', 'summary.json')));
      expect(summary.pages.map((p) => [p.state, p.reason])).toEqual([
        ['failed', 'It took longer than 8 s.'],
        ['done', null],
      ]);
    } finally {
      stall.closeAllConnections();
      stall.close();
    }
  }, 120_000);

  it('exits 1 when every page fails, still writing the summary; --limit takes the first pages and says so', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'restage-site-fail-'));
    writeFileSync(join(dir, 'urls.txt'), 'http://127.0.0.1:1/\nmissing.html\nhttp://127.0.0.1:1/third\n');
    const result = await run(['--urls', join(dir, 'urls.txt'), '--out', join(dir, 'out'), '--limit', '2']);
    expect(result.code).toBe(1);
    const summary = SiteSummary.parse(readJson(join(dir, 'out', 'summary.json')));
    expect(summary.notes).toEqual(['The list has 3 pages; the first 2 were critiqued (--limit).']);
    expect(summary.pages.map((p) => [p.state, p.reason])).toEqual([
      ['failed', expect.stringMatching(/^Could not reach http:\/\/127\.0\.0\.1:1\/: /)],
      ['failed', `No such file: ${join(dir, 'missing.html')}.`],
    ]);
    expect(summary.repeating).toEqual([]);
    expect(summary.worst).toEqual([]);
  }, 120_000);

  it.each([
    [
      'a list that does not exist',
      ['--urls', '/nonexistent/urls.txt'],
      /^No such file: \/nonexistent\/urls\.txt\.$/,
    ],
    [
      'too many browsers',
      ['--urls', 'x.txt', '--jobs', '9'],
      /^--jobs must be a whole number from 1 to 8\.$/,
    ],
    ['a page and a list', ['page.html', '--urls', 'x.txt'], /^Give a page or a list of pages, not both\./],
    [
      'a sitemap file that does not exist',
      ['--sitemap', '/nonexistent/sitemap.xml'],
      /^No such file: \/nonexistent\/sitemap\.xml\.$/,
    ],
    [
      '--against with a list',
      ['--urls', 'x.txt', '--against', 'c.json'],
      /^--against compares one page; it does not go with --urls or --sitemap\.$/,
    ],
    [
      'an unreachable sitemap',
      ['--sitemap', 'http://127.0.0.1:1/sitemap.xml'],
      /^Could not reach http:\/\/127\.0\.0\.1:1\/sitemap\.xml/,
    ],
  ])('exits 2 for %s', async (_, args, message) => {
    const result = await run(args);
    expect(result.code).toBe(2);
    expect(result.stderr.replace(/npm warn.*\n/g, '').trim()).toMatch(message);
  });

  it('exits 2 for a list of comments only', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'restage-site-empty-'));
    writeFileSync(join(dir, 'urls.txt'), '# nothing yet\n');
    const result = await run(['--urls', join(dir, 'urls.txt')]);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(`${join(dir, 'urls.txt')} lists no pages.`);
  });
});
