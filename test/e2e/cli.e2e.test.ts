import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { Critique } from '@/utils/schemas';
import { CORPUS, ROOT } from './harness';

function critique(args: string[], env: NodeJS.ProcessEnv = {}) {
  const run = spawnSync('npx', ['tsx', 'scripts/critique.ts', ...args], {
    cwd: ROOT,
    encoding: 'utf8',
    env: { ...process.env, ...env },
    timeout: 120_000,
  });
  return { code: run.status, stdout: run.stdout, stderr: run.stderr.replace(/npm warn.*\n/g, '').trim() };
}

const PNG = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

describe('critique CLI', () => {
  it('critiques a corpus file offline and writes every artifact', () => {
    const out = mkdtempSync(join(tmpdir(), 'restage-cli-'));
    const run = critique([`${CORPUS}/pages/17636.html`, '--out', out, '--request', 'make the CTA clearer']);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/score \d+\/100/);
    expect(run.stdout).toMatch(/browser start [\d.]+ s · critique [\d.]+ s/);

    const result = Critique.parse(JSON.parse(readFileSync(join(out, 'critique.json'), 'utf8')));
    expect(result.engine).toBe('offline');
    expect(result.regions.length).toBeGreaterThan(10);
    expect(result.findings.every((f) => f.basis === 'measured')).toBe(true);
    expect(result.contentCheck).toMatchObject({ missing: [], duplicated: [], invented: [] });
    expect(result.contentCheck.kept).toBe(result.contentCheck.regions);
    expect(result.score.value).toBeGreaterThanOrEqual(0);
    expect(result.timings.totalMs).toBeGreaterThan(0);
    expect(result.notes.join(' ')).toContain('make the CTA clearer');

    for (const png of ['annotated.png', 'mockup.png'])
      expect(readFileSync(join(out, png)).subarray(0, 8)).toEqual(PNG);
    const mockup = readFileSync(join(out, 'mockup.html'), 'utf8');
    const ids = result.blueprint.sections.flatMap((s) => s.regionIds);
    for (const id of ids) expect(mockup.match(new RegExp(`data-region="${id}"`, 'g'))).toHaveLength(1);
    const report = readFileSync(join(out, 'report.html'), 'utf8');
    expect(report).toContain(String(Math.round(result.score.value)));
    expect(report).toContain('data:image/png;base64,');
  });

  it.each([
    ['a missing file', ['/nonexistent/page.html'], /^No such file: \/nonexistent\/page\.html\.$/],
    ['an unreachable URL', ['http://127.0.0.1:1/'], /^Could not reach http:\/\/127\.0\.0\.1:1\//],
    ['a restricted page', ['chrome://settings/'], /browser page/],
    ['a bad width', [`${CORPUS}/pages/6.html`, '--width', 'wide'], /--width and --height/],
  ])('exits 2 with one plain sentence for %s', (_, args, message) => {
    const run = critique(args);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(message);
    expect(run.stderr.split('\n')).toHaveLength(1);
  });

  it('exits 3 when Chromium is missing', () => {
    const run = critique([`${CORPUS}/pages/6.html`], { CHROME_PATH: '/nonexistent/chromium' });
    expect(run.code).toBe(3);
    expect(run.stderr).toBe('CHROME_PATH is set to /nonexistent/chromium, which does not exist.');
  });
});
