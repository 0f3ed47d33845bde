/**
 * The import boundaries (eslint.config.js) refuse what they should and allow what they should:
 * each fixture under test/lint/ is linted with the project's own config, as CI lints the code.
 * `npm run lint` leaves these fixtures out; this test is where they are expected to fail.
 */
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

const eslint = new ESLint({ ignore: false });

async function importErrors(file: string): Promise<string[]> {
  const [result] = await eslint.lintFiles([file]);
  return result!.messages
    .filter((m) => m.ruleId === '@typescript-eslint/no-restricted-imports')
    .map((m) => m.message);
}

// The first lint loads the parser and the plugins: seconds on a busy machine.
describe('import boundaries', { timeout: 60_000 }, () => {
  it('refuse the model code and openai in the panel', async () => {
    const errors = await importErrors('test/lint/panel/importsModel.ts');
    expect(errors).toEqual([
      expect.stringMatching(/^'openai' import is restricted.*panel code may not load this package/),
      expect.stringMatching(/panel code may not import background code/),
    ]);
  });

  it('refuse IndexedDB writes outside the background', async () => {
    const errors = await importErrors('test/lint/panel/writesHistory.ts');
    expect(errors).toEqual([
      expect.stringMatching(/'dexie'.*panel code may not load this package/),
      expect.stringMatching(
        /'history' import from '@\/utils\/extension\/history\/db' is restricted.*Only the background writes IndexedDB/,
      ),
    ]);
  });

  it('refuse history and jobs in the content script', async () => {
    const errors = await importErrors('test/lint/page/importsHistory.ts');
    expect(errors).toEqual([
      expect.stringMatching(/page code may not import extension code/),
      expect.stringMatching(/page code may not import background code/),
    ]);
  });

  it('refuse any context and any extension API in core, and relative imports anywhere', async () => {
    const errors = await importErrors('test/lint/core/importsPage.ts');
    expect(errors).toEqual([
      expect.stringMatching(/'wxt\/browser'.*core code may not load this package/),
      expect.stringMatching(/core code may not import page code/),
      expect.stringMatching(/Import with @\//),
    ]);
  });

  it('allow the background its own code, core, messaging and extension reads', async () => {
    expect(await importErrors('test/lint/background/allowed.ts')).toEqual([]);
  });
});
