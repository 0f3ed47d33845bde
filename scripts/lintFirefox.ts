/**
 * `npm run lint:firefox`: `web-ext lint` on the Firefox build (`npm run build:firefox` first).
 * Exits 1 on any error or any warning not known (scripts/lib/firefoxLint.ts says which and why).
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { judgeLint, LintReport } from '@/scripts/lib/firefoxLint';

const ROOT = resolve(import.meta.dirname, '..');
const BUILD = join(ROOT, '.output/firefox-mv2');
if (!existsSync(join(BUILD, 'manifest.json'))) {
  console.error(`No Firefox build at ${BUILD}; run \`npm run build:firefox\` first.`);
  process.exit(1);
}

// web-ext's own entry, run by this Node: it exits 1 when there are errors, with the report on stdout.
const webExt = join(ROOT, 'node_modules/web-ext/bin/web-ext.js');
const run = spawnSync(
  process.execPath,
  [webExt, 'lint', '--source-dir', BUILD, '--output', 'json', '--no-input', '--no-config-discovery'],
  { cwd: ROOT, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 },
);
let report: LintReport;
try {
  report = LintReport.parse(JSON.parse(run.stdout));
} catch (error) {
  console.error('web-ext lint gave no report:', (error as Error).message, run.stderr);
  process.exit(1);
}

const lines = new Map<string, string[]>();
const verdict = judgeLint(report, (file, line) => {
  const path = join(BUILD, file);
  if (!existsSync(path)) return null;
  if (!lines.has(file)) lines.set(file, readFileSync(path, 'utf8').split('\n'));
  return lines.get(file)?.[line - 1] ?? null;
});

const { errors, warnings, notices } = report.summary;
console.log(`web-ext lint on ${BUILD}: ${errors} errors, ${warnings} warnings, ${notices} notices.`);
for (const { warning, why } of verdict.known)
  console.log(`  known: ${warning.code} in ${warning.file}: ${why}`);
for (const notice of report.notices)
  console.log(`  notice: ${notice.code} in ${notice.file ?? 'manifest'}: ${notice.message}`);
for (const problem of verdict.problems) console.error(`  ${problem}`);
process.exit(verdict.ok ? 0 : 1);
