/**
 * What a stage of a critique job is: a small module with typed input (the draft fields it
 * needs, filled by earlier stages) and typed output (the draft fields it fills), an
 * AbortSignal, and a way to report progress. The runner (./runner.ts) times, saves and
 * reports every stage; stages themselves hold no timers and no storage code.
 */
import type OpenAI from 'openai';
import type { ArtifactKind } from '@/utils/extension/history/db';
import type { CaptureMode } from '@/utils/core/schemas/capture';
import type { ArtifactRef, CritiqueRecord, Draft, JobKind, StageName } from '@/utils/core/schemas/record';
import type { Settings } from '@/utils/core/schemas/settings';

/**
 * What a model stage gets when a model is configured: the full settings (the key stays in the
 * background with them) and a client per purpose.
 */
export interface ModelAccess {
  settings: Settings;
  client(purpose: 'planner' | 'image'): OpenAI;
}

export interface JobInfo {
  id: string;
  tabId: number;
  url: string;
  title: string;
  mode: CaptureMode;
  request: string | null;
  kind: JobKind;
  /** A check: the critique it compares the page with, and whether it previews that plan first. */
  against: string | null;
  preview: boolean;
  /** A round: the critique (round) it refines, and its number; null and 1 otherwise. */
  refines: string | null;
  round: number;
  /** `performance.now()` when the job started (or resumed). */
  startedAt: number;
}

export interface StageIO {
  signal: AbortSignal;
  job: JobInfo;
  /** Settings without the API key: nothing a stage sends to a page may ever carry it. */
  settings: Omit<Settings, 'apiKey'>;
  /** Null when no model is configured. Only model stages use it, and only in the background. */
  model: ModelAccess | null;
  /** A plain sentence about where the stage is ("Frame 3 of 7"). */
  progress(message: string): void;
  note(message: string): void;
  /** Shows draft fields in the panel before the stage ends (streamed findings, partial images). */
  stream(part: Partial<Draft>): void;
  /** Saves an image or document of this job; `stored` is false when storage is full. */
  store(kind: ArtifactKind, blob: Blob): Promise<ArtifactRef>;
  /** Reads back an artifact of this job, from memory or IndexedDB. */
  load(ref: ArtifactRef): Promise<Blob | null>;
  /**
   * Why the page is gone (its tab closed, its document replaced), said once among the job's
   * errors; null while the page is there. For a stage that can do without the page.
   */
  pageLeft(): Promise<string | null>;
  /** The critique this job is checked against (`job.against`), or null. */
  earlier(): Promise<CritiqueRecord | null>;
  /** A round: the round it refines and the latest finished check against that round, or null. */
  previous(): Promise<{ round: CritiqueRecord; check: CritiqueRecord | null } | null>;
}

type Filled<K extends keyof Draft> = { [P in K]: NonNullable<Draft[P]> };

export interface Stage<In extends keyof Draft, Out extends keyof Draft, Opt extends keyof Draft> {
  name: StageName;
  /** An optional stage that fails leaves an error note and the job goes on. */
  optional: boolean;
  /** Draft fields the stage cannot run without: it is skipped when one is missing. */
  needs: readonly In[];
  /** Draft fields the stage uses when they are there. */
  uses?: readonly Opt[];
  /** A reason to skip the stage for this job (no model configured, say), or null to run it. */
  skip?(io: StageIO, draft: Draft): string | null;
  run(input: Filled<In> & Pick<Draft, Opt>, io: StageIO): Promise<Partial<Pick<Draft, Out>>>;
}

/** A stage with its types erased, so stages of different shapes fit in one list. */
export interface AnyStage {
  name: StageName;
  optional: boolean;
  needs: readonly (keyof Draft)[];
  skip?(io: StageIO, draft: Draft): string | null;
  run(input: Draft, io: StageIO): Promise<Partial<Draft>>;
}

export function defineStage<
  const In extends keyof Draft,
  Out extends keyof Draft,
  const Opt extends keyof Draft = never,
>(stage: Stage<In, Out, Opt>): AnyStage {
  return stage as unknown as AnyStage;
}

/** The fields named in `needs` that the draft does not have yet. */
export function missingInputs(stage: AnyStage, draft: Draft): (keyof Draft)[] {
  return stage.needs.filter((key) => draft[key] === null || draft[key] === undefined);
}
