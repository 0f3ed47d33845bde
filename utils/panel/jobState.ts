/**
 * What the panel knows about its tab: the critique shown and the latest check against it
 * (the live preview's next state, or "Check again"), folded from the job events it hears.
 * A whole record (from a `done` or `error` event, or fetched) takes its place by kind; bare
 * stage or partial events apply only to a job the panel already holds, and the hook fetches
 * the record of any other job first.
 */
import type { CritiqueRecord, JobEvent } from '@/utils/core/schemas/record';

export interface PanelJob {
  record: CritiqueRecord | null;
  check: CritiqueRecord | null;
  /** A plain sentence for the last thing that went wrong outside the job (a refused start). */
  error: string | null;
}

export const NO_JOB: PanelJob = { record: null, check: null, error: null };

/** Shows a whole record: a newer critique replaces the shown one (and its check), a check of it is kept. */
export function withRecord(state: PanelJob, record: CritiqueRecord): PanelJob {
  if (record.kind === 'check') {
    if (record.against !== state.record?.id) return state;
    if (state.check && state.check.id !== record.id && state.check.createdAt > record.createdAt) return state;
    return { ...state, check: record, error: null };
  }
  const current = state.record;
  if (current && current.id !== record.id && current.createdAt > record.createdAt) return state;
  return { record, check: current?.id === record.id ? state.check : null, error: null };
}

export function holds(state: PanelJob, jobId: string): boolean {
  return state.record?.id === jobId || state.check?.id === jobId;
}

export function applyEvent(state: PanelJob, event: JobEvent): PanelJob {
  if (event.type === 'done' || event.type === 'error') return withRecord(state, event.record);
  const slot = state.record?.id === event.jobId ? 'record' : state.check?.id === event.jobId ? 'check' : null;
  const current = slot && state[slot];
  if (!slot || !current) return state;
  const next =
    event.type === 'stage'
      ? { ...current, job: event.job }
      : { ...current, draft: { ...current.draft, ...event.draft } };
  return { ...state, [slot]: next };
}

export const isRunning = (record: CritiqueRecord | null) =>
  record?.job.state === 'queued' || record?.job.state === 'running';
