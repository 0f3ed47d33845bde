import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it } from 'vitest';
import { openHistory } from '@/utils/extension/history/db';
import { getRecord } from '@/utils/extension/history/read';
import { saveRecord } from '@/utils/background/history/store';
import { emptyRecord } from '@/utils/core/jobs/record';
import { markInterrupted } from '@/utils/background/jobs/recover';
import { CRITIQUE_STAGE_NAMES } from '@/utils/core/jobs/record';

const db = openHistory('recover-test');
afterEach(() => db.critiques.clear());

const request = {
  tabId: 3,
  url: 'https://example.test/',
  title: 'Example',
  mode: 'full' as const,
  request: null,
  kind: 'critique' as const,
  against: null,
  preview: false,
};

describe('a job the worker left running', () => {
  it('is marked interrupted on the next start, naming the stage, and finished jobs are left alone', async () => {
    const running = emptyRecord('running', request, CRITIQUE_STAGE_NAMES, 1);
    running.job.state = 'running';
    running.job.stage = 'capture';
    running.job.stages[0]!.status = 'done';
    running.job.stages[1]!.status = 'done';
    running.job.stages[2]!.status = 'running';
    const done = emptyRecord('done', request, CRITIQUE_STAGE_NAMES, 2);
    done.job.state = 'done';
    await saveRecord(running, db);
    await saveRecord(done, db);

    expect(await markInterrupted(db)).toEqual(['running']);
    const after = await getRecord('running', db);
    expect(after!.job.state).toBe('interrupted');
    expect(after!.job.error).toMatch(
      /during the capture stage; Resume continues from the last finished stage/,
    );
    expect(after!.job.stages.map((s) => s.status)).toEqual([
      'done',
      'done',
      'failed',
      ...Array(CRITIQUE_STAGE_NAMES.length - 3).fill('pending'),
    ]);
    expect((await getRecord('done', db))!.job.state).toBe('done');
    expect(await markInterrupted(db)).toEqual([]);
  });
});
