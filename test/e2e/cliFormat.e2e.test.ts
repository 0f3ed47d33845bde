/**
 * The critique CLI's `--format md|issue` writes the panel's export texts as files, built by the
 * same builders from the `critique.json` it writes, and never the key of the model it used.
 */
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readCritiqueJson } from '@/utils/core/history/migrate';
import { critiqueMarkdown, issueText } from '@/utils/core/report/exportText';
import { startFakeOpenAI } from '@/test/fake-openai/server';
import { DEMO_DIR, ROOT } from '@/test/e2e/harness';

const version = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')).version as string;
const undated = (text: string) => text.replace(/\d{4}-\d{2}-\d{2}/g, 'DAY');

function critique(args: string[], env: NodeJS.ProcessEnv = {}) {
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

describe('critique CLI --format', () => {
  it('writes critique.md and issue.md with the export builders, with the check, and no key', async () => {
    const fake = await startFakeOpenAI();
    const key = 'sk-cli-format-canary-3131';
    try {
      const out = mkdtempSync(join(tmpdir(), 'restage-cli-format-'));
      const run = await critique(
        [`${DEMO_DIR}/demo.html`, '--out', out, '--preview', '--format', 'md,issue', '--format', 'md'],
        { OPENAI_API_KEY: key, OPENAI_BASE_URL: fake.baseUrl },
      );
      expect(run.code, run.stderr).toBe(0);
      expect(run.stdout).toMatch(/wrote .*report\.html, critique\.md, issue\.md to /);
      const written = readCritiqueJson(JSON.parse(readFileSync(join(out, 'critique.json'), 'utf8')));
      expect(written.verify).not.toBeNull();
      const input = { critique: written, version, createdAt: Date.now(), annotatedFile: 'annotated.png' };
      const md = readFileSync(join(out, 'critique.md'), 'utf8');
      const issue = readFileSync(join(out, 'issue.md'), 'utf8');
      expect(undated(md)).toBe(undated(critiqueMarkdown(input)));
      expect(undated(issue)).toBe(undated(issueText(input).text));
      expect(md).toContain('](annotated.png)');
      expect(issue).toMatch(/- After: \d+\/100/);
      expect(issue).toContain(`Generated with Restage ${version}`);
      for (const file of readdirSync(out))
        expect(readFileSync(join(out, file)).includes(key), file).toBe(false);
    } finally {
      await fake.close();
    }
  }, 240_000);

  it('refuses an unknown format with exit 2 and one sentence', () => {
    const run = spawnSync('npx', ['tsx', 'scripts/critique.ts', '--format', 'pdf'], {
      cwd: ROOT,
      encoding: 'utf8',
    });
    expect(run.status).toBe(2);
    expect(run.stderr).toContain('--format takes md or issue (or both, md,issue), not "pdf".');
  });
});
