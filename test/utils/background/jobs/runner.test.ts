import { describe, expect, it, vi } from 'vitest';
import { StorageFullError } from '@/utils/background/history/store';
import { JobRunner, type RunnerDeps } from '@/utils/background/jobs/runner';
import { defineStage, type AnyStage } from '@/utils/background/jobs/stage';
import { type CritiqueRecord, type JobEvent, type StageName } from '@/utils/core/schemas/record';
import { DEFAULT_SETTINGS } from '@/utils/core/schemas/settings';
import { region } from '@/test/fixtures/regions';

const wait = (ms: number) => new Promise((done) => setTimeout(done, ms));
const finding = {
  id: 'contrast-1',
  title: 'Low contrast',
  detail: 'r1',
  severity: 'major' as const,
  category: 'contrast' as const,
  basis: 'measured' as const,
  regionIds: ['r1'],
  confidence: 0.9,
};

/** Five stages shaped like the real ones; `behave` replaces any stage's body. */
function stages(behave: Partial<Record<StageName, AnyStage['run']>> = {}): AnyStage[] {
  const make = (name: StageName, optional: boolean, needs: string[], body: AnyStage['run']) =>
    ({ name, optional, needs, run: behave[name] ?? body }) as AnyStage;
  return [
    make('regions', false, [], async () => ({ regions: [region('r1')] })),
    make('measure', false, ['regions'], async () => ({ findings: [finding] })),
    make('capture', true, [], async () => ({ notes: ['captured'] })),
    make('plan', false, ['regions', 'findings'], async () => ({ notes: ['planned'] })),
    make('render', true, ['regions'], async () => ({})),
  ];
}

function harness(list: AnyStage[], overrides: Partial<RunnerDeps> = {}) {
  const events: JobEvent[] = [];
  const saved: CritiqueRecord[] = [];
  const keepAlive = vi.fn();
  const runner = new JobRunner({
    stages: { critique: list, check: [] },
    save: async (r) => void saved.push(structuredClone(r)),
    saveArtifact: async (jobId, kind) => `${jobId}:${kind}`,
    readArtifact: async () => null,
    load: async (id) => structuredClone(saved.findLast((r) => r.id === id) ?? null),
    emit: (e) => void events.push(e),
    settings: async () => ({ ...DEFAULT_SETTINGS, apiKey: 'sk-secret' }),
    keepAlive,
    newId: () => 'job-1',
    ...overrides,
  });
  return { runner, events, saved, keepAlive };
}

const request = {
  tabId: 7,
  url: 'https://example.test/',
  title: 'Example',
  mode: 'viewport' as const,
  request: null,
  kind: 'critique' as const,
  against: null,
  preview: false,
};
const final = (events: JobEvent[]) => events.at(-1) as Extract<JobEvent, { type: 'done' | 'error' }>;

describe('job runner', () => {
  it('starts a round from the draft of the round it refines, with the round stages only', async () => {
    let id = 0;
    const seen: { plan: unknown; previous: unknown }[] = [];
    const round = [
      defineStage({
        name: 'plan',
        optional: false,
        needs: ['regions', 'plan'],
        async run({ plan }, io) {
          seen.push({ plan, previous: await io.previous() });
          return { notes: [`refined round ${io.job.round}`] };
        },
      }),
    ];
    const planOf = {
      blueprint: { sections: [], typeScale: { base: 16, ratio: 1.25 }, spacingUnit: 8 as const },
      cssPatch: [],
      contentCheck: {
        regions: 0,
        kept: 0,
        words: 0,
        wordsKept: 0,
        images: 0,
        imagesKept: 0,
        missing: [],
        duplicated: [],
        invented: [],
        structure: null,
      },
    };
    const list = stages({
      plan: async () => ({ plan: planOf, doNotTouch: [{ regionIds: ['r1'], reason: 'brand' }] }),
    });
    const check = { id: 'check-of-1' } as CritiqueRecord;
    const { runner, saved } = harness(list, {
      stages: { critique: list, check: [], round },
      newId: () => `job-${++id}`,
      latestCheck: async (critiqueId) => (critiqueId === 'job-1' ? check : null),
    });
    await runner.start(request);
    await runner.settled('job-1');
    const started = await runner.start({ ...request, request: 'r1 bigger', refines: 'job-1', round: 2 });
    expect(started.job.stages.map((s) => s.name)).toEqual(['plan']);
    expect(started.draft.regions).toEqual([region('r1')]);
    expect(started.draft.findings).toEqual([finding]);
    expect(started.draft.doNotTouch).toEqual([{ regionIds: ['r1'], reason: 'brand' }]);
    await runner.settled('job-2');
    const done = saved.findLast((r) => r.id === 'job-2')!;
    expect(done).toMatchObject({ refines: 'job-1', round: 2, job: { state: 'done' } });
    expect(done.draft.notes).toEqual(['refined round 2']);
    expect(seen[0]?.plan).toEqual(planOf);
    expect(seen[0]?.previous).toMatchObject({ round: { id: 'job-1' }, check: { id: 'check-of-1' } });
    // A round that refines nothing finished (or nothing at all) does not start.
    await expect(runner.start({ ...request, refines: 'missing', round: 2 })).rejects.toThrow(
      /no longer in history/,
    );
  });

  it('knows the critique stages by name, in order', async () => {
    const { CRITIQUE_STAGES } = await import('@/utils/background/jobs/stages');
    const { CRITIQUE_STAGE_NAMES } = await import('@/utils/core/jobs/record');
    expect(CRITIQUE_STAGES.map((s) => s.name)).toEqual(CRITIQUE_STAGE_NAMES);
  });

  it('needs regions, measure and plan; capture, render and the model stages may fail', async () => {
    const { CRITIQUE_STAGES } = await import('@/utils/background/jobs/stages');
    const required = CRITIQUE_STAGES.filter((s) => !s.optional).map((s) => s.name);
    // verify runs only for a critique made against an earlier one (the CLI's --against).
    expect(required).toEqual(['regions', 'measure', 'plan', 'verify']);
  });

  it('runs the stages in order, saving and reporting every transition', async () => {
    // Stages that wait on something, as real ones wait on the page: each transition gets saved.
    const slow = (output: object) => async () => (await wait(5), output);
    const list = stages({
      regions: slow({ regions: [region('r1')] }),
      measure: slow({ findings: [finding] }),
      capture: slow({ notes: ['captured'] }),
      plan: slow({ notes: ['planned'] }),
      render: slow({}),
    });
    const { runner, events, saved, keepAlive } = harness(list);
    const started = await runner.start(request);
    expect(started.job.state).toBe('queued');
    await runner.settled('job-1');
    const running = events.filter((e) => e.type === 'stage' && e.job.state === 'running');
    expect([...new Set(running.map((e) => (e.type === 'stage' ? e.job.stage : null)))]).toEqual([
      'regions',
      'measure',
      'capture',
      'plan',
      'render',
    ]);
    expect(saved[0]!.job.state).toBe('queued');
    const savedStages = saved.filter((r) => r.job.state === 'running').map((r) => r.job.stage);
    expect([...new Set(savedStages)]).toEqual(['regions', 'measure', 'capture', 'plan', 'render']);
    expect(saved.at(-1)!.job.state).toBe('done');
    const end = final(events);
    expect(end.type).toBe('done');
    expect(end.record.draft.notes).toEqual(['captured', 'planned']);
    expect(end.record.draft.findings).toEqual([finding]);
    expect(events.every((e) => e.jobId === 'job-1' && e.tabId === 7)).toBe(true);
    expect(keepAlive.mock.calls).toEqual([[true], [false]]);
  });

  it('folds transitions into one save when stages finish faster than a save', async () => {
    const { runner, saved } = harness(stages());
    await runner.start(request);
    await runner.settled('job-1');
    expect(saved.length).toBeLessThan(12);
    expect(saved.at(-1)!.job.stages.every((s) => s.status === 'done')).toBe(true);
  });

  it('times each stage itself', async () => {
    const slow = stages({ measure: async () => (await wait(60), { findings: [] }) });
    const { runner, saved } = harness(slow);
    await runner.start(request);
    await runner.settled('job-1');
    const measure = saved.at(-1)!.job.stages.find((s) => s.name === 'measure')!;
    expect(measure.ms).toBeGreaterThanOrEqual(55);
    expect(saved.at(-1)!.job.ms).toBeGreaterThanOrEqual(measure.ms!);
  });

  it('never hands the API key to a stage', async () => {
    let seen: unknown;
    const { runner } = harness(stages({ regions: async (_, io) => ((seen = io.settings), { regions: [] }) }));
    await runner.start(request);
    await runner.settled('job-1');
    expect(seen).not.toHaveProperty('apiKey');
    expect(JSON.stringify(seen)).not.toContain('sk-secret');
  });

  it('keeps earlier findings when an optional stage fails, and goes on', async () => {
    const { runner, events } = harness(
      stages({ capture: async () => Promise.reject(new Error('tab hidden')) }),
    );
    await runner.start(request);
    await runner.settled('job-1');
    const { record } = final(events);
    expect(record.job.state).toBe('done');
    expect(record.job.stages.map((s) => s.status)).toEqual(['done', 'done', 'failed', 'done', 'done']);
    expect(record.draft.errors).toEqual(['Capture failed: tab hidden']);
    expect(record.draft.findings).toEqual([finding]);
  });

  it('says a repeated note or error once, with a count', async () => {
    const refused = 'The API key was refused (401).';
    const { runner, events } = harness(
      stages({
        capture: async (_, io) => {
          io.note(refused);
          io.note(refused);
          return { notes: [refused] };
        },
        render: async () => Promise.reject(new Error(refused)),
      }),
    );
    await runner.start(request);
    await runner.settled('job-1');
    const { record } = final(events);
    expect(record.draft.notes).toEqual([`${refused} (×3)`, 'planned']);
    expect(record.draft.errors).toEqual([`Render failed: ${refused}`]);
  });

  it('ends failed when a required stage fails, keeping what earlier stages found', async () => {
    const { runner, events } = harness(
      stages({ plan: async () => Promise.reject(new Error('no sections')) }),
    );
    await runner.start(request);
    await runner.settled('job-1');
    const end = final(events);
    expect(end.type).toBe('error');
    expect(end.type === 'error' && end.message).toBe('plan: no sections');
    expect(end.record.job.state).toBe('failed');
    expect(end.record.job.stage).toBe('plan');
    expect(end.record.draft.findings).toEqual([finding]);
    expect(end.record.job.stages.at(-1)!.status).toBe('skipped');
  });

  it('says once, in its own sentence, that the page left, however many stages it stopped', async () => {
    const gone = 'The tab was closed during the critique; what was found before is kept.';
    const pageLeft = vi.fn(async () => gone);
    const pinPage = vi.fn(async () => pageLeft);
    const { runner, events } = harness(
      stages({
        capture: async () => Promise.reject(new Error('No response')),
        render: async (_, io) => {
          expect(await io.pageLeft()).toBe(gone);
          return Promise.reject(new Error('No tab with id: 7.'));
        },
      }),
      { pinPage },
    );
    await runner.start(request);
    await runner.settled('job-1');
    const { record } = final(events);
    expect(record.job.state).toBe('done');
    expect(record.draft.errors).toEqual([gone]);
    expect(record.job.stages.find((s) => s.name === 'capture')!.error).toBe(gone);
    expect(pinPage).toHaveBeenCalledWith(7, 'https://example.test/');
    // Once known, the page's departure is not asked again.
    expect(pageLeft).toHaveBeenCalledTimes(1);
  });

  it('ends with the page’s departure as its error when a required stage could not reach it', async () => {
    const gone =
      'The page went to https://example.test/next during the critique; what was found before is kept.';
    const { runner, events } = harness(
      stages({ regions: async () => Promise.reject(new Error('No response')) }),
      { pinPage: async () => async () => gone },
    );
    await runner.start(request);
    await runner.settled('job-1');
    const end = final(events);
    expect(end.record.job.state).toBe('failed');
    expect(end.record.job.error).toBe(gone);
    expect(end.record.draft.errors).toEqual([]);
  });

  it('keeps a stage’s own error when the page is still there', async () => {
    const { runner, events } = harness(
      stages({ capture: async () => Promise.reject(new Error('tab hidden')) }),
      { pinPage: async () => async () => null },
    );
    await runner.start(request);
    await runner.settled('job-1');
    expect(final(events).record.draft.errors).toEqual(['Capture failed: tab hidden']);
  });

  it('skips a stage whose inputs an earlier optional stage did not produce', async () => {
    const list = stages();
    list[4] = defineStage({ name: 'render', optional: true, needs: ['shot'], run: async () => ({}) });
    const { runner, events } = harness(list);
    await runner.start(request);
    await runner.settled('job-1');
    const render = final(events).record.job.stages.at(-1)!;
    expect(render).toMatchObject({ status: 'skipped', error: 'nothing to work on (no shot)' });
  });

  it('cancels at once: the running stage sees its signal, puts things back, and later stages never run', async () => {
    let restored = false;
    const plan = vi.fn(async () => ({}));
    const capture: AnyStage['run'] = (_, io) =>
      new Promise((_, reject) =>
        io.signal.addEventListener('abort', () => {
          restored = true;
          reject(io.signal.reason);
        }),
      );
    const { runner, events } = harness(stages({ capture, plan }));
    await runner.start(request);
    await wait(20);
    expect(runner.cancel('job-1')).toBe(true);
    await runner.settled('job-1');
    const { record } = final(events);
    expect(restored).toBe(true);
    expect(record.job.state).toBe('cancelled');
    expect(record.job.stages.map((s) => s.status)).toEqual([
      'done',
      'done',
      'cancelled',
      'skipped',
      'skipped',
    ]);
    expect(plan).not.toHaveBeenCalled();
    expect(record.draft.findings).toEqual([finding]);
  });

  it('reports cancelled within the grace period even when a stage ignores its signal', async () => {
    const { runner, events } = harness(stages({ capture: () => new Promise(() => undefined) }));
    await runner.start(request);
    await wait(10);
    runner.cancel('job-1');
    const t = performance.now();
    await runner.settled('job-1');
    expect(performance.now() - t).toBeLessThan(3_000);
    expect(final(events).record.job.state).toBe('cancelled');
  });

  it('keeps going in memory when storage is full, then saves once there is room', async () => {
    let full = true;
    const save = vi.fn(async (_record: CritiqueRecord) => {
      if (full) throw new StorageFullError(new DOMException('full', 'QuotaExceededError'));
    });
    const { runner, events } = harness(stages(), { save });
    await runner.start(request);
    await runner.settled('job-1');
    expect(final(events).record.job).toMatchObject({ state: 'done', storageFull: true });
    expect(runner.inMemory('job-1')?.draft.findings).toEqual([finding]);
    full = false;
    expect(await runner.retrySave('job-1')).toBe(true);
    expect(save.mock.calls.at(-1)![0]).toMatchObject({ job: { state: 'done', storageFull: false } });
    expect(runner.inMemory('job-1')).toBeNull();
  });

  it('resumes an interrupted job from its last finished stage', async () => {
    const measure = vi.fn(async () => ({ findings: [finding] }));
    const { runner, saved, events } = harness(stages({ measure }));
    const interrupted =
      (await runner.start(request), await runner.settled('job-1'), structuredClone(saved.at(-1)!));
    interrupted.job.state = 'interrupted';
    for (const stage of interrupted.job.stages.slice(2))
      Object.assign(stage, { status: 'pending', ms: null });
    interrupted.draft.notes = [];
    saved.push(interrupted);
    measure.mockClear();
    await expect(runner.resume('job-1', 'https://elsewhere.test/')).rejects.toThrow(/moved to another page/);
    await runner.resume('job-1', request.url);
    await runner.settled('job-1');
    expect(measure).not.toHaveBeenCalled();
    const { record } = final(events);
    expect(record.job.state).toBe('done');
    expect(record.draft.notes).toEqual(['captured', 'planned']);
  });

  describe('model stages', () => {
    /** The five stages with a model plan after plan, as in CRITIQUE_STAGES. */
    const withModelPlan = (run: AnyStage['run']) => {
      const list = stages();
      list.splice(4, 0, { name: 'model-plan', optional: true, needs: ['regions'], run } as AnyStage);
      return list;
    };
    const model = () => ({ settings: DEFAULT_SETTINGS, client: () => ({}) as never });

    it('offline, a job does not list them and they never run', async () => {
      const modelPlan = vi.fn(async () => ({}));
      const { runner, events, saved } = harness(withModelPlan(modelPlan));
      const queued = await runner.start(request);
      await runner.settled('job-1');
      expect(queued.job.stages.map((s) => s.name)).toEqual([
        'regions',
        'measure',
        'capture',
        'plan',
        'render',
      ]);
      expect(saved.every((r) => r.job.stages.every((s) => s.name !== 'model-plan'))).toBe(true);
      expect(final(events).record.job.state).toBe('done');
      expect(modelPlan).not.toHaveBeenCalled();
    });

    it('with a model configured, a job lists them and runs them', async () => {
      const modelPlan = vi.fn(async () => ({}));
      const { runner, events } = harness(withModelPlan(modelPlan), { model });
      const queued = await runner.start(request);
      await runner.settled('job-1');
      expect(queued.job.stages.map((s) => s.name)).toContain('model-plan');
      expect(modelPlan).toHaveBeenCalledOnce();
      expect(final(events).record.job.stages.find((s) => s.name === 'model-plan')!.status).toBe('done');
    });

    it('an offline job resumes as it started, even after a model is configured', async () => {
      const modelPlan = vi.fn(async () => ({}));
      const offline = harness(withModelPlan(modelPlan));
      await offline.runner.start(request);
      await offline.runner.settled('job-1');
      const interrupted = structuredClone(offline.saved.at(-1)!);
      interrupted.job.state = 'interrupted';
      for (const stage of interrupted.job.stages.slice(3))
        Object.assign(stage, { status: 'pending', ms: null });
      const online = harness(withModelPlan(modelPlan), {
        model,
        load: async () => structuredClone(interrupted),
      });
      await online.runner.resume('job-1', request.url);
      await online.runner.settled('job-1');
      const { record } = final(online.events);
      expect(record.job.state).toBe('done');
      expect(record.job.stages.map((s) => s.name)).not.toContain('model-plan');
      expect(modelPlan).not.toHaveBeenCalled();
    });

    it('refuses to resume a job whose stages this version does not make', async () => {
      const { runner, saved } = harness(withModelPlan(async () => ({})));
      await runner.start(request);
      await runner.settled('job-1');
      const other = structuredClone(saved.at(-1)!);
      other.job.state = 'interrupted';
      other.job.stages = other.job.stages.filter((s) => s.name !== 'capture');
      saved.push(other);
      await expect(runner.resume('job-1', request.url)).rejects.toThrow(/another version/);
    });
  });
});
