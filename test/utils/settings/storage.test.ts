import { describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { DEFAULT_SETTINGS } from '@/utils/schemas';
import { coerceSettings, loadSettings, maskKey, saveSettings } from '@/utils/settings/storage';

describe('settings storage', () => {
  it('starts from the defaults: no key, offline engine', async () => {
    expect(await loadSettings()).toEqual(DEFAULT_SETTINGS);
  });

  it('saves valid settings under local:settings and reads them back trimmed', async () => {
    const result = await saveSettings({
      ...DEFAULT_SETTINGS,
      apiKey: '  sk-test-1234567890  ',
      imageGeneration: true,
    });
    expect(result.ok).toBe(true);
    const stored = await fakeBrowser.storage.local.get('settings');
    expect(stored.settings).toMatchObject({ apiKey: 'sk-test-1234567890', imageGeneration: true });
    expect(await loadSettings()).toMatchObject({ apiKey: 'sk-test-1234567890', imageGeneration: true });
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

  it('masks keys so they can be recognised but not used', () => {
    expect(maskKey('')).toBe('');
    expect(maskKey('short')).toBe('•••••');
    expect(maskKey('sk-proj-abcdefghijklmnop1234')).toBe('sk-…1234');
  });
});
