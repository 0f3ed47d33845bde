/**
 * SECURITY.md names a test for each line, as `file` › describe › test. A renamed test or a
 * moved file would leave a line that no longer points at anything: each name must still be
 * found, word for word, in the file it names. A name may end in `…` (the rest left out) or
 * hold `<kind>`, `%s` or `%i` (one of a table's rows); only the words before those, and before
 * a colon, count.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = join(import.meta.dirname, '..');
const ALIASES: Record<string, string> = { 'security.e2e': 'test/e2e/security.e2e.test.ts' };

/** Each cited file with the names after it: `file` › a › b; `file` … */
function citations(markdown: string): { file: string; names: string[] }[] {
  const text = markdown.replace(/\s+/g, ' ').replace(/\\([*_])/g, '$1');
  const found: { file: string; names: string[] }[] = [];
  const cite = /`(test\/[^`]+\.tsx?|security\.e2e)`/g;
  const starts = [...text.matchAll(cite)];
  starts.forEach((match, i) => {
    const file = ALIASES[match[1]!] ?? match[1]!;
    const end = starts[i + 1]?.index ?? text.length;
    // The names run from the file to the end of its clause.
    const clause = text.slice(match.index! + match[0].length, end).split(/\.(?:\s|$)|;\s(?!›)|\*\*/)[0]!;
    const names = clause
      .split('›')
      .slice(1)
      .map((name) =>
        name
          .replace(/\([^)]*\)/g, '')
          .replace(/\s+(and|or)\s*$/, '')
          .split(/…|`|%[si]|<kind>|: /)[0]!
          .replace(/[.,;\s]+$/, '')
          .trim(),
      )
      .filter((name) => name.length > 0);
    found.push({ file, names });
  });
  return found;
}

const cited = citations(readFileSync(join(ROOT, 'SECURITY.md'), 'utf8'));

describe('SECURITY.md', () => {
  it('cites tests', () => {
    expect(cited.length).toBeGreaterThan(40);
  });

  it.each(cited.map((c) => [c.file, c.names.join(' › '), c.names] as const))(
    '%s › %s is there',
    (file, _, names) => {
      expect(existsSync(join(ROOT, file)), file).toBe(true);
      const source = readFileSync(join(ROOT, file), 'utf8').replace(/\s+/g, ' ');
      for (const name of names) expect(source.includes(name), `${file} › ${name}`).toBe(true);
    },
  );
});
