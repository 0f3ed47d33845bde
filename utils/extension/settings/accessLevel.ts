/**
 * Closes `storage.local` to content scripts, where the browser can: Chromium lets an extension
 * restrict it to its own pages and worker; Firefox has no `setAccessLevel` on `local` (ESR 153,
 * test/e2e/firefox.e2e.test.ts), so there the call is skipped and the API key's own store
 * (keyStore.ts) is what keeps it private.
 * The rest of the settings (private selectors, base URL), the locks and the spend ledger are
 * in `local`, so this runs before settings are written and before a content script is injected.
 */
import { browser } from 'wxt/browser';

/** Resolves once `local` is restricted, or at once where it cannot be; never rejects. */
export async function restrictLocalStorage(): Promise<void> {
  const local = browser.storage.local as Partial<typeof browser.storage.local>;
  if (typeof local.setAccessLevel !== 'function') return;
  try {
    await local.setAccessLevel({ accessLevel: 'TRUSTED_CONTEXTS' });
  } catch {
    // The method exists but refuses this area: the key's own store still holds.
  }
}
