/** Jobs and their records: stages, the draft they fill, the saved record and exported critique, and the events the panel hears. */
import { z } from 'zod';
import { CaptureMode, Coverage, Extraction, Shot } from '@/utils/core/schemas/capture';
import { Finding, IgnoredFinding, Score } from '@/utils/core/schemas/finding';
import { Blueprint, ContentCheck, SavedCssPatch } from '@/utils/core/schemas/plan';
import { Region, RegionId, TabId } from '@/utils/core/schemas/region';
import { Verify } from '@/utils/core/schemas/verify';

/** The schema version of saved critiques and of `critique.json`; see utils/core/history/migrate.ts. */
export const SCHEMA_VERSION = 2;

export const StageName = z.enum([
  'regions',
  'measure',
  'capture',
  'plan',
  'model-plan',
  'text-images',
  'render',
  'image',
  'image-check',
  'preview',
  'verify',
]);

export type StageName = z.infer<typeof StageName>;

/** A critique, or a check of the page now (after a preview or a real change) against one. */
export const JobKind = z.enum(['critique', 'check']);

export type JobKind = z.infer<typeof JobKind>;

export const StageStatus = z.enum(['pending', 'running', 'done', 'failed', 'skipped', 'cancelled']);

export type StageStatus = z.infer<typeof StageStatus>;

export const StageRecord = z.object({
  name: StageName,
  status: StageStatus,
  /** Wall time the runner measured for the stage; null until it ends. */
  ms: z.number().nonnegative().nullable(),
  error: z.string().nullable(),
});

export type StageRecord = z.infer<typeof StageRecord>;

/** queued → running(stage) → done | failed | cancelled; `interrupted` when the worker was stopped. */
export const JobState = z.enum(['queued', 'running', 'done', 'failed', 'cancelled', 'interrupted']);

export type JobState = z.infer<typeof JobState>;

export const JobStatus = z.object({
  state: JobState,
  /** The stage running now, or the one that was running when the job ended badly. */
  stage: StageName.nullable(),
  stages: z.array(StageRecord),
  /** The last progress sentence of the running stage ("Frame 3 of 7"). */
  progress: z.string().nullable(),
  error: z.string().nullable(),
  /** Wall time from start to end, once the job has ended. */
  ms: z.number().nonnegative().nullable(),
  /** The last save failed because storage is full: what the job found is kept in memory only. */
  storageFull: z.boolean(),
});

export type JobStatus = z.infer<typeof JobStatus>;

/** Where a job's saved image or document lives in IndexedDB, and whether it could be saved. */
export const ArtifactRef = z.object({
  id: z.string(),
  stored: z.boolean(),
  /** Counts stores of the same artifact (partial images, then the final one); readers refetch on a change. */
  version: z.number().int().nonnegative().optional(),
});

export type ArtifactRef = z.infer<typeof ArtifactRef>;

/**
 * Whether a generated image shows the regions' text: words are compared after the
 * normalisation in utils/core/ocr/words.ts. An image with no readable text never passes.
 */
export const ImageCheck = z.object({
  /** Words in the (non-private) regions' text. */
  expectedWords: z.number().int().nonnegative(),
  /** How many of those the image shows. */
  foundWords: z.number().int().nonnegative(),
  /** Expected words the image does not show, one entry per lost occurrence, as the page spells them. */
  missing: z.array(z.string()),
  /** Words read in the image that are in no region's text, as read. */
  invented: z.array(z.string()),
  /** Regions with at least one missing word, for the panel to mark. */
  lostRegionIds: z.array(RegionId),
  pass: z.boolean(),
  /** The verdict in a plain sentence. */
  reason: z.string(),
});

export type ImageCheck = z.infer<typeof ImageCheck>;

/** Tokens as a server reported them (zeros and `reported: false` when it reported none). */
export const ModelUsage = z.object({
  inputTokens: z.number().int().nonnegative(),
  outputTokens: z.number().int().nonnegative(),
  imageTokens: z.number().int().nonnegative().nullable(),
  totalTokens: z.number().int().nonnegative(),
  reported: z.boolean(),
});

/** What the planner did: which plan won, what it was estimated to cost and what it did cost. */
export const PlannerRun = z.object({
  status: z.enum(['model', 'offline']),
  /** Why the offline plan stayed, in a plain sentence; null when the model's plan was used. */
  note: z.string().nullable(),
  /** The kind of fault that kept the model's plan out (`bad-key`, `quota`, …; utils/background/model/faults.ts). */
  fault: z.string().optional(),
  model: z.string(),
  api: z.enum(['responses', 'chat-schema', 'chat-json']).nullable(),
  repaired: z.boolean(),
  estimate: z.object({
    inputTokens: z.number().nonnegative(),
    imageTokens: z.number().nonnegative(),
    usd: z.number().nonnegative(),
    imageUsd: z.number().nonnegative(),
    totalUsd: z.number().nonnegative(),
  }),
  usage: ModelUsage,
  costUsd: z.number().nonnegative(),
  requestBytes: z.number().int().nonnegative(),
  /** The screenshot as sent: its size and its estimated token cost. */
  image: z
    .object({ width: z.number(), height: z.number(), tokens: z.number(), bytes: z.number() })
    .nullable(),
  calls: z.number().int().nonnegative(),
  /**
   * When the model's plan passed validation: which plan is shown and why, by the score each
   * plan predicts (utils/core/plan/choose.ts). Null when the model's plan never got that far.
   */
  choice: z
    .object({
      used: z.enum(['model', 'offline']),
      modelScore: z.number(),
      offlineScore: z.number(),
      /** Offline contrast and target fixes carried into the model's plan. */
      carried: z.number().int().nonnegative(),
      sentence: z.string(),
    })
    .nullable()
    .default(null),
});

export type PlannerRun = z.infer<typeof PlannerRun>;

/** What the image model did. Its picture is labelled everywhere as generated. */
export const ImageRun = z.object({
  status: z.enum(['done', 'failed']),
  note: z.string().nullable(),
  model: z.string(),
  size: z.string(),
  estimateUsd: z.number().nonnegative(),
  usage: ModelUsage,
  costUsd: z.number().nonnegative(),
  requestBytes: z.number().int().nonnegative(),
  partials: z.number().int().nonnegative(),
});

export type ImageRun = z.infer<typeof ImageRun>;

/** `model:<name>` only when the model's plan passed validation and is the plan shown. */
export const Engine = z.union([z.literal('offline'), z.templateLiteral(['model:', z.string()])]);

/** A region the model says a change must leave alone, and why. */
export const DoNotTouch = z.object({ regionIds: z.array(RegionId), reason: z.string() });

export type DoNotTouch = z.infer<typeof DoNotTouch>;

/**
 * A critique as saved and exported (`critique.json`). The plan parts are null when the job
 * ended before its plan stage: a failed or cancelled job keeps what it found.
 */
export const Critique = z.object({
  schemaVersion: z.literal(SCHEMA_VERSION),
  url: z.string(),
  title: z.string(),
  engine: Engine,
  mode: CaptureMode,
  request: z.string().nullable(),
  regions: z.array(Region),
  findings: z.array(Finding),
  /** Findings the user ignored on this page, with their reasons; absent in older files. */
  ignored: z.array(IgnoredFinding).default([]),
  score: Score.nullable(),
  blueprint: Blueprint.nullable(),
  cssPatch: SavedCssPatch.nullable(),
  contentCheck: ContentCheck.nullable(),
  /** The share of the page's visible words the regions hold; null for critiques from 0.1.0. */
  coverage: Coverage.nullable(),
  /** Milliseconds per stage as the job runner timed it, plus `total`. */
  timings: z.record(z.string(), z.number().nonnegative()),
  /** The model stages, when a model was configured: estimates, usage and cost. */
  planner: PlannerRun.nullable(),
  imageRun: ImageRun.nullable(),
  doNotTouch: z.array(DoNotTouch),
  /** The OCR check of the generated image's text against the regions'. */
  imageCheck: ImageCheck.nullable(),
  /** Against an earlier critique (`--against`), or of the previewed plan (`--preview`). */
  verify: Verify.nullable(),
  notes: z.array(z.string()),
  errors: z.array(z.string()),
});

export type Critique = z.infer<typeof Critique>;

/**
 * What a round made of its request (utils/core/plan/commands.ts, refine.ts): the commands it applied
 * and what each changed, those it refused and why, and what it could not read offline.
 */
export const Refinement = z.object({
  applied: z.array(z.object({ command: z.string(), change: z.string() })),
  refused: z.array(z.object({ command: z.string(), reason: z.string() })),
  /** Parts of the request that are not commands; offline they need a model, with one a model read them. */
  unread: z.array(z.string()),
  /** Whether a model was configured to read the request as free text. */
  model: z.boolean(),
});

export type Refinement = z.infer<typeof Refinement>;

/** What the stages have found so far; each field is filled by one stage and saved with the job. */
export const Draft = z.object({
  extraction: Extraction.omit({ regions: true }).nullable(),
  regions: z.array(Region),
  findings: z.array(Finding),
  /**
   * Findings that match an ignore saved for this page (utils/extension/ignores.ts), moved out of
   * `findings` by the stage that found them. Absent in records saved before it existed.
   */
  ignored: z.array(IgnoredFinding).default([]),
  score: Score.nullable(),
  shot: Shot.extend({ image: ArtifactRef }).nullable(),
  plan: z.object({ blueprint: Blueprint, cssPatch: SavedCssPatch, contentCheck: ContentCheck }).nullable(),
  mockup: ArtifactRef.nullable(),
  annotated: ArtifactRef.nullable(),
  /**
   * A small picture of the page for lists (History, rounds): the annotated capture's top, at most
   * 240 × 160 px, as JPEG. Null when there was no capture (and in records saved before it existed).
   */
  thumb: ArtifactRef.nullable().default(null),
  /** The labelled screenshot a model planner is sent, downscaled to its image-token budget. */
  labelled: z.object({ image: ArtifactRef, width: z.number().int(), height: z.number().int() }).nullable(),
  engine: Engine,
  planner: PlannerRun.nullable(),
  doNotTouch: z.array(DoNotTouch),
  /** The generated picture of the next state (a plan to check, not a fact). */
  image: ArtifactRef.nullable(),
  imageRun: ImageRun.nullable(),
  imageCheck: ImageCheck.nullable(),
  /**
   * The image regions whose text OCR read and measured from pixels (the text-images stage); null
   * when that stage did not run. A check judges a pixel finding only on an image it read again.
   */
  imagesRead: z.array(RegionId).nullable().default(null),
  /** A check, or a critique made against an earlier one: what changed since. */
  verify: Verify.nullable(),
  /** A round: what it made of its request. Null for a first critique and a check. */
  refinement: Refinement.nullable().default(null),
  /** From the start of the job until the numbered boxes are on the page. */
  firstLabelsMs: z.number().nullable(),
  notes: z.array(z.string()),
  errors: z.array(z.string()),
});

export type Draft = z.infer<typeof Draft>;

/** One critique job as saved in history: what was asked, how the job went, what it found. */
export const CritiqueRecord = z.object({
  id: z.string().min(1),
  schemaVersion: z.literal(SCHEMA_VERSION),
  kind: JobKind,
  /** A check: the critique it compares the page with. */
  against: z.string().nullable(),
  /** A check: whether it applies that critique's CSS patch to the page first. */
  preview: z.boolean(),
  /**
   * A round of refinement: the critique (round) it refines, whose constraints, locks and content
   * it keeps. Null for a first critique and for checks.
   */
  refines: z.string().nullable().default(null),
  /** 1 for a critique, 2, 3, … for the rounds refining it; a check carries its critique's round. */
  round: z.number().int().min(1).default(1),
  url: z.string(),
  title: z.string(),
  tabId: TabId,
  mode: CaptureMode,
  request: z.string().nullable(),
  createdAt: z.number(),
  updatedAt: z.number(),
  job: JobStatus,
  draft: Draft,
});

export type CritiqueRecord = z.infer<typeof CritiqueRecord>;

/** Events pushed to the panel over its port; each names its job and tab. */
export const JobEvent = z.discriminatedUnion('type', [
  z.object({ type: z.literal('stage'), jobId: z.string(), tabId: TabId, job: JobStatus }),
  z.object({
    type: z.literal('partial'),
    jobId: z.string(),
    tabId: TabId,
    /** The draft fields a stage just filled. */
    draft: Draft.partial(),
  }),
  z.object({ type: z.literal('done'), jobId: z.string(), tabId: TabId, record: CritiqueRecord }),
  z.object({
    type: z.literal('error'),
    jobId: z.string(),
    tabId: TabId,
    message: z.string(),
    record: CritiqueRecord,
  }),
]);

export type JobEvent = z.infer<typeof JobEvent>;

/** What the panel says over its port: which tab's jobs it wants to hear about. */
export const PanelMessage = z.object({ type: z.literal('watch'), tabId: TabId });

export type PanelMessage = z.infer<typeof PanelMessage>;
