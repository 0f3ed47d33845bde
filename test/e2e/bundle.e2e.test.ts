/**
 * The production build keeps the model SDK where the key is: the side panel, the options page,
 * the offscreen document and the content script load no openai code; the worker does (which
 * shows the check can see it).
 */
import { describe, expect, it } from 'vitest';
import { entryBundle } from '@/scripts/bench/bundle';
import { EXTENSION_DIR } from '@/scripts/lib/browser';

describe('the built extension', () => {
  it('carries openai in the background worker only', () => {
    const carries = (entry: string) => entryBundle(EXTENSION_DIR, entry).openai;
    expect(carries('background.js')).toBe(true);
    for (const entry of ['sidepanel.html', 'options.html', 'offscreen.html', 'content-scripts/page.js'])
      expect(carries(entry), entry).toBe(false);
  });

  it('counts what the side panel loads, with html2canvas only on demand', () => {
    const panel = entryBundle(EXTENSION_DIR, 'sidepanel.html');
    expect(panel.files).toBeGreaterThan(1);
    expect(panel.bytes).toBeGreaterThan(100_000);
    expect(panel.lazyBytes).toBeGreaterThan(100_000);
  });
});
