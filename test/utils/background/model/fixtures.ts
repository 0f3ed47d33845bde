/**
 * A small page for model tests: a header with a logo and nav, a hero with a heading, text and
 * two buttons, a card with a private field, and a footer, plus one hidden-text trap (the
 * region extractor never returns hidden text; the prompt must not invent any either).
 */
import { region } from '@/test/fixtures/regions';
import { pngDataUrl } from '@/test/fake-openai/png';
import { type Finding } from '@/utils/core/schemas/finding';
import { type Region } from '@/utils/core/schemas/region';
import { DEFAULT_SETTINGS, type Settings } from '@/utils/core/schemas/settings';

export function modelPage(): Region[] {
  return [
    region('r1', {
      kind: 'container',
      tag: 'header',
      text: '',
      landmark: 'header',
      box: { width: 1280, height: 64 },
    }),
    region('r2', {
      kind: 'text',
      tag: 'a',
      text: 'Acme Tools',
      parentId: 'r1',
      landmark: 'header',
      box: { x: 24, y: 20, width: 120, height: 24 },
    }),
    region('r3', {
      kind: 'heading',
      tag: 'h1',
      headingLevel: 1,
      text: 'Build better sheds',
      box: { x: 24, y: 120, width: 600, height: 40 },
      style: { fontSize: 24, fontWeight: 600 },
    }),
    region('r4', {
      kind: 'text',
      tag: 'p',
      text: 'Plans, tools and “advice” for weekend builders.',
      box: { x: 24, y: 170, width: 600, height: 24 },
    }),
    region('r5', {
      kind: 'control',
      tag: 'button',
      role: 'button',
      text: 'Start building',
      box: { x: 24, y: 220, width: 140, height: 40 },
      flags: { interactive: true },
    }),
    region('r6', {
      kind: 'control',
      tag: 'a',
      role: 'link',
      text: 'Read the guide',
      box: { x: 180, y: 220, width: 140, height: 40 },
      flags: { interactive: true },
    }),
    region('r7', {
      kind: 'field',
      tag: 'input',
      text: '•••',
      name: '•••',
      box: { x: 24, y: 300, width: 300, height: 32 },
      flags: { private: true, interactive: true },
    }),
    region('r8', {
      kind: 'text',
      tag: 'p',
      text: '© 2026 Acme Tools. All rights reserved.',
      landmark: 'footer',
      box: { x: 24, y: 700, width: 400, height: 20 },
      style: { fontSize: 12 },
    }),
  ];
}

export const MEASURED: Finding[] = [
  {
    id: 'primary-action-1',
    title: 'Primary action is weaker than a link',
    detail: 'primary r5 0.62 vs r6 0.70 (visual weight, heaviest region 1.00)',
    severity: 'major',
    category: 'hierarchy',
    basis: 'measured',
    rule: 'primary-action-weight',
    regionIds: ['r5', 'r6'],
    confidence: 0.8,
  },
];

/** A 1280×800 viewport screenshot at 1× (over the 1,600-token budget, so it is downscaled). */
export const SHOT_1280 = { image: pngDataUrl(1280, 800), width: 1280, height: 800 };
/** A small screenshot under the budget, so no resize is needed in Node (no OffscreenCanvas). */
export const SHOT_SMALL = { image: pngDataUrl(640, 400), width: 640, height: 400 };

export function settingsFor(baseUrl: string, overrides: Partial<Settings> = {}): Settings {
  return {
    ...DEFAULT_SETTINGS,
    provider: 'compatible',
    apiKey: 'sk-test-secret-key-1234',
    baseUrl,
    ...overrides,
  };
}
