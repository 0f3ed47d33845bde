/**
 * Text the colour of its background never reaches the model: a critique of a page with white
 * on white text (and near-white, navy on navy, in a div, in a layout table cell, in a section's
 * heading, over a gradient of near-whites) runs through the planner and the image model of the
 * fake OpenAI-compatible server, and no request body holds the hidden words, while the page's
 * seen text is there. Gradient headlines (background-clip: text), white text over a gradient
 * that turns dark, pale but legible text, white on dark, and white text over a dark box behind
 * it are seen, and go.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFakeOpenAI, type FakeOpenAI } from '@/test/fake-openai/server';
import { DEMO_DIR, type ExtensionGlobal, withExtension } from '@/test/e2e/harness';
import { CritiqueRecord } from '@/utils/core/schemas/record';
import { Region } from '@/utils/core/schemas/region';
import { DEFAULT_SETTINGS, type Settings } from '@/utils/core/schemas/settings';

const env = withExtension({ '/demo': DEMO_DIR, '/fixtures': `${import.meta.dirname}/../fixtures/pages` });
let fake: FakeOpenAI;
beforeAll(async () => {
  fake = await startFakeOpenAI();
});
afterAll(() => fake?.close());

const HIDDEN = [
  'CANARY-WHITE-PARAGRAPH',
  'CANARY-WHITE-HEADING',
  'CANARY-BIG-SPAN',
  'CANARY-NEAR-WHITE',
  'CANARY-NAVY-ON-NAVY',
  'CANARY-DIV-LOOSE',
  'CANARY-TABLE-CELL',
  'CANARY-GRADIENT-WHITE',
];
/** The pale text beside the big white span shares its region, and so stays out with it. */
const SAME_REGION = 'Pale note on the oven schedule';
const SEEN = [
  'Corner bakery on Mill Street',
  'Fresh bread every morning from six.',
  'Our sourdough rests for two days before baking.',
  'Rye and spelt on Fridays.',
  'Half in the dark: fresh pretzels at noon, every day of the week',
  'Call 555-0100 to order a cake.',
  'PALE-BUT-SEEN closed on Mondays',
  'Gift cards at the counter',
  'Open late on Saturdays',
  'Order a loaf',
  'See the menu',
];

async function useModel() {
  const settings: Settings = {
    ...DEFAULT_SETTINGS,
    provider: 'compatible',
    baseUrl: fake.baseUrl,
    apiKey: 'sk-e2e-same-colour-0042',
    imageGeneration: true,
    capPerCritiqueUsd: 5,
    capPerDayUsd: 100,
  };
  await env.harness.worker.evaluate(
    (s) => (globalThis as unknown as ExtensionGlobal).chrome.storage.local.set({ settings: s }),
    settings,
  );
}

async function regionsOf(path: string): Promise<Region[]> {
  const { tabId } = await env.harness.openTab(`${env.server.origin}${path}`);
  const reply = (await env.harness.ask(tabId, 'extractRegions', { privateSelectors: [] })) as {
    regions: unknown[];
  };
  return reply.regions.map((r) => Region.parse(r));
}

describe('text the colour of its background', () => {
  it('is flagged in each region that holds some, and in no other', async () => {
    const regions = await regionsOf('/fixtures/same-colour-text.html');
    const flagged = regions.filter((r) => r.flags.sameColorText);
    for (const canary of HIDDEN)
      expect(flagged.filter((r) => r.text.includes(canary)).map((r) => r.id)).toHaveLength(1);
    expect(flagged).toHaveLength(HIDDEN.length);
    for (const text of SEEN) {
      const holder = regions.find((r) => r.text.includes(text));
      expect(holder, text).toBeDefined();
      expect(holder!.flags.sameColorText, text).toBe(false);
    }
    // A large white span flags the whole paragraph, pale (about 1.4:1) but legible text too.
    const mixed = flagged.find((r) => r.text.includes('CANARY-BIG-SPAN'))!;
    expect(mixed.text).toContain(SAME_REGION);
    // White text over a gradient from white to navy shows where the gradient is dark: its
    // contrast is the gradient's worst point, and the region is not flagged.
    const half = regions.find((r) => r.text.startsWith('Half in the dark'))!;
    expect(half.style.contrast).toBeLessThan(1.1);
    expect(half.flags.sameColorText).toBe(false);
  });

  it('flags nothing on the demo page', async () => {
    const regions = await regionsOf('/demo/demo.html');
    expect(regions.length).toBeGreaterThan(10);
    expect(regions.filter((r) => r.flags.sameColorText)).toEqual([]);
  });

  it('never reaches the planner or the image model; the seen text does, and a note says how many regions', async () => {
    await useModel();
    fake.setMode('normal');
    fake.requests.length = 0;
    const { tabId } = await env.harness.openTab(`${env.server.origin}/fixtures/same-colour-text.html`);
    const { record } = await env.harness.runJob({ tabId, mode: 'viewport' });
    const { draft } = CritiqueRecord.parse(record);
    expect(draft.engine).toMatch(/^model:/);

    const planner = fake.requests.filter((r) => r.path.endsWith('/responses'));
    const image = fake.requests.filter((r) => r.path.endsWith('/images/edits'));
    expect(planner.length).toBeGreaterThan(0);
    expect(image).toHaveLength(1);
    for (const request of fake.requests) {
      const sent = JSON.stringify(request.body) + JSON.stringify(request.form);
      for (const canary of [...HIDDEN, SAME_REGION]) expect(sent, request.path).not.toContain(canary);
    }
    const plannerText = planner[0]!.page!.text;
    const prompt = image[0]!.form!.prompt;
    for (const text of SEEN) {
      expect(plannerText, text).toContain(text);
      expect(prompt, text).toContain(text);
    }
    // The rows say why their text is missing, and do not pass it off as a private mask.
    const rows = plannerText.split('\n').filter((line) => line.includes('"hidden":"same-colour"'));
    expect(rows).toHaveLength(HIDDEN.length);
    for (const row of rows) expect(row).not.toContain('"masked"');
    expect(prompt).not.toMatch(/Masked private areas/);

    expect(draft.notes).toContain(
      `The text of ${HIDDEN.length} regions was left out of the model’s input: it is the colour of its background (below 1.1:1).`,
    );
  });
});
