// @vitest-environment happy-dom
import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { DEFAULT_SETTINGS, Settings } from '@/utils/core/schemas/settings';
import { syntaxSlip } from '@/utils/core/privateSelector';
import { coerceSettings, loadSettings } from '@/utils/extension/settings/storage';
import { saveSettings } from '@/utils/background/settings/save';

const refusal = (selectors: string[]) => {
  const parsed = Settings.safeParse({ ...DEFAULT_SETTINGS, privateSelectors: selectors });
  return parsed.success ? null : parsed.error.issues.map((issue) => issue.message);
};

describe('private selectors in the Settings schema (with a DOM)', () => {
  it('accepts selectors the browser can match', () => {
    const valid = [
      '.notes',
      '#card-number',
      'input[type="password"]',
      '[data-x="a]b"]',
      'main > .account, aside ~ p',
      'li:nth-child(2n+1)',
    ];
    expect(refusal(valid)).toBeNull();
  });

  it('refuses `div[` with a sentence naming the selector and why', () => {
    expect(refusal(['.notes', 'div['])).toEqual([
      'Private selector `div[` is not a valid CSS selector: its `[` is never closed.',
    ]);
  });

  it.each([
    ['[[broken', 'its `[` is never closed.'],
    [':is(.a', 'its `(` is never closed.'],
    ['div)', 'its `)` closes nothing.'],
    ['[title="x]', 'a quoted string is never closed.'],
    ['main >', 'it ends with `>` and nothing after it.'],
    ['.a,', 'it ends with `,` and nothing after it.'],
    ['a..b', 'the browser’s selector parser rejects it.'],
  ])('refuses %s: %s', (selector, reason) => {
    expect(refusal([selector])).toEqual([
      `Private selector \`${selector}\` is not a valid CSS selector: ${reason}`,
    ]);
  });

  it('does not save an invalid selector, and says why', async () => {
    const result = await saveSettings({ ...DEFAULT_SETTINGS, privateSelectors: ['.notes', 'div['] });
    expect(result).toEqual({
      ok: false,
      errors: {
        privateSelectors: 'Private selector `div[` is not a valid CSS selector: its `[` is never closed.',
      },
    });
    expect(await fakeBrowser.storage.local.get('settings')).toEqual({});
  });

  it('loads stored settings with an invalid selector without dropping it or falling back to defaults', async () => {
    const stored = { ...DEFAULT_SETTINGS, apiKey: 'sk-keep-this-one', privateSelectors: ['.notes', 'div['] };
    await fakeBrowser.storage.local.set({ settings: stored });
    const loaded = await loadSettings();
    expect(loaded).toEqual(stored);
    // The schema still names it, so the options page shows the reason as soon as it opens.
    expect(refusal(loaded.privateSelectors)).toEqual([
      'Private selector `div[` is not a valid CSS selector: its `[` is never closed.',
    ]);
  });

  it('keeps stored selectors even when other fields are damaged too', () => {
    expect(coerceSettings({ capPerDayUsd: -1, privateSelectors: [' div[ ', '.notes'] })).toEqual({
      ...DEFAULT_SETTINGS,
      privateSelectors: ['div[', '.notes'],
    });
    expect(coerceSettings({ privateSelectors: 'div[' })).toEqual({
      ...DEFAULT_SETTINGS,
      privateSelectors: ['div['],
    });
  });

  it('session settings with an invalid selector are kept, not swapped for the saved ones', async () => {
    await fakeBrowser.storage.local.set({ settings: DEFAULT_SETTINGS });
    await fakeBrowser.storage.session.set({ settings: { ...DEFAULT_SETTINGS, privateSelectors: ['div['] } });
    expect((await loadSettings()).privateSelectors).toEqual(['div[']);
  });
});

describe('syntaxSlip', () => {
  it('ignores brackets inside strings and after escapes', () => {
    expect(syntaxSlip('[data-x="(["]')).toBeNull();
    expect(syntaxSlip('a\\(b')).toBeNull();
    expect(syntaxSlip('a > b')).toBeNull();
  });
});
