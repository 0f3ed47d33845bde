/**
 * Reading what earlier versions wrote. Version 1 is Restage 0.1.0: its `critique.json` had no
 * `schemaVersion`, a fixed `timings` object and regions without stable keys, and a saved run
 * kept its screenshot inline as a data URL. Each migration is a pure function of the old
 * shape, parsed with zod on both sides, so a record either migrates whole or not at all.
 */
import type { Transaction } from 'dexie';
import { z } from 'zod';
import { checkContent } from '../plan/validate';
import { recordFromCritique } from '../jobs/record';
import { regionKey } from '../regions/key';
import {
  Blueprint,
  CaptureMode,
  ContentCheck,
  Critique,
  CritiqueRecord,
  SavedCssPatch,
  Finding,
  Region,
  SCHEMA_VERSION,
  Score,
  type StageName,
} from '../schemas';

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

/** A version-1 database row: the whole run the old `critiqueTab` message returned. */
export const RecordV1 = z.object({
  id: z.string(),
  url: z.string(),
  createdAt: z.number(),
  title: z.string().optional(),
  request: z.string().optional(),
  run: z.object({
    critique: CritiqueV1,
    shot: z
      .object({
        mode: CaptureMode,
        dataUrl: z.string().startsWith('data:image/png;base64,'),
        width: z.number().int().positive(),
        height: z.number().int().positive(),
        dpr: z.number().positive(),
        area: z.object({ x: z.number(), y: z.number(), width: z.number(), height: z.number() }),
        ms: z.number(),
        bytes: z.number(),
        masked: z.number(),
        notes: z.array(z.string()),
      })
      .nullable(),
    mockupHtml: z.string(),
    firstLabelsMs: z.number().optional(),
  }),
});
export type RecordV1 = z.infer<typeof RecordV1>;

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

/** Base64 to bytes without `fetch`: an IndexedDB upgrade transaction ends at the first foreign await. */
function dataUrlBlob(dataUrl: string): Blob {
  const [head, body = ''] = dataUrl.split(',', 2);
  const binary = atob(body);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return new Blob([bytes], { type: /^data:([^;,]+)/.exec(head ?? '')?.[1] ?? 'application/octet-stream' });
}

export function recordFromV1(old: RecordV1): {
  record: CritiqueRecord;
  artifacts: { id: string; critiqueId: string; kind: 'shot' | 'mockup'; blob: Blob }[];
} {
  const critique = critiqueFromV1(old.run.critique, old);
  const { shot } = old.run;
  const shotId = `${old.id}:shot`;
  const mockupId = `${old.id}:mockup`;
  const base = recordFromCritique(critique, old.id, old.createdAt);
  // What a v1 run kept beyond its critique: the page's URL, the capture and the mockup.
  const record = CritiqueRecord.parse({
    ...base,
    url: old.url,
    mode: shot?.mode ?? 'viewport',
    draft: {
      ...base.draft,
      shot: shot && { ...shot, image: { id: shotId, stored: true } },
      mockup: { id: mockupId, stored: true },
      firstLabelsMs: old.run.firstLabelsMs ?? null,
    },
  });
  const artifacts = [
    {
      id: mockupId,
      critiqueId: old.id,
      kind: 'mockup' as const,
      blob: new Blob([old.run.mockupHtml], { type: 'text/html' }),
    },
    ...(shot
      ? [{ id: shotId, critiqueId: old.id, kind: 'shot' as const, blob: dataUrlBlob(shot.dataUrl) }]
      : []),
  ];
  return { record, artifacts };
}

/**
 * The Dexie upgrade from version 1 to 2. A row that does not parse as version 1 is left as it
 * was (history skips rows it cannot read) rather than deleted: nothing saved is lost to a
 * migration.
 */
export async function upgradeV1Records(tx: Transaction): Promise<void> {
  const critiques = tx.table('critiques');
  const artifacts = tx.table('artifacts');
  const rows: unknown[] = await critiques.toArray();
  for (const row of rows) {
    const old = RecordV1.safeParse(row);
    if (!old.success) continue;
    const { record, artifacts: files } = recordFromV1(old.data);
    await critiques.put(record);
    await artifacts.bulkPut(files);
  }
}
