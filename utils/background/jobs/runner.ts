/**
 * The job runner: runs a critique's stages in order for one tab, times each one, saves the
 * job after every transition (queued → running(stage) → done | failed | cancelled) and pushes
 * events to whoever listens. A failing stage keeps what earlier stages found: an optional
 * stage leaves an error note and the job goes on, a required one ends the job `failed`.
 * Cancel aborts the running stage's signal at once.
 */
import type { ArtifactKind } from '@/utils/extension/history/db';
import { StorageFullError } from '@/utils/background/history/store';
import type { CritiqueRecord, Draft, JobEvent, JobKind, StageName } from '@/utils/core/schemas/record';
import type { Settings } from '@/utils/core/schemas/settings';
import {
  emptyRecord,
  mergeDraft,
  roundDraft,
  sameStages,
  stagesToRun,
  type JobRequest,
} from '@/utils/core/jobs/record';
import { addSentences } from '@/utils/core/jobs/sentences';
import {
  missingInputs,
  type AnyStage,
  type JobInfo,
  type ModelAccess,
  type StageIO,
} from '@/utils/background/jobs/stage';

export interface RunnerDeps {
  /** The stages of each kind of job, in order, and of a round (a critique that refines another). */
  stages: Record<JobKind, readonly AnyStage[]> & { round?: readonly AnyStage[] };
  save(record: CritiqueRecord): Promise<unknown>;
  saveArtifact(jobId: string, kind: ArtifactKind, blob: Blob): Promise<string>;
  readArtifact(id: string): Promise<Blob | null>;
  load(jobId: string): Promise<CritiqueRecord | null>;
  emit(event: JobEvent): void;
  settings(): Promise<Settings>;
  /** Called with true when the first job starts and false when the last one ends. */
  keepAlive(active: boolean): void;
  onEnd?(record: CritiqueRecord): void;
  newId?(): string;
  /** The latest finished check against a critique, if any (for a round's model request). */
  latestCheck?(critiqueId: string): Promise<CritiqueRecord | null>;
  /** Model access for a job's settings, or null when they configure no model. */
  model?(settings: Settings): ModelAccess | null;
  /**
   * Pins the job to the page its tab shows as it starts; the check returned says why that page
   * is gone (its tab closed, its document replaced), or null while it is there.
   */
  pinPage?(tabId: number, url: string): Promise<() => Promise<string | null>>;
}

interface Active {
  record: CritiqueRecord;
  controller: AbortController;
  /** This job's artifacts, kept in memory while it runs (and after, if they could not be saved). */
  blobs: Map<string, Blob>;
  /** The save under way, if any; saves never overlap, so an older state never lands last. */
  saving: Promise<void> | null;
  /** The record changed since the last save began. */
  dirty: boolean;
  ended: Promise<void>;
  /** Whether the job's page is still there (deps.pinPage), and why not once it is gone. */
  page: Promise<(() => Promise<string | null>) | null>;
  left: string | null;
}

/** How long a cancelled stage may take to put the page back before the job is reported cancelled. */
const CANCEL_GRACE_MS = 2_000;

const messageOf = (error: unknown) => (error instanceof Error ? error.message : String(error));

export class JobRunner {
  private readonly active = new Map<string, Active>();
  /** Ended jobs whose last save failed for lack of space, kept for `retrySave`. */
  private readonly unsaved = new Map<string, Active>();

  constructor(private readonly deps: RunnerDeps) {}

  /**
   * Creates the job, saves it `queued`, starts it, and returns it without waiting for it. A
   * round (`refines`) starts from the draft of the round it refines (./record.ts roundDraft).
   */
  async start(request: JobRequest): Promise<CritiqueRecord> {
    const id = this.deps.newId?.() ?? crypto.randomUUID();
    let parent: CritiqueRecord | null = null;
    if (request.refines) {
      parent = this.inMemory(request.refines) ?? (await this.deps.load(request.refines));
      if (!parent) throw new Error('The round to refine is no longer in history.');
      if (parent.job.state !== 'done' || !parent.draft.plan)
        throw new Error('Only a finished critique with a plan can be refined.');
    }
    const stages = this.stagesOf({ kind: request.kind, refines: request.refines ?? null });
    const record = emptyRecord(
      id,
      request,
      stages.map((s) => s.name),
      Date.now(),
    );
    if (parent) record.draft = roundDraft(parent.draft);
    return this.launch(record, new Map(), true);
  }

  private stagesOf(record: Pick<CritiqueRecord, 'kind' | 'refines'>): readonly AnyStage[] {
    const { round } = this.deps.stages;
    return record.kind === 'critique' && record.refines && round ? round : this.deps.stages[record.kind];
  }

  /** Continues an interrupted or failed job from its last finished stage. */
  async resume(jobId: string, currentUrl: string): Promise<CritiqueRecord> {
    if (this.active.has(jobId)) throw new Error('This critique is already running.');
    const record = await this.deps.load(jobId);
    if (!record) throw new Error('This critique is no longer in history.');
    if (record.job.state !== 'interrupted' && record.job.state !== 'failed')
      throw new Error(`This critique is ${record.job.state}; only an interrupted or failed one can resume.`);
    if (record.url !== currentUrl)
      throw new Error(
        'The tab has moved to another page since, so this critique cannot resume; start a new one.',
      );
    if (!sameStages(record, this.stagesOf(record)))
      throw new Error('This critique was made by another version of Restage.');
    for (const stage of record.job.stages)
      if (stage.status !== 'done') Object.assign(stage, { status: 'pending', error: null, ms: null });
    record.job = { ...record.job, state: 'queued', stage: null, error: null, progress: null, ms: null };
    return this.launch(record, new Map());
  }

  cancel(jobId: string): boolean {
    const job = this.active.get(jobId);
    job?.controller.abort(new DOMException('Cancelled', 'AbortError'));
    return job !== undefined;
  }

  /** The running job of a tab, if there is one. */
  running(tabId: number): CritiqueRecord | null {
    for (const job of this.active.values()) if (job.record.tabId === tabId) return job.record;
    return null;
  }

  /** A job still held in memory: running, or ended without being saved. */
  inMemory(jobId: string): CritiqueRecord | null {
    return (this.active.get(jobId) ?? this.unsaved.get(jobId))?.record ?? null;
  }

  /** Resolves when the job has ended (for tests and the CLI). */
  async settled(jobId: string): Promise<void> {
    await this.active.get(jobId)?.ended;
  }

  /** Saves a job that ended while storage was full; true when it is saved now. */
  async retrySave(jobId: string): Promise<boolean> {
    const job = this.unsaved.get(jobId);
    if (!job) return true;
    job.record.job.storageFull = false;
    for (const [id, blob] of job.blobs) {
      const kind = id.slice(id.lastIndexOf(':') + 1) as ArtifactKind;
      if (!(await this.trySave(job, () => this.deps.saveArtifact(jobId, kind, blob)))) return false;
    }
    await this.persist(job);
    if (job.record.job.storageFull) return false;
    this.unsaved.delete(jobId);
    this.markStored(job.record);
    await this.persist(job);
    this.deps.emit({ type: 'done', jobId, tabId: job.record.tabId, record: job.record });
    return true;
  }

  /** Runs `record`; a `fresh` job first drops the model stages when its settings configure no model. */
  private async launch(
    record: CritiqueRecord,
    blobs: Map<string, Blob>,
    fresh = false,
  ): Promise<CritiqueRecord> {
    const job: Active = {
      record,
      controller: new AbortController(),
      blobs,
      saving: null,
      dirty: false,
      ended: Promise.resolve(),
      page: Promise.resolve(null),
      left: null,
    };
    this.active.set(record.id, job);
    if (this.active.size === 1) this.deps.keepAlive(true);
    const settings = await this.deps.settings().catch((error: unknown) => {
      this.active.delete(record.id);
      if (this.active.size === 0) this.deps.keepAlive(false);
      throw error;
    });
    if (fresh) {
      const names = stagesToRun(
        record.job.stages.map((s) => s.name),
        this.deps.model?.(settings) != null,
      );
      record.job.stages = record.job.stages.filter((s) => names.includes(s.name));
    }
    await this.persist(job);
    this.emitStage(job);
    const queued = structuredClone(record);
    job.ended = this.run(job, settings);
    return queued;
  }

  private async run(job: Active, settings: Settings): Promise<void> {
    const { record } = job;
    const signal = job.controller.signal;
    const started = performance.now();
    try {
      // Pinned alongside the first stage, so the first labels do not wait for it.
      job.page = this.deps.pinPage?.(record.tabId, record.url).catch(() => null) ?? Promise.resolve(null);
      const io = this.io(job, settings, started);
      for (const stage of this.stagesOf(record)) {
        // A stage the job does not list (a model stage, offline) is not part of it.
        const entry = record.job.stages.find((s) => s.name === stage.name);
        if (!entry || entry.status === 'done') continue;
        if (signal.aborted) break;
        const missing = missingInputs(stage, record.draft);
        const reason =
          missing.length > 0
            ? `nothing to work on (no ${missing.join(', ')})`
            : (stage.skip?.(io, record.draft) ?? null);
        if (reason) {
          Object.assign(entry, { status: 'skipped', error: reason });
          continue;
        }
        this.enter(job, stage.name);
        const t0 = performance.now();
        try {
          const output = await settle(stage.run(record.draft, io), signal);
          Object.assign(entry, { status: 'done', ms: performance.now() - t0 });
          record.draft = mergeDraft(record.draft, output);
          void this.persist(job);
          const changed = Object.fromEntries(
            Object.keys(output).map((k) => [k, record.draft[k as keyof Draft]]),
          );
          this.deps.emit({ type: 'partial', jobId: record.id, tabId: record.tabId, draft: changed });
        } catch (error) {
          entry.ms = performance.now() - t0;
          if (signal.aborted) {
            entry.status = 'cancelled';
            break;
          }
          // A page that left explains every failure after it, in its own words, once.
          const left = await this.pageLeft(job);
          Object.assign(entry, { status: 'failed', error: left ?? messageOf(error) });
          if (!stage.optional) {
            Object.assign(record.job, {
              state: 'failed',
              error: left ?? `${stage.name}: ${messageOf(error)}`,
            });
            break;
          }
          if (left) this.noteLeft(job);
          else
            record.draft.errors = addSentences(record.draft.errors, [
              `${capitalize(stage.name)} failed: ${messageOf(error)}`,
            ]);
          this.emitStage(job);
        }
      }
    } catch (error) {
      Object.assign(record.job, { state: 'failed', error: messageOf(error) });
    } finally {
      await this.finish(job, started);
    }
  }

  private async finish(job: Active, started: number): Promise<void> {
    const { record } = job;
    const signal = job.controller.signal;
    if (signal.aborted && record.job.state !== 'failed') {
      record.job.state = 'cancelled';
      record.job.error = null;
    } else if (record.job.state === 'running' || record.job.state === 'queued') {
      record.job.state = 'done';
      record.job.stage = null;
    }
    record.job.progress = null;
    record.job.ms = performance.now() - started;
    for (const stage of record.job.stages) if (stage.status === 'pending') stage.status = 'skipped';
    await this.persist(job);
    this.active.delete(record.id);
    if (this.active.size === 0) this.deps.keepAlive(false);
    if (record.job.storageFull) this.unsaved.set(record.id, job);
    const base = { jobId: record.id, tabId: record.tabId };
    if (record.job.state === 'failed') {
      this.deps.emit({ type: 'error', ...base, message: record.job.error ?? 'The critique failed.', record });
    } else {
      this.deps.emit({ type: 'done', ...base, record });
    }
    this.deps.onEnd?.(record);
  }

  private enter(job: Active, stage: StageName): void {
    const entry = job.record.job.stages.find((s) => s.name === stage)!;
    entry.status = 'running';
    Object.assign(job.record.job, { state: 'running', stage, progress: null });
    void this.persist(job);
    this.emitStage(job);
  }

  private io(job: Active, settings: Settings, startedAt: number): StageIO {
    const { record } = job;
    // The key stays here: nothing a stage sends to a page may carry it.
    const { apiKey, ...safe } = settings;
    const info: JobInfo = {
      id: record.id,
      tabId: record.tabId,
      url: record.url,
      title: record.title,
      mode: record.mode,
      request: record.request,
      kind: record.kind,
      against: record.against,
      preview: record.preview,
      refines: record.refines,
      round: record.round,
      startedAt,
    };
    const emitPart = (draft: Partial<Draft>) =>
      this.deps.emit({ type: 'partial', jobId: record.id, tabId: record.tabId, draft });
    const versions = new Map<string, number>();
    return {
      signal: job.controller.signal,
      job: info,
      settings: safe,
      model: this.deps.model?.(settings) ?? null,
      stream: emitPart,
      progress: (message) => {
        record.job.progress = message;
        this.emitStage(job);
      },
      note: (message) => {
        record.draft.notes = addSentences(record.draft.notes, [message]);
        emitPart({ notes: [...record.draft.notes] });
      },
      store: async (kind, blob) => {
        const id = `${record.id}:${kind}`;
        // A kind stored again (partial images, then the final one) gets a new version.
        const version = (versions.get(id) ?? -1) + 1;
        versions.set(id, version);
        job.blobs.set(id, blob);
        const stored = await this.trySave(job, () => this.deps.saveArtifact(record.id, kind, blob));
        if (stored) job.blobs.delete(id);
        return { id, stored, version };
      },
      load: async (ref) => job.blobs.get(ref.id) ?? (await this.deps.readArtifact(ref.id)),
      pageLeft: async () => {
        const left = await this.pageLeft(job);
        this.noteLeft(job);
        return left;
      },
      earlier: async () => (record.against ? await this.deps.load(record.against) : null),
      previous: async () => {
        if (!record.refines) return null;
        const round = this.inMemory(record.refines) ?? (await this.deps.load(record.refines));
        if (!round) return null;
        return { round, check: (await this.deps.latestCheck?.(round.id)) ?? null };
      },
    };
  }

  private async pageLeft(job: Active): Promise<string | null> {
    job.left ??= (await (await job.page)?.()) ?? null;
    return job.left;
  }

  /** Puts the page's departure among the job's errors, once however many stages it stopped. */
  private noteLeft(job: Active): void {
    const { draft } = job.record;
    if (job.left && !draft.errors.includes(job.left)) draft.errors = [...draft.errors, job.left];
  }

  /** Runs a write; a full disk marks the job instead of failing it. */
  private async trySave(job: Active, write: () => Promise<unknown>): Promise<boolean> {
    try {
      await write();
      return true;
    } catch (error) {
      if (!(error instanceof StorageFullError)) throw error;
      job.record.job.storageFull = true;
      return false;
    }
  }

  /**
   * Saves the job as it is now, without making the stages wait: the save starts on the next
   * task, so it runs while the next stage waits on the page; a save already under way is
   * followed by one more with the newest state, and changes made meanwhile fold into it.
   * Only the job's end waits for the last save.
   */
  private persist(job: Active): Promise<void> {
    job.record.updatedAt = Date.now();
    job.dirty = true;
    job.saving ??= (async () => {
      await new Promise((next) => setTimeout(next, 0));
      while (job.dirty) {
        job.dirty = false;
        // IndexedDB copies the record when `put` is called, so later changes cannot leak in.
        await this.trySave(job, () => this.deps.save(job.record));
      }
      job.saving = null;
    })();
    return job.saving;
  }

  private markStored(record: CritiqueRecord): void {
    for (const ref of [record.draft.shot?.image, record.draft.mockup, record.draft.annotated])
      if (ref) ref.stored = true;
  }

  private emitStage(job: Active): void {
    const { record } = job;
    this.deps.emit({
      type: 'stage',
      jobId: record.id,
      tabId: record.tabId,
      job: structuredClone(record.job),
    });
  }
}

const capitalize = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

/**
 * The stage's result, or its cancellation soon after the signal fires: the stage gets a short
 * grace to put the page back (scroll, styles) before the job is reported cancelled.
 */
function settle<T>(work: Promise<T>, signal: AbortSignal): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => {
      const timer = setTimeout(() => reject(signal.reason), CANCEL_GRACE_MS);
      work.finally(() => clearTimeout(timer)).catch(() => undefined);
    };
    if (signal.aborted) onAbort();
    else signal.addEventListener('abort', onAbort, { once: true });
    work.then(resolve, reject).finally(() => signal.removeEventListener('abort', onAbort));
  });
}
