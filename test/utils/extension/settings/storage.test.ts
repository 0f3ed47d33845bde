import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { DEFAULT_SETTINGS } from '@/utils/core/schemas/settings';
import { openKeyStore, readKey } from '@/utils/extension/settings/keyStore';
import { moveKeyOut, saveSettings, writeKey } from '@/utils/background/settings/save';
import { coerceSettings, loadSettings, maskKey } from '@/utils/extension/settings/storage';

// The key store is IndexedDB, which the fake browser's reset does not touch.
beforeEach(() => writeKey(''));
afterEach(() => {
  vi.restoreAllMocks();
});

const storedSettings = async () => (await fakeBrowser.storage.local.get('settings')).settings as object;

describe('settings storage', () => {
  it('starts from the defaults: no key, offline engine', async () => {
    expect(await loadSettings()).toEqual(DEFAULT_SETTINGS);
  });

  it('saves the key in the key store, the rest under local:settings, and reads them back joined and trimmed', async () => {
    const result = await saveSettings({
      ...DEFAULT_SETTINGS,
      apiKey: '  sk-test-1234567890  ',
      imageGeneration: true,
    });
    expect(result.ok).toBe(true);
    const stored = await storedSettings();
    expect(stored).toMatchObject({ imageGeneration: true });
    expect(stored).not.toHaveProperty('apiKey');
    expect(await readKey()).toBe('sk-test-1234567890');
    expect(await loadSettings()).toMatchObject({ apiKey: 'sk-test-1234567890', imageGeneration: true });
  });

  it('keeps the key in a database of its own, apart from history', async () => {
    await saveSettings({ ...DEFAULT_SETTINGS, apiKey: 'sk-own-database-0001' });
    const db = openKeyStore();
    await db.open();
    expect(db.name).toBe('restage-keys');
    expect(await db.table('keys').toArray()).toEqual([{ name: 'apiKey', value: 'sk-own-database-0001' }]);
    db.close();
  });

  it('deletes the saved key when settings are saved without one', async () => {
    await saveSettings({ ...DEFAULT_SETTINGS, apiKey: 'sk-to-be-removed-01' });
    await saveSettings({ ...DEFAULT_SETTINGS, apiKey: '' });
    expect(await openKeyStore().table('keys').count()).toBe(0);
    expect((await loadSettings()).apiKey).toBe('');
  });

  it('uses no key while no settings are saved, even one left in the key store', async () => {
    await saveSettings({ ...DEFAULT_SETTINGS, apiKey: 'sk-left-behind-0001' });
    await fakeBrowser.storage.local.remove('settings');
    expect(await loadSettings()).toEqual(DEFAULT_SETTINGS);
  });

  it('never uses sync storage, so the key stays on this device', async () => {
    await saveSettings({ ...DEFAULT_SETTINGS, apiKey: 'sk-local-only-key' });
    expect(await fakeBrowser.storage.sync.get(null)).toEqual({});
  });

  it('rejects invalid settings field by field and writes nothing', async () => {
    const result = await saveSettings({
      ...DEFAULT_SETTINGS,
      baseUrl: 'ftp://example.com',
      plannerModel: '  ',
    });
    expect(result).toEqual({
      ok: false,
      errors: { baseUrl: 'Base URL must be an http(s) URL', plannerModel: 'Planner model is required' },
    });
    expect(await fakeBrowser.storage.local.get('settings')).toEqual({});
  });

  it('keeps the valid fields of a damaged stored value and defaults the rest', () => {
    const damaged = { apiKey: 'sk-keep-this-one', baseUrl: 42, imageGeneration: 'yes' };
    expect(coerceSettings(damaged)).toEqual({ ...DEFAULT_SETTINGS, apiKey: 'sk-keep-this-one' });
    expect(coerceSettings('not an object')).toEqual(DEFAULT_SETTINGS);
  });

  it('upgrades settings saved before providers existed, keeping what the user chose', () => {
    const v1 = {
      apiKey: 'sk-old-key-0000',
      baseUrl: 'http://127.0.0.1:11434/v1',
      plannerModel: 'gpt-4.1',
      imageModel: 'gpt-image-1',
      imageGeneration: true,
      privateSelectors: ['.notes'],
    };
    expect(coerceSettings(v1)).toEqual({ ...DEFAULT_SETTINGS, ...v1 });
    expect(coerceSettings({ ...v1, provider: 'bedrock', capPerDayUsd: -3 })).toEqual({
      ...DEFAULT_SETTINGS,
      ...v1,
    });
  });

  it('without a DOM (the service worker), keeps a stored selector as it is for the page to refuse', async () => {
    // Node has no document: the selector cannot be checked here, and must not be dropped.
    expect(typeof document).toBe('undefined');
    const stored = { ...DEFAULT_SETTINGS, privateSelectors: ['div[', '.notes'] };
    await fakeBrowser.storage.local.set({ settings: stored });
    expect(await loadSettings()).toEqual(stored);
  });

  it('closes local storage to content scripts before writing to it', async () => {
    const order: string[] = [];
    vi.spyOn(fakeBrowser.storage.local, 'setAccessLevel').mockImplementation(async (options) => {
      order.push(`access ${options.accessLevel}`);
    });
    const set = fakeBrowser.storage.local.set.bind(fakeBrowser.storage.local);
    vi.spyOn(fakeBrowser.storage.local, 'set').mockImplementation(async (items) => {
      order.push(`set ${Object.keys(items).join()}`);
      return set(items);
    });
    await saveSettings(DEFAULT_SETTINGS);
    expect(order).toEqual(['access TRUSTED_CONTEXTS', 'set settings']);
  });

  it('saves where local storage cannot be closed to content scripts (Firefox)', async () => {
    vi.spyOn(fakeBrowser.storage.local, 'setAccessLevel').mockRejectedValue(
      new Error('storage.local.setAccessLevel is not supported'),
    );
    await expect(saveSettings({ ...DEFAULT_SETTINGS, apiKey: 'sk-firefox-0000001' })).resolves.toMatchObject({
      ok: true,
    });
    expect(await readKey()).toBe('sk-firefox-0000001');
  });

  it('masks keys so they can be recognised but not used', () => {
    expect(maskKey('')).toBe('');
    expect(maskKey('short')).toBe('•••••');
    expect(maskKey('sk-proj-abcdefghijklmnop1234')).toBe('sk-…1234');
  });
});

describe('a key saved by an earlier version, in local:settings', () => {
  const earlier = { ...DEFAULT_SETTINGS, baseUrl: 'http://127.0.0.1:8080/v1', apiKey: 'sk-earlier-0000042' };

  it('is moved to the key store and local:settings is rewritten without it', async () => {
    await fakeBrowser.storage.local.set({ settings: earlier });
    await moveKeyOut();
    const { apiKey, ...rest } = earlier;
    expect(await storedSettings()).toEqual(rest);
    expect(await readKey()).toBe(apiKey);
    expect(await loadSettings()).toEqual(earlier);
  });

  it('is used by a load before the worker moves it, and a load writes nothing', async () => {
    await fakeBrowser.storage.local.set({ settings: earlier });
    expect(await loadSettings()).toEqual(earlier);
    expect(await storedSettings()).toEqual(earlier);
    expect(await readKey()).toBe('');
    await moveKeyOut();
    expect(await storedSettings()).not.toHaveProperty('apiKey');
    expect(await readKey()).toBe(earlier.apiKey);
  });

  it('never replaces a key already in the key store, and is removed all the same', async () => {
    await saveSettings({ ...DEFAULT_SETTINGS, apiKey: 'sk-saved-in-settings-01' });
    await fakeBrowser.storage.local.set({ settings: earlier });
    expect((await loadSettings()).apiKey).toBe('sk-saved-in-settings-01');
    await moveKeyOut();
    expect((await loadSettings()).apiKey).toBe('sk-saved-in-settings-01');
    expect(await storedSettings()).not.toHaveProperty('apiKey');
  });

  it('an empty or malformed one is dropped without touching the key store', async () => {
    await saveSettings({ ...DEFAULT_SETTINGS, apiKey: 'sk-saved-in-settings-02' });
    for (const apiKey of ['', 42, 'x'.repeat(401)]) {
      await fakeBrowser.storage.local.set({ settings: { ...earlier, apiKey } });
      await moveKeyOut();
      expect(await storedSettings()).not.toHaveProperty('apiKey');
      expect(await readKey()).toBe('sk-saved-in-settings-02');
    }
  });

  it('nothing saved: nothing to move', async () => {
    expect(await moveKeyOut()).toBeNull();
    expect(await fakeBrowser.storage.local.get(null)).toEqual({});
  });
});
