import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { judgeLint, type LintMessage, type LintReport } from '@/scripts/lib/firefoxLint';

const report = (errors: LintMessage[], warnings: LintMessage[]): LintReport => ({
  summary: { errors: errors.length, warnings: warnings.length, notices: 0 },
  errors,
  warnings,
  notices: [],
});

// Bundled lines as they appear in the Firefox build (minified), one per file.
const BUNDLE: Record<string, string> = {
  'background.js':
    'var x=1;var Oe=fe(()=>{if(bt.jitless)return!1;try{return Function(``),!0}catch{return!1}});',
  'chunks/messaging-B.js': 'case`dangerouslySetInnerHTML`:if(r!=null){o?.__html!==n&&(e.innerHTML=n)}',
  'chunks/html2canvas-C.js':
    'var n=e.createRange();t.innerHTML=typeof``.repeat==`function`?`&#128104;`.repeat(10):``;',
  'chunks/other-D.js': 'el.innerHTML=pageText;',
};
const read = (file: string) => BUNDLE[file] ?? null;
const at = (code: string, file: string, needle: string): LintMessage => ({
  code,
  message: code,
  file,
  line: 1,
  column: BUNDLE[file]!.indexOf(needle),
});

describe('judging web-ext lint on the Firefox build', () => {
  it('passes the known warnings, each with its reason', () => {
    const verdict = judgeLint(
      report(
        [],
        [
          at('DANGEROUS_EVAL', 'background.js', 'Function('),
          at('UNSAFE_VAR_ASSIGNMENT', 'chunks/messaging-B.js', 'e.innerHTML'),
          at('UNSAFE_VAR_ASSIGNMENT', 'chunks/html2canvas-C.js', 't.innerHTML'),
        ],
      ),
      read,
    );
    expect(verdict).toMatchObject({ ok: true, problems: [] });
    expect(verdict.known.map((k) => k.why)).toEqual([
      expect.stringMatching(/^zod 4/),
      expect.stringMatching(/^React DOM/),
      expect.stringMatching(/^html2canvas/),
    ]);
  });

  it('fails on any error', () => {
    const verdict = judgeLint(
      report([{ code: 'MANIFEST_FIELD_INVALID', message: 'bad field', file: 'manifest.json' }], []),
      read,
    );
    expect(verdict.ok).toBe(false);
    expect(verdict.problems).toEqual(['error MANIFEST_FIELD_INVALID at manifest.json: bad field']);
  });

  it('fails on a known code at an unknown place, or a manifest warning', () => {
    const verdict = judgeLint(
      report(
        [],
        [
          at('UNSAFE_VAR_ASSIGNMENT', 'chunks/other-D.js', 'el.innerHTML'),
          { code: 'MISSING_ADDON_ID', message: 'The add-on ID is missing', file: 'manifest.json' },
        ],
      ),
      read,
    );
    expect(verdict.ok).toBe(false);
    expect(verdict.problems).toEqual([
      'warning UNSAFE_VAR_ASSIGNMENT at chunks/other-D.js:1:0: UNSAFE_VAR_ASSIGNMENT',
      'warning MISSING_ADDON_ID at manifest.json: The add-on ID is missing',
    ]);
  });

  it("holds to its reason for React's warning: Restage's own code never sets innerHTML", () => {
    const root = join(import.meta.dirname, '../..');
    const sources = (dir: string): string[] =>
      readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
        e.isDirectory() ? sources(join(dir, e.name)) : /\.tsx?$/.test(e.name) ? [join(dir, e.name)] : [],
      );
    const setting = ['entrypoints', 'components', 'utils']
      .flatMap((dir) => sources(join(root, dir)))
      .filter((file) => /dangerouslySetInnerHTML|\.(inner|outer)HTML\s*=/.test(readFileSync(file, 'utf8')));
    expect(setting).toEqual([]);
  });
});
