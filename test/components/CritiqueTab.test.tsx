// @vitest-environment happy-dom
import 'fake-indexeddb/auto';
import { act, cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { CritiqueTab } from '@/components/critique/CritiqueTab';
import type { CritiqueJob } from '@/components/critique/useCritiqueJob';
import { RegionFocusProvider } from '@/components/focus/RegionFocus';
import { history } from '@/utils/extension/history/db';
import { listHistory } from '@/utils/extension/history/read';
import { saveRecord } from '@/utils/background/history/store';
import { CRITIQUE_STAGE_NAMES, emptyRecord } from '@/utils/core/jobs/record';
import type { CritiqueRecord } from '@/utils/core/schemas/record';
import { startHistoryService } from '@/utils/background/history/service';
import { deliverFrom, SENDERS } from '@/test/fixtures/senders';

// The panel's changes to saved runs are the background's: its handlers answer, as from the panel.
let stopHistory = () => {};
beforeEach(() => {
  stopHistory = startHistoryService();
  deliverFrom(SENDERS.panel);
});
afterEach(() => {
  stopHistory();
  vi.restoreAllMocks();
});

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
const recordOf = (id: string, createdAt: number): CritiqueRecord => {
  const record = emptyRecord(id, request, CRITIQUE_STAGE_NAMES, createdAt);
  record.job.state = 'done';
  return record;
};

function job(record: CritiqueRecord, overrides: Partial<CritiqueJob> = {}): CritiqueJob {
  return {
    record,
    check: null,
    error: null,
    start: vi.fn(async () => undefined),
    startCheck: vi.fn(async () => undefined),
    cancel: vi.fn(async () => undefined),
    resume: vi.fn(async () => undefined),
    retrySave: vi.fn(async () => true),
    open: vi.fn(async () => undefined),
    replace: vi.fn(),
    previewing: false,
    preview: vi.fn(async () => undefined),
    refine: vi.fn(async () => undefined),
    ...overrides,
  };
}

const view = (j: CritiqueJob) =>
  render(
    <RegionFocusProvider tabId={4}>
      <CritiqueTab job={j} />
    </RegionFocusProvider>,
  );

afterEach(cleanup);

describe('CritiqueTab', () => {
  it('says plainly when storage is full, deletes the oldest critiques on request and saves again', async () => {
    for (let i = 0; i < 7; i++) await saveRecord(recordOf(`old-${i}`, i));
    const full = recordOf('new', 100);
    full.job.storageFull = true;
    const j = job(full);
    const { rerender } = view(j);
    expect(screen.getByTestId('storage-full').textContent).toMatch(
      /storage for Restage is full, so this critique is not saved yet; everything saved before is still there\./,
    );
    act(() => fireEvent.click(screen.getByRole('button', { name: /Delete the 5 oldest critiques/ })));
    expect(await screen.findByText('Deleted 5 old critiques; this one is saved now.')).toBeTruthy();
    expect(j.retrySave).toHaveBeenCalledOnce();
    expect((await listHistory()).map((e) => e.id)).toEqual(['old-6', 'old-5']);
    // Once saved, the background sends the record again, no longer storage-full: the outcome stays.
    const saved = job({ ...full, job: { ...full.job, storageFull: false } });
    rerender(
      <RegionFocusProvider tabId={4}>
        <CritiqueTab job={saved} />
      </RegionFocusProvider>,
    );
    expect(screen.getByTestId('storage-full').textContent).toBe(
      'Deleted 5 old critiques; this one is saved now.',
    );
    history().close();
  });

  it('offers Resume for an interrupted job and Cancel while one runs', async () => {
    const interrupted = recordOf('a', 1);
    interrupted.job.state = 'interrupted';
    interrupted.job.error = 'The browser stopped Restage’s background worker during the capture stage.';
    const j = job(interrupted);
    const { unmount } = view(j);
    fireEvent.click(screen.getByRole('button', { name: 'Resume' }));
    expect(j.resume).toHaveBeenCalledOnce();
    unmount();

    const running = recordOf('b', 2);
    running.job.state = 'running';
    running.job.stage = 'capture';
    running.job.progress = 'Capturing frame 3 of 7';
    running.job.stages.forEach((s, i) => (s.status = i < 2 ? 'done' : i === 2 ? 'running' : 'pending'));
    const k = job(running);
    view(k);
    expect(screen.getByTestId('stage-progress').textContent).toContain('Capturing frame 3 of 7');
    expect((screen.getByRole('button', { name: 'Critique this page' }) as HTMLButtonElement).disabled).toBe(
      true,
    );
    fireEvent.click(screen.getByRole('button', { name: 'Cancel' }));
    expect(k.cancel).toHaveBeenCalledOnce();
  });
});
