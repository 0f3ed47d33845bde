import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { startHistoryService } from '@/utils/background/history/service';
import { saveArtifact, saveRecord } from '@/utils/background/history/store';
import { CRITIQUE_STAGE_NAMES, emptyRecord } from '@/utils/core/jobs/record';
import type { CritiqueRecord } from '@/utils/core/schemas/record';
import { openHistory, type HistoryDb } from '@/utils/extension/history/db';
import { getRecord } from '@/utils/extension/history/read';
import { sendMessage } from '@/utils/messaging/protocol';
import { backgroundStore, DeleteQueue } from '@/utils/panel/history/undo';
import { deliverFrom, SENDERS } from '@/test/fixtures/senders';

let db: HistoryDb;
let stop = () => {};

function recordOf(id: string, state: CritiqueRecord['job']['state'] = 'done'): CritiqueRecord {
  const record = emptyRecord(
    id,
    {
      tabId: 1,
      url: 'https://shop.test/',
      title: 'Shop',
      mode: 'viewport',
      request: null,
      kind: 'critique',
      against: null,
      preview: false,
    },
    CRITIQUE_STAGE_NAMES,
    5,
  );
  record.job.state = state;
  return record;
}

beforeEach(() => {
  db = openHistory(`service-${Math.random()}`);
  deliverFrom(SENDERS.panel);
});
afterEach(() => {
  stop();
  db.close();
  vi.restoreAllMocks();
});

describe('the background’s history service, as the panel asks it', () => {
  it('deletes a run with its artifacts and puts it back byte for byte on Undo', async () => {
    stop = startHistoryService(db);
    await saveRecord(recordOf('a'), db);
    await saveArtifact(
      'a',
      'shot',
      new Blob([new Uint8Array([137, 80, 78, 71, 9])], { type: 'image/png' }),
      db,
    );
    const row = await db.critiques.get('a');

    const queue = new DeleteQueue(backgroundStore);
    expect(await queue.remove('a', 'critique a')).toBe(true);
    expect(await getRecord('a', db)).toBeNull();
    expect(await db.artifacts.count()).toBe(0);

    expect(await queue.undo('a')).toBe(true);
    expect(await db.critiques.get('a')).toEqual(row);
    const [shot] = await db.artifacts.toArray();
    expect([...new Uint8Array(await shot!.blob.arrayBuffer())]).toEqual([137, 80, 78, 71, 9]);
    // A second Undo finds nothing held.
    expect(await sendMessage('undoDelete', { id: 'a' })).toBe(false);
  });

  it('lets the copy go when its window closes: Undo then fails and the run stays deleted', async () => {
    stop = startHistoryService(db, 50);
    await saveRecord(recordOf('b'), db);
    expect(await sendMessage('deleteRun', { id: 'b' })).toBe(true);
    await new Promise((resolve) => setTimeout(resolve, 120));
    expect(await sendMessage('undoDelete', { id: 'b' })).toBe(false);
    expect(await getRecord('b', db)).toBeNull();
    expect(await sendMessage('deleteRun', { id: 'nothing-here' })).toBe(false);
  });

  it('makes room by deleting the oldest runs that are not running', async () => {
    stop = startHistoryService(db);
    for (const [i, state] of (['done', 'running', 'done', 'failed'] as const).entries()) {
      const record = recordOf(`r${i}`, state);
      record.createdAt = i;
      await saveRecord(record, db);
    }
    expect(await sendMessage('makeRoom', { count: 2 })).toBe(2);
    expect((await db.critiques.toArray()).map((r) => r.id).sort()).toEqual(['r1', 'r3']);
  });

  it('refuses to triage a running critique or one no longer saved, with a sentence', async () => {
    stop = startHistoryService(db);
    await saveRecord(recordOf('run', 'running'), db);
    await expect(
      sendMessage('triageFinding', { id: 'run', findingId: 'f', ignore: true, reason: null }),
    ).rejects.toThrow('The critique is still running; wait for it to finish.');
    await expect(
      sendMessage('triageFinding', { id: 'gone', findingId: 'f', ignore: true, reason: null }),
    ).rejects.toThrow('This critique is no longer in history.');
  });
});
