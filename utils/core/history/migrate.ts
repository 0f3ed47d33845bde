/**
 * Reading what earlier versions wrote. Restage 0.1.0 kept no history in the browser; it wrote
 * `critique.json` files from the CLI, with no `schemaVersion`, a fixed `timings` object and
 * regions without stable keys. Reading one is a pure function of the old shape, parsed with zod
 * on both sides, so a file either reads whole or not at all.
 */
import { z } from 'zod';
import { checkContent } from '@/utils/core/plan/validate';
import { regionKey } from '@/utils/core/regions/key';
import { Finding, Score } from '@/utils/core/schemas/finding';
import { Blueprint, ContentCheck, SavedCssPatch } from '@/utils/core/schemas/plan';
import { Critique, SCHEMA_VERSION, type StageName } from '@/utils/core/schemas/record';
import { Region } from '@/utils/core/schemas/region';

const RegionV1 = Region.omit({ key: true });

export const CritiqueV1 = z.object({
  url: z.string(),
  engine: Critique.shape.engine,
  regions: z.array(RegionV1),
  findings: z.array(Finding),
  score: Score,
  blueprint: Blueprint,
  cssPatch: SavedCssPatch,
  /** 0.1.0 counted regions only. */
  contentCheck: ContentCheck.omit({ words: true, wordsKept: true, images: true, imagesKept: true }),
  timings: z.object({
    captureMs: z.number(),
    regionsMs: z.number(),
    measureMs: z.number(),
    planMs: z.number(),
    renderMs: z.number(),
    totalMs: z.number(),
  }),
  notes: z.array(z.string()),
  errors: z.array(z.string()),
});
export type CritiqueV1 = z.infer<typeof CritiqueV1>;

const STAGE_TIMINGS: [StageName, keyof CritiqueV1['timings']][] = [
  ['regions', 'regionsMs'],
  ['measure', 'measureMs'],
  ['capture', 'captureMs'],
  ['plan', 'planMs'],
  ['render', 'renderMs'],
];

export function critiqueFromV1(old: CritiqueV1, extra: { title?: string; request?: string } = {}): Critique {
  const timings: Record<string, number> = { total: old.timings.totalMs };
  for (const [stage, key] of STAGE_TIMINGS) timings[stage] = old.timings[key];
  const regions = old.regions.map((r) => ({ ...r, key: regionKey(r.tag, r.selector, r.text) }));
  // Word and image counts came later: count them from the regions the critique kept.
  const { words, wordsKept, images, imagesKept } = checkContent(old.blueprint, regions);
  return Critique.parse({
    ...old,
    schemaVersion: SCHEMA_VERSION,
    title: extra.title ?? '',
    mode: 'viewport',
    request: extra.request ?? null,
    regions,
    contentCheck: { ...old.contentCheck, words, wordsKept, images, imagesKept },
    coverage: null,
    timings,
    planner: null,
    imageRun: null,
    doNotTouch: [],
    imageCheck: null,
    verify: null,
  });
}

/** `critique.json` of this version or of 0.1.0 (which had no `schemaVersion`). */
export function readCritiqueJson(json: unknown): Critique {
  const version = (json as { schemaVersion?: unknown } | null)?.schemaVersion;
  if (version === undefined) return critiqueFromV1(CritiqueV1.parse(json));
  return Critique.parse(json);
}
