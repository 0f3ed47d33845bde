import { afterAll, beforeAll } from 'vitest';
import { launch, serve, type Harness } from '../../scripts/lib/browser';

// The end-to-end tests use the same browser driver as the CLI and the benchmarks.
export * from '../../scripts/lib/browser';

/** One Chromium with the extension, and a 127.0.0.1 server for `mounts`, for a test file. */
export function withExtension(mounts: Record<string, string>) {
  const env = {} as { harness: Harness; server: Awaited<ReturnType<typeof serve>> };
  beforeAll(async () => {
    env.server = await serve(mounts);
    env.harness = await launch();
  });
  afterAll(async () => {
    await env.harness?.close();
    await env.server?.close();
  });
  return env;
}
