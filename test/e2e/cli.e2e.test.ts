import { execFileSync, spawn, spawnSync } from 'node:child_process';
import {
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { Critique } from '@/utils/core/schemas/record';
import { startFakeOpenAI } from '@/test/fake-openai/server';
import { outsideReferences } from '@/test/fixtures/selfContained';
import { DEMO_DIR, ROOT } from '@/test/e2e/harness';

function critique(args: string[], env: NodeJS.ProcessEnv = {}, cwd = ROOT) {
  const run = spawnSync('npx', ['tsx', 'scripts/critique.ts', ...args], {
    cwd,
    encoding: 'utf8',
    env: { ...process.env, ...env },
    timeout: 120_000,
  });
  return { code: run.status, stdout: run.stdout, stderr: run.stderr.replace(/npm warn.*\n/g, '').trim() };
}

/** The same, without blocking the event loop (a fake model server in this process must answer). */
function critiqueAsync(args: string[], env: NodeJS.ProcessEnv = {}) {
  return new Promise<{ code: number | null; stdout: string; stderr: string }>((done) => {
    const child = spawn('npx', ['tsx', 'scripts/critique.ts', ...args], {
      cwd: ROOT,
      env: { ...process.env, ...env },
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.on('close', (code) => done({ code, stdout, stderr }));
  });
}

/** Width and height from a PNG file's header. */
const pngSize = (file: string) => {
  const head = readFileSync(file).subarray(16, 24);
  return { width: head.readUInt32BE(0), height: head.readUInt32BE(4) };
};

const PNG = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

describe('critique CLI', () => {
  it('critiques a file offline and writes every artifact', () => {
    const out = mkdtempSync(join(tmpdir(), 'restage-cli-'));
    const run = critique([`${DEMO_DIR}/demo.html`, '--out', out, '--request', 'make the CTA clearer']);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/score \d+\/100/);
    expect(run.stdout).toMatch(/browser start [\d.]+ s · critique [\d.]+ s/);

    const result = Critique.parse(JSON.parse(readFileSync(join(out, 'critique.json'), 'utf8')));
    expect(result.engine).toBe('offline');
    // By default the viewport, at 1280×800.
    expect(pngSize(join(out, 'annotated.png'))).toEqual({ width: 1280, height: 800 });
    expect(result.regions.length).toBeGreaterThan(10);
    expect(result.findings.every((f) => f.basis === 'measured')).toBe(true);
    expect(result.contentCheck!).toMatchObject({ missing: [], duplicated: [], invented: [] });
    expect(result.contentCheck!.kept).toBe(result.contentCheck!.regions);
    expect(result.score!.value).toBeGreaterThanOrEqual(0);
    expect(result.timings.total).toBeGreaterThan(0);
    expect(Object.keys(result.timings)).toEqual(['regions', 'measure', 'capture', 'plan', 'render', 'total']);
    expect(result.notes.join(' ')).toContain('make the CTA clearer');

    for (const png of ['annotated.png', 'mockup.png'])
      expect(readFileSync(join(out, png)).subarray(0, 8)).toEqual(PNG);
    const mockup = readFileSync(join(out, 'mockup.html'), 'utf8');
    const ids = result.blueprint!.sections.flatMap((s) => s.regionIds);
    // Each region's element marked once (the plan's stylesheet names some of them too, as `[data-region="…"]`).
    for (const id of ids) expect(mockup.match(new RegExp(`\\sdata-region="${id}"`, 'g'))).toHaveLength(1);
    const report = readFileSync(join(out, 'report.html'), 'utf8');
    expect(report).toContain(String(Math.round(result.score!.value)));
    expect(report).toContain('data:image/png;base64,');
  });

  it.each([
    ['a missing file', ['/nonexistent/page.html'], /^No such file: \/nonexistent\/page\.html\.$/],
    ['an unreachable URL', ['http://127.0.0.1:1/'], /^Could not reach http:\/\/127\.0\.0\.1:1\//],
    ['a restricted page', ['chrome://settings/'], /browser page/],
    ['a bad width', [`${DEMO_DIR}/demo.html`, '--width', 'wide'], /--width and --height/],
  ])('exits 2 with one plain sentence for %s', (_, args, message) => {
    const run = critique(args);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(message);
    expect(run.stderr.split('\n')).toHaveLength(1);
  });

  it('on a terminal, prints each stage as it goes (piped, it prints none: see above)', () => {
    const out = mkdtempSync(join(tmpdir(), 'restage-cli-tty-'));
    // util-linux's script(1) runs the command on a pseudo-terminal.
    const run = spawnSync(
      'script',
      ['-qec', `npx tsx scripts/critique.ts ${DEMO_DIR}/demo.html --out ${out}`, '/dev/null'],
      { cwd: ROOT, encoding: 'utf8', timeout: 120_000 },
    );
    expect(run.status).toBe(0);
    const progress = run.stdout.replace(/\r/g, '').split('Restage critique of')[0]!;
    const stages = progress
      .split('\n')
      .map((line) => /^ {2}(\w+): /.exec(line)?.[1])
      .filter(Boolean);
    // In the order they ran. The first stage's line can be missed: the CLI's progress port may
    // start watching the tab only after the regions stage has begun.
    const order = ['regions', 'measure', 'capture', 'plan', 'render'];
    const printed = [...new Set(stages)];
    expect(printed).toEqual(order.filter((stage) => printed.includes(stage)));
    expect(printed).toEqual(expect.arrayContaining(['capture', 'plan', 'render']));
  });

  it('exits 2 for an unknown option: the sentence, then the usage', () => {
    const run = critique(['--nope']);
    expect(run.code).toBe(2);
    const lines = run.stderr.split('\n');
    expect(lines).toHaveLength(2);
    expect(lines[0]).toMatch(/^Unknown option '--nope'/);
    expect(lines[1]).toMatch(/^Usage: npm run critique -- /);
  });

  it('--full-page, --width and --height: the whole page at the given width', () => {
    const out = mkdtempSync(join(tmpdir(), 'restage-cli-full-'));
    const run = critique([
      `${DEMO_DIR}/demo.html`,
      '--out',
      out,
      '--full-page',
      '--width',
      '1024',
      '--height',
      '600',
    ]);
    expect(run.code).toBe(0);
    const { width, height } = pngSize(join(out, 'annotated.png'));
    expect(width).toBe(1024);
    expect(height).toBeGreaterThan(600);
  });

  it('--preview writes after.png and a verify block; --against verifies a changed page against an earlier critique.json', () => {
    const out = mkdtempSync(join(tmpdir(), 'restage-cli-preview-'));
    const previewed = critique([`${DEMO_DIR}/demo.html`, '--out', out, '--preview']);
    expect(previewed.stderr).toBe('');
    expect(previewed.code).toBe(0);
    expect(readFileSync(join(out, 'after.png')).subarray(0, 8)).toEqual(PNG);
    const { verify } = Critique.parse(JSON.parse(readFileSync(join(out, 'critique.json'), 'utf8')));
    expect(Object.keys(verify!)).toEqual(
      expect.arrayContaining(['scoreBefore', 'scoreAfter', 'resolved', 'still', 'new']),
    );
    expect(verify!.scoreAfter).toBeGreaterThan(verify!.scoreBefore);
    expect(verify!.resolved.length).toBeGreaterThan(0);
    expect(previewed.stdout).toMatch(/verify: score \d+ → \d+ · \d+ resolved/);

    // Critique a page, fix it as a developer would, and check it against the first critique.
    const site = mkdtempSync(join(tmpdir(), 'restage-cli-site-'));
    const original = readFileSync(join(ROOT, 'test/fixtures/pages/low-contrast-button.html'), 'utf8');
    writeFileSync(join(site, 'button.html'), original);
    const first = join(site, 'first');
    expect(critique([join(site, 'button.html'), '--out', first]).code).toBe(0);
    writeFileSync(
      join(site, 'button.html'),
      original
        .replace('color: #a9b4c2;', 'color: #ffffff;')
        .replace('background: #e9eef5;', 'background: #1f5fbf;'),
    );
    const later = join(site, 'later');
    const checked = critique([
      join(site, 'button.html'),
      '--out',
      later,
      '--against',
      join(first, 'critique.json'),
    ]);
    expect(checked.stderr).toBe('');
    expect(checked.code).toBe(0);
    const after = Critique.parse(JSON.parse(readFileSync(join(later, 'critique.json'), 'utf8')));
    expect(after.verify!.resolved.map((f) => f.rule)).toContain('wcag-1.4.3');
    expect(after.verify!.still.map((f) => f.rule)).not.toContain('wcag-1.4.3');
  });

  it('exits 3 when Chromium is missing', () => {
    const run = critique([`${DEMO_DIR}/demo.html`], { CHROME_PATH: '/nonexistent/chromium' });
    expect(run.code).toBe(3);
    expect(run.stderr).toBe('CHROME_PATH is set to /nonexistent/chromium, which does not exist.');
  });

  it('runs the README’s main command from a copy of the repository with nothing beside it', () => {
    // The tracked files only, somewhere with no ../shared next to them; the installed packages
    // are linked in rather than downloaded again.
    const clone = join(mkdtempSync(join(tmpdir(), 'restage-clone-')), 'restage');
    const files = execFileSync('git', ['ls-files', '-z'], { cwd: ROOT, encoding: 'utf8' }).split('\0');
    for (const file of files.filter(Boolean)) {
      if (!existsSync(join(ROOT, file))) continue;
      mkdirSync(dirname(join(clone, file)), { recursive: true });
      cpSync(join(ROOT, file), join(clone, file));
    }
    symlinkSync(join(ROOT, 'node_modules'), join(clone, 'node_modules'));
    expect(existsSync(join(clone, '../shared'))).toBe(false);
    // What `npm install` does after fetching the packages: its postinstall (wxt prepare).
    execFileSync('npm', ['run', 'postinstall'], { cwd: clone, stdio: 'ignore' });
    const run = spawnSync('npm', ['run', 'critique'], { cwd: clone, encoding: 'utf8', timeout: 180_000 });
    expect(run.status, run.stderr).toBe(0);
    expect(run.stdout).toMatch(/Restage critique of http:\/\/127\.0\.0\.1:\d+\/demo\.html/);
    const result = Critique.parse(
      JSON.parse(readFileSync(join(clone, 'restage-report/critique.json'), 'utf8')),
    );
    expect(result.title).toBe('Harbor Backup: plans and pricing');
    // The demo's weak points are all found: competing headings, the pale primary outweighed by a
    // secondary button, its low contrast, and the tiny dismiss target crowding a link.
    const rules = result.findings.map((f) => f.rule);
    const button = result.regions.find((r) => r.text === 'Start free trial')!;
    expect(rules).toContain('competing-primaries');
    expect(result.findings.find((f) => f.rule === 'primary-action-weak')?.title).toBe(
      "'Start free trial' is fainter than 'Watch a video'",
    );
    expect(result.findings.some((f) => f.rule === 'wcag-1.4.3' && f.regionIds.includes(button.id))).toBe(
      true,
    );
    expect(rules).toContain('wcag-2.5.8');
  }, 200_000);

  it('uses a model from OPENAI_API_KEY and OPENAI_BASE_URL, honours --no-image and --offline, never prints or writes the key', async () => {
    const fake = await startFakeOpenAI();
    const key = 'sk-cli-secret-7777';
    const env = { OPENAI_API_KEY: key, OPENAI_BASE_URL: fake.baseUrl };
    // spawnSync would block the fake server's event loop: run the CLI asynchronously.
    const run = (args: string[]) => critiqueAsync(args, env);
    try {
      const out = mkdtempSync(join(tmpdir(), 'restage-cli-model-'));
      const withModel = await run([`${DEMO_DIR}/demo.html`, '--out', out, '--model', 'gpt-5.4-mini']);
      expect(withModel.code, withModel.stderr).toBe(0);
      expect(withModel.stdout).toMatch(/engine model:gpt-5\.4-mini/);
      expect(withModel.stdout).toMatch(
        /Model: compatible at 127\.0\.0\.1:\d+, planner gpt-5\.4-mini, gpt-image-2, key set/,
      );
      expect(withModel.stdout + withModel.stderr).not.toContain(key);
      for (const file of readdirSync(out))
        expect(readFileSync(join(out, file)).includes(key), file).toBe(false);
      const result = Critique.parse(JSON.parse(readFileSync(join(out, 'critique.json'), 'utf8')));
      expect(result.planner?.status).toBe('model');
      expect(result.imageCheck).toMatchObject({ pass: false });
      expect(existsSync(join(out, 'image.png'))).toBe(true);
      expect(withModel.stdout).toContain('image.png (generated: a plan to check, not a fact)');
      expect(fake.requests.some((r) => r.path.endsWith('/images/edits'))).toBe(true);

      fake.requests.length = 0;
      const noImage = await run([`${DEMO_DIR}/demo.html`, '--out', out, '--no-image']);
      expect(noImage.code, noImage.stderr).toBe(0);
      expect(fake.requests.some((r) => r.path.endsWith('/images/edits'))).toBe(false);
      expect(fake.requests.some((r) => r.path.endsWith('/responses'))).toBe(true);

      fake.requests.length = 0;
      const offline = await run([`${DEMO_DIR}/demo.html`, '--out', out, '--offline']);
      expect(offline.code, offline.stderr).toBe(0);
      expect(offline.stdout).toMatch(/engine offline/);
      expect(fake.requests).toHaveLength(0);
    } finally {
      await fake.close();
    }
  }, 240_000);

  it('--preview with a model: report.html holds the verification, after.png, the generated image with its OCR figures and cost, and nothing from outside', async () => {
    const fake = await startFakeOpenAI();
    try {
      const out = mkdtempSync(join(tmpdir(), 'restage-cli-report-'));
      const run = await critiqueAsync(
        [`${DEMO_DIR}/demo.html`, '--out', out, '--preview', '--model', 'gpt-5.4-mini'],
        { OPENAI_API_KEY: 'sk-report-test', OPENAI_BASE_URL: fake.baseUrl },
      );
      expect(run.code, run.stderr).toBe(0);
      const result = Critique.parse(JSON.parse(readFileSync(join(out, 'critique.json'), 'utf8')));
      const report = readFileSync(join(out, 'report.html'), 'utf8');
      const inline = (file: string) =>
        `src="data:image/png;base64,${readFileSync(join(out, file)).toString('base64')}"`;
      // Every picture of the run, inside the file.
      for (const file of ['annotated.png', 'after.png', 'image.png', 'mockup.png'])
        expect(report.includes(inline(file)), file).toBe(true);
      // The verification.
      const { verify, imageCheck, planner, imageRun } = result;
      expect(report).toContain('<h2 id="verify">Verification</h2>');
      expect(report).toContain(
        `${verify!.resolved.length} resolved · ${verify!.still.length} still · ${verify!.new.length} new · ${verify!.gone.length} gone`,
      );
      expect(report).toContain(
        `→ <strong>${Math.round(verify!.scoreAfter)}</strong> / 100 with the plan on the page`,
      );
      // The generated image's OCR check and what the model cost.
      expect(report).toContain('<h2 id="generated">Generated image</h2>');
      expect(report).toContain(`${imageCheck!.foundWords} of ${imageCheck!.expectedWords} words found`);
      expect(imageRun!.costUsd).toBeGreaterThan(0);
      expect(report).toContain(`<td>$${imageRun!.costUsd.toFixed(4)}</td>`);
      expect(report).toContain(
        `<strong data-spend>$${(planner!.costUsd + imageRun!.costUsd).toFixed(4)}</strong>`,
      );
      // The summary first; the blueprint, the CSS patch and the timings collapsed after it.
      const at = (marker: string) => report.indexOf(marker);
      expect(at('id="top"')).toBeLessThan(at('id="findings"'));
      expect(at('id="findings"')).toBeLessThan(at('<details><summary>Blueprint'));
      expect(at('<details><summary>CSS patch')).toBeGreaterThan(-1);
      expect(at('<details><summary>Timings')).toBeGreaterThan(-1);
      // Self-contained: no URL but the critiqued page's own, which it names as text.
      expect(outsideReferences(report, result.url)).toEqual([]);
      expect(report).not.toContain(fake.origin);
    } finally {
      await fake.close();
    }
  }, 120_000);
});
