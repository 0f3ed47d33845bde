// @vitest-environment happy-dom
import { act, renderHook, waitFor } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import { useCritiqueJob, type JobTransport } from '@/components/critique/useCritiqueJob';
import { emptyRecord } from '@/utils/core/jobs/record';
import { CRITIQUE_STAGE_NAMES } from '@/utils/core/jobs/record';
import type { CritiqueRecord, JobEvent } from '@/utils/core/schemas/record';
import { region } from '@/test/fixtures/regions';

const request = {
  tabId: 4,
  url: 'https://example.test/',
  title: 'Example',
  mode: 'viewport' as const,
  request: null,
  kind: 'critique' as const,
  against: null,
  preview: false,
};
const recordOf = (id: string, createdAt = 1): CritiqueRecord =>
  emptyRecord(id, request, CRITIQUE_STAGE_NAMES, createdAt);

/** A fake background: records what the panel sends and lets the test push port events. */
function fakeTransport(replies: Record<string, (data: never) => unknown> = {}) {
  const ports: { onEvent(e: unknown): void; onClose(): void; watched: number[]; closed: boolean }[] = [];
  const sent: { type: string; data: unknown }[] = [];
  const transport: JobTransport = {
    connect(onEvent, onClose) {
      const port = { onEvent, onClose, watched: [] as number[], closed: false };
      ports.push(port);
      return { watch: (tabId) => port.watched.push(tabId), close: () => void (port.closed = true) };
    },
    send: (async (type: string, data: never) => {
      sent.push({ type, data });
      return replies[type]?.(data) ?? (type === 'getJob' ? { critique: null, check: null } : null);
    }) as JobTransport['send'],
  };
  const push = (event: JobEvent | unknown) => act(() => ports.at(-1)!.onEvent(event));
  return { transport, ports, sent, push };
}

describe('useCritiqueJob', () => {
  it('reattaches on mount: watches its tab and shows the job the background reports', async () => {
    const saved = recordOf('earlier');
    const fake = fakeTransport({ getJob: () => ({ critique: saved, check: null }) });
    const { result } = renderHook(() => useCritiqueJob(4, fake.transport));
    await waitFor(() => expect(result.current.record?.id).toBe('earlier'));
    expect(fake.ports[0]!.watched).toEqual([4]);
    expect(fake.sent[0]).toEqual({ type: 'getJob', data: { tabId: 4 } });
  });

  it('starts a job and follows its stage, partial and done events', async () => {
    const queued = recordOf('job-1', 5);
    const fake = fakeTransport({ startCritique: () => queued });
    const { result } = renderHook(() => useCritiqueJob(4, fake.transport));
    await act(() => result.current.start('full', 'Clarify hierarchy'));
    expect(fake.sent.at(-1)).toMatchObject({
      type: 'startCritique',
      data: { tabId: 4, mode: 'full', request: 'Clarify hierarchy' },
    });
    expect(result.current.record?.job.state).toBe('queued');

    const running = {
      ...queued.job,
      state: 'running' as const,
      stage: 'capture' as const,
      progress: 'Capturing frame 2 of 5',
    };
    fake.push({ type: 'stage', jobId: 'job-1', tabId: 4, job: running });
    expect(result.current.record?.job.progress).toBe('Capturing frame 2 of 5');
    fake.push({ type: 'partial', jobId: 'job-1', tabId: 4, draft: { regions: [region('r1')] } });
    expect(result.current.record?.draft.regions.map((r) => r.id)).toEqual(['r1']);

    const done = structuredClone(queued);
    done.job.state = 'done';
    fake.push({ type: 'done', jobId: 'job-1', tabId: 4, record: done });
    expect(result.current.record?.job.state).toBe('done');
  });

  it('starts a round from the record shown or one named, shows it, and previews a round by id', async () => {
    const first = recordOf('round-1', 1);
    const round = { ...recordOf('round-2', 2), refines: 'round-1', round: 2 };
    const fake = fakeTransport({ getJob: () => ({ critique: first, check: null }), startRound: () => round });
    const { result } = renderHook(() => useCritiqueJob(4, fake.transport));
    await waitFor(() => expect(result.current.record?.id).toBe('round-1'));
    await act(() => result.current.refine('r12 bigger'));
    expect(fake.sent.at(-1)).toEqual({
      type: 'startRound',
      data: { tabId: 4, refines: 'round-1', request: 'r12 bigger' },
    });
    expect(result.current.record?.id).toBe('round-2');
    await act(() => result.current.refine('keep r3', 'round-1'));
    expect(fake.sent.at(-1)).toMatchObject({ type: 'startRound', data: { refines: 'round-1' } });
    await act(() => result.current.preview(true, 'round-1'));
    expect(fake.sent.at(-1)).toEqual({
      type: 'startCheck',
      data: { tabId: 4, against: 'round-1', preview: true },
    });
    expect(result.current.previewing).toBe(true);
    await act(() => result.current.preview(false));
    expect(fake.sent.at(-1)).toEqual({ type: 'revertPreview', data: undefined });
    expect(result.current.previewing).toBe(false);
  });

  it('ignores events that do not match the protocol', async () => {
    const fake = fakeTransport({ getJob: () => ({ critique: recordOf('job-1'), check: null }) });
    const { result } = renderHook(() => useCritiqueJob(4, fake.transport));
    await waitFor(() => expect(result.current.record?.id).toBe('job-1'));
    fake.push({ type: 'stage', jobId: 'job-1', tabId: 4, job: { state: 'exploded' } });
    fake.push('not an event');
    expect(result.current.record?.job.state).toBe('queued');
  });

  it('fetches a job it did not start (the CLI, another window) before following it', async () => {
    const other = recordOf('from-cli', 9);
    const fake = fakeTransport({ getRecord: () => other });
    const { result } = renderHook(() => useCritiqueJob(4, fake.transport));
    fake.push({ type: 'stage', jobId: 'from-cli', tabId: 4, job: other.job });
    await waitFor(() => expect(result.current.record?.id).toBe('from-cli'));
    expect(fake.sent).toContainEqual({ type: 'getRecord', data: { jobId: 'from-cli' } });
  });

  it('opens a saved check from History with the critique it checked', async () => {
    const critique = recordOf('critique-1', 1);
    const check = { ...recordOf('check-1', 2), kind: 'check' as const, against: 'critique-1' };
    const saved: Record<string, CritiqueRecord> = { 'critique-1': critique, 'check-1': check };
    const fake = fakeTransport({ getRecord: (data: { jobId: string }) => saved[data.jobId] ?? null });
    const { result } = renderHook(() => useCritiqueJob(4, fake.transport));
    await act(() => result.current.open('check-1'));
    expect(result.current.record?.id).toBe('critique-1');
    expect(result.current.check?.id).toBe('check-1');
    delete saved['critique-1'];
    await act(() => result.current.open('check-1'));
    expect(result.current.error).toBe('The critique this check was made against is no longer in history.');
  });

  it('reconnects when the worker restarts and asks for its job again', async () => {
    vi.useFakeTimers({ shouldAdvanceTime: true });
    const interrupted = recordOf('job-1');
    interrupted.job.state = 'interrupted';
    let calls = 0;
    const fake = fakeTransport({
      getJob: () => ({ critique: ++calls === 1 ? null : interrupted, check: null }),
    });
    const { result } = renderHook(() => useCritiqueJob(4, fake.transport));
    act(() => fake.ports[0]!.onClose());
    await act(() => vi.advanceTimersByTimeAsync(600));
    await waitFor(() => expect(result.current.record?.job.state).toBe('interrupted'));
    expect(fake.ports).toHaveLength(2);
    expect(fake.ports[1]!.watched).toEqual([4]);
    vi.useRealTimers();
  });

  it('says why a start was refused, in words', async () => {
    const fake = fakeTransport({
      startCritique: () => {
        throw new Error('A critique of this tab is already running.');
      },
    });
    const { result } = renderHook(() => useCritiqueJob(4, fake.transport));
    await act(() => result.current.start('viewport', null));
    expect(result.current.error).toBe('A critique of this tab is already running.');
  });

  it('keeps the latest check of the critique shown next to it, and drops it for a newer critique', async () => {
    const critique = recordOf('c1', 1);
    critique.job.state = 'done';
    const fake = fakeTransport({ getJob: () => ({ critique, check: null }) });
    const { result } = renderHook(() => useCritiqueJob(4, fake.transport));
    await waitFor(() => expect(result.current.record?.id).toBe('c1'));
    const check = { ...recordOf('k1', 2), kind: 'check' as const, against: 'c1', preview: true };
    fake.push({ type: 'done', jobId: 'k1', tabId: 4, record: check });
    expect(result.current.check?.id).toBe('k1');
    expect(result.current.record?.id).toBe('c1');
    const stranger = { ...recordOf('k2', 3), kind: 'check' as const, against: 'other', preview: false };
    fake.push({ type: 'done', jobId: 'k2', tabId: 4, record: stranger });
    expect(result.current.check?.id).toBe('k1');
    fake.push({ type: 'done', jobId: 'c2', tabId: 4, record: recordOf('c2', 4) });
    expect(result.current.record?.id).toBe('c2');
    expect(result.current.check).toBeNull();
  });
});
