import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import config from '@/wxt.config';
import { OCR_CORE_VARIANTS } from '@/utils/core/ocr/assets';
import { LABELS_COMMAND } from '@/utils/core/constants';

type Env = Parameters<Extract<NonNullable<typeof config.manifest>, (...args: never[]) => unknown>>[0];
const env = (browser: string): Env =>
  ({ browser, manifestVersion: browser === 'firefox' ? 2 : 3, mode: 'production', command: 'build' }) as Env;

async function manifestFor(browser: string) {
  const manifest = config.manifest;
  if (typeof manifest !== 'function') throw new Error('The manifest is built per browser.');
  return manifest(env(browser));
}

async function publicAssetsFor(browser: string) {
  const files: { relativeDest: string }[] = [];
  const hooks = config.hooks as Record<string, (wxt: unknown, files: unknown[]) => void>;
  const hook = hooks['build:publicAssets']!;
  await hook({ config: { browser } }, files);
  return files.map((f) => f.relativeDest).sort();
}

describe('the manifest', () => {
  it('asks for sidePanel, activeTab, clipboardWrite, scripting, storage, tabs and offscreen, and host access to all sites', async () => {
    const chrome = await manifestFor('chrome');
    expect([...(chrome.permissions ?? [])].sort()).toEqual(
      ['activeTab', 'clipboardWrite', 'offscreen', 'scripting', 'sidePanel', 'storage', 'tabs'].sort(),
    );
    expect(chrome.host_permissions).toEqual(['<all_urls>']);
  });

  it('adds only wasm-unsafe-eval to the extension pages’ CSP, for OCR', async () => {
    const chrome = await manifestFor('chrome');
    expect(chrome.content_security_policy).toEqual({
      extension_pages: "script-src 'self' 'wasm-unsafe-eval'; object-src 'self';",
    });
  });

  it('declares Alt+Shift+L as the command that hides and shows the labels, in Chrome and Firefox', async () => {
    for (const browser of ['chrome', 'firefox']) {
      const { commands } = await manifestFor(browser);
      expect(Object.keys(commands ?? {})).toEqual([LABELS_COMMAND]);
      expect(commands?.[LABELS_COMMAND]?.suggested_key).toEqual({ default: 'Alt+Shift+L' });
      expect(commands?.[LABELS_COMMAND]?.description).toMatch(/labels/);
    }
  });

  it('Firefox: no sidePanel, no offscreen, and no OCR files', async () => {
    const firefox = await manifestFor('firefox');
    expect(firefox.permissions).not.toContain('offscreen');
    expect(firefox.permissions).not.toContain('sidePanel');
    expect(firefox.content_security_policy).toBeUndefined();
    expect(await publicAssetsFor('firefox')).toEqual([]);
  });
});

describe('the bundled OCR files', () => {
  it('are the worker, the three LSTM core builds and the English model, and none of the legacy builds', async () => {
    expect(await publicAssetsFor('chrome')).toEqual(
      [
        'tesseract/worker.min.js',
        'tesseract/core/tesseract-core-lstm.wasm.js',
        'tesseract/core/tesseract-core-simd-lstm.wasm.js',
        'tesseract/core/tesseract-core-relaxedsimd-lstm.wasm.js',
        'tesseract/lang/eng.traineddata.gz',
      ].sort(),
    );
    expect(OCR_CORE_VARIANTS.every((v) => v.endsWith('-lstm'))).toBe(true);
  });

  it('are copied at build time, not kept in the repository', () => {
    const root = join(import.meta.dirname, '..');
    const kept = (dir: string): string[] =>
      existsSync(dir)
        ? readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
            e.isDirectory() ? kept(join(dir, e.name)) : [join(dir, e.name)],
          )
        : [];
    expect(kept(join(root, 'public')).filter((f) => /tesseract|\.wasm|traineddata/.test(f))).toEqual([]);
  });
});
