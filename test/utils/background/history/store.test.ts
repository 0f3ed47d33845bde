import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { openHistory, type HistoryDb } from '@/utils/extension/history/db';
import {
  deleteOldest,
  deleteRecord,
  saveArtifact,
  saveRecord,
  StorageFullError,
} from '@/utils/background/history/store';
import { getRecord, getRun, listHistory, readArtifact } from '@/utils/extension/history/read';
import { emptyRecord } from '@/utils/core/jobs/record';
import { CRITIQUE_STAGE_NAMES } from '@/utils/core/jobs/record';
import type { CritiqueRecord } from '@/utils/core/schemas/record';
import { region } from '@/test/fixtures/regions';

let db: HistoryDb;
let n = 0;
beforeEach(() => {
  db = openHistory(`history-test-${++n}`);
});
afterEach(() => db.delete());

function record(id: string, url: string, createdAt: number): CritiqueRecord {
  const r = emptyRecord(
    id,
    {
      tabId: 1,
      url,
      title: `Page ${id}`,
      mode: 'viewport',
      request: null,
      kind: 'critique',
      against: null,
      preview: false,
    },
    CRITIQUE_STAGE_NAMES,
    createdAt,
  );
  r.job.state = 'done';
  r.draft.regions = [region('r1')];
  return r;
}

describe('history store', () => {
  it('saves, lists newest first (or by page) and reopens a critique whole', async () => {
    await saveRecord(record('a', 'https://one.test/', 1_000), db);
    await saveRecord(record('b', 'https://two.test/', 3_000), db);
    await saveRecord(record('c', 'https://one.test/', 2_000), db);
    expect((await listHistory(undefined, db)).map((e) => e.id)).toEqual(['b', 'c', 'a']);
    expect((await listHistory('https://one.test/', db)).map((e) => e.id)).toEqual(['c', 'a']);
    const reopened = await getRecord('c', db);
    expect(reopened).toEqual(record('c', 'https://one.test/', 2_000));
  });

  it('keeps images as Blobs and deletes them with their critique', async () => {
    await saveRecord(record('a', 'https://one.test/', 1), db);
    const png = new Blob([new Uint8Array([137, 80, 78, 71])], { type: 'image/png' });
    const id = await saveArtifact('a', 'shot', png, db);
    const back = await readArtifact(id, db);
    expect(back).toBeInstanceOf(Blob);
    expect([...new Uint8Array(await back!.arrayBuffer())]).toEqual([137, 80, 78, 71]);
    await deleteRecord('a', db);
    expect(await getRecord('a', db)).toBeNull();
    expect(await readArtifact(id, db)).toBeNull();
  });

  it('deletes the oldest critiques first, never a running one', async () => {
    const running = record('old-running', 'https://one.test/', 1);
    running.job.state = 'running';
    await saveRecord(running, db);
    for (const [id, at] of [
      ['x', 2],
      ['y', 3],
      ['z', 4],
    ] as const)
      await saveRecord(record(id, 'https://one.test/', at), db);
    expect(await deleteOldest(2, db)).toBe(2);
    expect((await listHistory(undefined, db)).map((e) => e.id)).toEqual(['z', 'old-running']);
  });

  it('reports a full disk as StorageFullError and loses nothing saved before', async () => {
    await saveRecord(record('a', 'https://one.test/', 1), db);
    const quota = new DOMException('The quota has been exceeded.', 'QuotaExceededError');
    const put = vi.spyOn(db.critiques, 'put').mockRejectedValueOnce(quota);
    await expect(saveRecord(record('b', 'https://one.test/', 2), db)).rejects.toBeInstanceOf(
      StorageFullError,
    );
    put.mockRestore();
    expect((await listHistory(undefined, db)).map((e) => e.id)).toEqual(['a']);
  });

  it('skips a row it cannot read instead of failing the whole list', async () => {
    await saveRecord(record('a', 'https://one.test/', 1), db);
    await db.critiques.put({
      id: 'broken',
      url: 'https://one.test/',
      createdAt: 5,
    } as unknown as CritiqueRecord);
    expect((await listHistory(undefined, db)).map((e) => e.id)).toEqual(['a']);
  });

  it('lists a row from its summary fields alone; reopening parses the whole record', async () => {
    const damaged = record('d', 'https://one.test/', 7);
    await db.critiques.put({
      ...damaged,
      draft: { ...damaged.draft, regions: [{ id: 'not a region' }] },
    } as unknown as CritiqueRecord);
    expect((await listHistory(undefined, db)).map((e) => e.id)).toEqual(['d']);
    expect(await getRecord('d', db)).toBeNull();
  });

  it('reads a run as the views take it: a critique alone, a check with the critique it checked', async () => {
    await saveRecord(record('c', 'https://one.test/', 1), db);
    const check = { ...record('k', 'https://one.test/', 2), kind: 'check' as const, against: 'c' };
    await saveRecord(check, db);
    expect(await getRun('c', db)).toEqual({ record: record('c', 'https://one.test/', 1), check: null });
    expect(await getRun('k', db)).toEqual({ record: record('c', 'https://one.test/', 1), check });
    await deleteRecord('c', db);
    expect(await getRun('k', db)).toEqual({ record: null, check });
    expect(await getRun('nothing', db)).toBeNull();
  });
});
