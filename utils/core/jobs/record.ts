/**
 * A critique job's saved record: how it starts, how stage outputs fold into its draft, and
 * how a record becomes the `critique.json` that the CLI and the report export.
 */
import { type CaptureMode } from '@/utils/core/schemas/capture';
import {
  Critique,
  CritiqueRecord,
  SCHEMA_VERSION,
  StageName,
  type Draft,
  type JobKind,
} from '@/utils/core/schemas/record';
import { addSentences } from '@/utils/core/jobs/sentences';

/** What a job is asked to do: the fields a new record starts from. */
export interface JobRequest {
  kind: JobKind;
  tabId: number;
  url: string;
  title: string;
  mode: CaptureMode;
  request: string | null;
  against: string | null;
  preview: boolean;
  /** A round: the critique it refines, and its number (utils/core/schemas/record.ts, `CritiqueRecord`). */
  refines?: string | null;
  round?: number;
}

/** A critique's stages, in order: all but a check's `preview` (utils/background/jobs/stages lists their modules). */
export const CRITIQUE_STAGE_NAMES: readonly StageName[] = StageName.exclude(['preview']).options;

/**
 * The stages that run only with a model. A job started with no model configured does not list
 * them: the stages shown are the stages that run (the panel says once what a model would add).
 */
export const MODEL_STAGE_NAMES: readonly StageName[] = ['model-plan', 'image', 'image-check'];

/** The stages a job lists, of those its kind has, with a model configured or not. */
export function stagesToRun(stages: readonly StageName[], withModel: boolean): StageName[] {
  return withModel ? [...stages] : stages.filter((name) => !MODEL_STAGE_NAMES.includes(name));
}

/** A critique whose model stages were left out: it was started with no model configured. */
export function leftOutModel(stages: readonly { name: StageName }[]): boolean {
  const names = stages.map((s) => s.name);
  return names.includes('plan') && !MODEL_STAGE_NAMES.some((name) => names.includes(name));
}

export function emptyDraft(): Draft {
  return {
    extraction: null,
    regions: [],
    findings: [],
    ignored: [],
    score: null,
    shot: null,
    plan: null,
    mockup: null,
    annotated: null,
    thumb: null,
    labelled: null,
    engine: 'offline',
    planner: null,
    doNotTouch: [],
    image: null,
    imageRun: null,
    imageCheck: null,
    imagesRead: null,
    verify: null,
    refinement: null,
    firstLabelsMs: null,
    notes: [],
    errors: [],
  };
}

export function emptyRecord(
  id: string,
  request: JobRequest,
  stages: readonly StageName[],
  now: number,
): CritiqueRecord {
  return CritiqueRecord.parse({
    id,
    schemaVersion: SCHEMA_VERSION,
    ...request,
    createdAt: now,
    updatedAt: now,
    job: {
      state: 'queued',
      stage: null,
      stages: stages.map((name) => ({ name, status: 'pending', ms: null, error: null })),
      progress: null,
      error: null,
      ms: null,
      storageFull: false,
    },
    draft: emptyDraft(),
  });
}

/**
 * A round's draft before its stages run: the page as the round it refines found it (regions,
 * findings, score, capture, pictures and the constraints it kept), so region numbers typed in
 * the request mean what they meant there, and that round's plan, which the round's plan stage
 * refines. What the round makes of it (plan, mockup, image, notes) is its own.
 */
export function roundDraft(parent: Draft): Draft {
  return {
    ...emptyDraft(),
    extraction: parent.extraction,
    regions: parent.regions,
    findings: parent.findings,
    ignored: parent.ignored,
    score: parent.score,
    shot: parent.shot,
    annotated: parent.annotated,
    thumb: parent.thumb,
    labelled: parent.labelled,
    imagesRead: parent.imagesRead,
    plan: parent.plan,
    engine: parent.engine,
    doNotTouch: parent.doNotTouch,
  };
}

/** Notes and errors add up (a repeated one is counted); every other field a stage returns replaces the draft's. */
export function mergeDraft(draft: Draft, output: Partial<Draft>): Draft {
  return {
    ...draft,
    ...output,
    notes: addSentences(draft.notes, output.notes ?? []),
    errors: addSentences(draft.errors, output.errors ?? []),
  };
}

/**
 * Whether this version of Restage makes records with these stages: the kind's stages, with the
 * model stages or without them (a job keeps the list it started with, so a resumed offline job
 * stays offline).
 */
export function sameStages(record: CritiqueRecord, stages: readonly { name: StageName }[]): boolean {
  const listed = record.job.stages.map((s) => s.name).join();
  const names = stages.map((s) => s.name);
  return [true, false].some((withModel) => stagesToRun(names, withModel).join() === listed);
}

/** The exportable critique; timings are the runner's own, per stage, plus `total`. */
export function toCritique(record: CritiqueRecord): Critique {
  const { draft, job } = record;
  const timings: Record<string, number> = {};
  for (const stage of job.stages) if (stage.ms !== null) timings[stage.name] = stage.ms;
  if (job.ms !== null) timings.total = job.ms;
  const errors = [...draft.errors];
  if (job.error && !errors.includes(job.error)) errors.push(job.error);
  return Critique.parse({
    schemaVersion: SCHEMA_VERSION,
    url: record.url,
    title: record.title,
    engine: draft.engine,
    mode: record.mode,
    request: record.request,
    regions: draft.regions,
    findings: draft.findings,
    ignored: draft.ignored,
    score: draft.score,
    blueprint: draft.plan?.blueprint ?? null,
    cssPatch: draft.plan?.cssPatch ?? null,
    contentCheck: draft.plan?.contentCheck ?? null,
    coverage: draft.extraction?.coverage ?? null,
    timings,
    planner: draft.planner,
    imageRun: draft.imageRun,
    doNotTouch: draft.doNotTouch,
    imageCheck: draft.imageCheck,
    verify: draft.verify,
    notes: draft.notes,
    errors,
  });
}

/** A saved record from an exported critique (an earlier `critique.json`): the inverse of toCritique. */
export function recordFromCritique(critique: Critique, id: string, now: number): CritiqueRecord {
  const draft: Draft = {
    ...emptyDraft(),
    regions: critique.regions,
    findings: critique.findings,
    ignored: critique.ignored,
    score: critique.score,
    plan:
      critique.blueprint && critique.cssPatch && critique.contentCheck
        ? { blueprint: critique.blueprint, cssPatch: critique.cssPatch, contentCheck: critique.contentCheck }
        : null,
    engine: critique.engine,
    planner: critique.planner,
    imageRun: critique.imageRun,
    doNotTouch: critique.doNotTouch,
    imageCheck: critique.imageCheck,
    notes: critique.notes,
    errors: critique.errors,
  };
  const names = Object.keys(critique.timings).filter((name) => name !== 'total');
  return CritiqueRecord.parse({
    id,
    schemaVersion: SCHEMA_VERSION,
    kind: 'critique',
    against: null,
    preview: false,
    url: critique.url,
    title: critique.title,
    tabId: 0,
    mode: critique.mode,
    request: critique.request,
    createdAt: now,
    updatedAt: now,
    job: {
      state: 'done',
      stage: null,
      stages: names.map((name) => ({
        name,
        status: 'done',
        ms: critique.timings[name] ?? null,
        error: null,
      })),
      progress: null,
      error: null,
      ms: critique.timings.total ?? null,
      storageFull: false,
    },
    draft,
  });
}
