import type { HistoryEntry } from '@/utils/extension/history/read';

/** A listed run with the fields a test names; the rest are a finished offline critique's. */
export const entry = (id: string, createdAt: number, extra: Partial<HistoryEntry> = {}): HistoryEntry => ({
  id,
  kind: 'critique',
  against: null,
  preview: false,
  refines: null,
  round: 1,
  url: 'https://one.test/',
  title: 'One',
  request: null,
  createdAt,
  state: 'done',
  engine: 'offline',
  score: 50,
  findings: 3,
  thumb: null,
  ...extra,
});
