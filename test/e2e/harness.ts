import { afterAll, beforeAll } from 'vitest';
import type { Page } from 'playwright-core';
import type { CaptureMode } from '@/utils/core/schemas/capture';
import { launch, serve, type Harness, type LaunchOptions } from '@/scripts/lib/browser';

// The end-to-end tests use the same browser driver as the CLI and the benchmarks.
export * from '@/scripts/lib/browser';

/** One Chromium with the extension, and a 127.0.0.1 server for `mounts`, for a test file. */
export function withExtension(mounts: Record<string, string>, options?: LaunchOptions) {
  const env = {} as { harness: Harness; server: Awaited<ReturnType<typeof serve>> };
  beforeAll(async () => {
    env.server = await serve(mounts);
    env.harness = await launch(options);
  });
  afterAll(async () => {
    await env.harness?.close();
    await env.server?.close();
  });
  return env;
}

/**
 * Clicks **Critique this page** and returns the id of the job the click started. The panel may
 * first show the page's last critique, so the id comes from the history store: the newest
 * critique created after the click (the runner saves a job `queued` before it answers).
 */
export async function startCritique(panel: Page, mode?: CaptureMode): Promise<string> {
  if (mode) await panel.getByLabel('Capture mode').selectOption(mode);
  const since = await panel.evaluate(() => Date.now());
  await panel.getByRole('button', { name: 'Critique this page' }).click();
  // Polled from here, not with waitForFunction: a falsy answer must never end the wait.
  const deadline = Date.now() + 20_000;
  for (;;) {
    const id = await panel.evaluate(
      (after) =>
        new Promise<string | null>((resolve) => {
          const open = indexedDB.open('restage');
          open.onerror = () => resolve(null);
          open.onsuccess = () => {
            const db = open.result;
            if (!db.objectStoreNames.contains('critiques')) return (db.close(), resolve(null));
            const rows = db
              .transaction('critiques')
              .objectStore('critiques')
              .index('createdAt')
              .getAll(IDBKeyRange.lowerBound(after));
            rows.onsuccess = () => {
              db.close();
              const made = (rows.result as { id: string; kind: string }[]).filter(
                (r) => r.kind === 'critique',
              );
              resolve(made.at(-1)?.id ?? null);
            };
            rows.onerror = () => (db.close(), resolve(null));
          };
        }),
      since,
    );
    if (typeof id === 'string' && id !== '') return id;
    if (Date.now() > deadline) {
      // Say what the panel shows instead (a refusal, an error), so a failure explains itself.
      const notices = await panel.getByTestId('job-notice').allTextContents();
      const state = await panel.evaluate(
        () => document.querySelector('[data-job-state]')?.getAttribute('data-job-state') ?? null,
      );
      throw new Error(
        `No critique was started by the click (panel state: ${state}; notices: ${JSON.stringify(notices)}).`,
      );
    }
    await panel.waitForTimeout(100);
  }
}

/** Waits until the panel shows job `id` in one of the `states`. */
export async function jobEnded(
  panel: Page,
  id: string,
  states: string[] = ['done', 'failed', 'cancelled'],
  timeout = 45_000,
): Promise<void> {
  await panel
    .locator(states.map((s) => `[data-job-id="${id}"][data-job-state=${s}]`).join(', '))
    .waitFor({ timeout });
}

/** Starts a critique in the panel and waits for that job to end. */
export async function critiqueInPanel(panel: Page, mode?: CaptureMode, states?: string[]): Promise<string> {
  const id = await startCritique(panel, mode);
  await jobEnded(panel, id, states);
  return id;
}
