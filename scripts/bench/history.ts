/**
 * History write and read for 100 critiques, in the extension's own IndexedDB: Restage's store
 * module is bundled with esbuild and run in an extension page (same origin as the panel and
 * the worker). A write is one critique record plus its screenshot and mockup Blobs; a read is
 * the record plus the screenshot.
 */
import { build } from 'esbuild';
import { emptyRecord } from '@/utils/core/jobs/record';
import { CRITIQUE_STAGE_NAMES } from '@/utils/core/jobs/record';
import { syntheticRegions } from '@/test/fixtures/regions';
import type { Harness } from '@/scripts/lib/browser';
import { median } from '@/scripts/lib/stats';

export async function historyBench(harness: Harness) {
  const bundle = await build({
    entryPoints: [new URL('./historyEntry.ts', import.meta.url).pathname],
    bundle: true,
    format: 'iife',
    write: false,
    platform: 'browser',
  });
  const template = emptyRecord(
    'template',
    { tabId: 1, url: 'https://example.test/', title: 'Example', mode: 'viewport', request: null, kind: 'critique' as const, against: null, preview: false },
    CRITIQUE_STAGE_NAMES,
    Date.now(),
  );
  template.job.state = 'done';
  template.draft.regions = syntheticRegions(150);
  const page = await harness.context.newPage();
  await page.goto(`chrome-extension://${harness.extensionId}/options.html`);
  await page.evaluate(bundle.outputFiles[0]!.text);
  const result = await page.evaluate(
    async ({ template, count }) => {
      type Store = {
        saveRecord(r: unknown): Promise<unknown>;
        saveArtifact(id: string, kind: string, blob: Blob): Promise<string>;
        getRecord(id: string): Promise<unknown>;
        readArtifact(id: string): Promise<Blob | null>;
        listHistory(): Promise<unknown[]>;
      };
      const store = (globalThis as unknown as { restageHistory: Store }).restageHistory;
      // Incompressible bytes, the size of a typical 1280×800 PNG screenshot.
      const png = new Uint8Array(180_000);
      for (let i = 0; i < png.length; i += 65_536) crypto.getRandomValues(png.subarray(i, i + 65_536));
      const mockup = 'x'.repeat(20_000);
      const writes: number[] = [];
      const reads: number[] = [];
      for (let i = 0; i < count; i++) {
        const id = `bench-${i}`;
        const t = performance.now();
        await store.saveRecord({ ...template, id, createdAt: template.createdAt + i });
        await store.saveArtifact(id, 'shot', new Blob([png], { type: 'image/png' }));
        await store.saveArtifact(id, 'mockup', new Blob([mockup], { type: 'text/html' }));
        writes.push(performance.now() - t);
      }
      for (let i = 0; i < count; i++) {
        const t = performance.now();
        await store.getRecord(`bench-${i}`);
        await (await store.readArtifact(`bench-${i}:shot`))!.arrayBuffer();
        reads.push(performance.now() - t);
      }
      const t = performance.now();
      const listed = (await store.listHistory()).length;
      return { writes, reads, listMs: performance.now() - t, listed };
    },
    { template, count: 100 },
  );
  await page.close();
  return {
    writeMs: median(result.writes),
    readMs: median(result.reads),
    listMs: result.listMs,
    listed: result.listed,
    bytes: JSON.stringify(template).length,
    raw: result,
  };
}
