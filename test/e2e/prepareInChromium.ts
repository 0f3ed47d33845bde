/**
 * Runs the planner's screenshot preparation (utils/background/model/screenshot.ts, transpiled as it is)
 * in a module worker of a Chromium page: no DOM, OffscreenCanvas, as in the MV3 service
 * worker. For end-to-end tests that need the real resize.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import ts from 'typescript';
import type { PreparedImage } from '@/utils/background/model/screenshot';
import { ROOT } from '@/test/e2e/harness';

const transpile = (file: string) =>
  ts.transpileModule(readFileSync(join(ROOT, file), 'utf8'), {
    compilerOptions: { module: ts.ModuleKind.ESNext, target: ts.ScriptTarget.ES2022 },
  }).outputText;

/** `page` must be on an http(s) origin, so the worker may load blob: modules. */
export async function prepareInChromium(
  page: Page,
  image: { dataUrl: string; width: number; height: number },
): Promise<PreparedImage & { context: string }> {
  const budget = transpile('utils/background/model/imageBudget.ts');
  const dataUrl = transpile('utils/core/dataUrl.ts');
  const screenshot = transpile('utils/background/model/screenshot.ts');
  const result = await page.evaluate(
    async ({ budget, dataUrl, screenshot, image }) => {
      const url = (code: string) => URL.createObjectURL(new Blob([code], { type: 'text/javascript' }));
      const shotUrl = url(
        screenshot
          .replace("'@/utils/background/model/imageBudget'", JSON.stringify(url(budget)))
          .replace("'@/utils/core/dataUrl'", JSON.stringify(url(dataUrl))),
      );
      const worker = new Worker(
        url(`import { prepareScreenshot } from ${JSON.stringify(shotUrl)};
          onmessage = async ({ data }) => {
            try {
              const out = await prepareScreenshot({ image: data.dataUrl, width: data.width, height: data.height });
              postMessage({ ...out, context: typeof document === 'undefined' ? 'worker without DOM' : 'window' });
            } catch (error) { postMessage({ error: String(error) }); }
          };`),
        { type: 'module' },
      );
      const reply = await new Promise<Record<string, unknown>>((resolve) => {
        worker.onmessage = ({ data }) => resolve(data as Record<string, unknown>);
        worker.onerror = (event) => resolve({ error: event.message });
        worker.postMessage(image);
      });
      worker.terminate();
      return reply;
    },
    { budget, dataUrl, screenshot, image },
  );
  if (typeof result.error === 'string') throw new Error(result.error);
  return result as unknown as PreparedImage & { context: string };
}
