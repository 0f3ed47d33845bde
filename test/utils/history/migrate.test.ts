import 'fake-indexeddb/auto';
import { readFileSync } from 'node:fs';
import Dexie from 'dexie';
import { afterEach, describe, expect, it } from 'vitest';
import { openHistory } from '@/utils/history/db';
import { readCritiqueJson, RecordV1 } from '@/utils/history/migrate';
import { getRecord, listHistory, readArtifact } from '@/utils/history/store';
import { toCritique } from '@/utils/jobs/record';
import { regionKey } from '@/utils/regions/key';
import { SCHEMA_VERSION } from '@/utils/schemas';

/** What Restage 0.1.0's `critiqueTab` returned for corpus page 4176.html at 640×400, verbatim. */
const RUN_0_1_0 = JSON.parse(
  readFileSync(`${import.meta.dirname}/../../fixtures/history/run-0.1.0.json`, 'utf8'),
);

const names: string[] = [];
afterEach(async () => {
  for (const name of names.splice(0)) await Dexie.delete(name);
});

describe('migration from schema version 1 (Restage 0.1.0)', () => {
  it('opens a database written at version 1 and migrates every critique, images to Blobs', async () => {
    const name = 'history-v1';
    names.push(name);
    // Written exactly as version 1 of the schema lays it out: one table, images inline.
    const v1 = new Dexie(name);
    v1.version(1).stores({ critiques: 'id, url, createdAt' });
    const row = RecordV1.parse({
      id: 'old-1',
      url: RUN_0_1_0.critique.url,
      createdAt: 1_700_000_000_000,
      run: RUN_0_1_0,
    });
    await v1.table('critiques').put(row);
    v1.close();

    const db = openHistory(name);
    const record = await getRecord('old-1', db);
    expect(record).not.toBeNull();
    expect(record!.schemaVersion).toBe(SCHEMA_VERSION);
    expect(record!.job.state).toBe('done');
    expect(record!.draft.findings).toEqual(RUN_0_1_0.critique.findings);
    expect(record!.draft.regions.map((r) => r.key)).toEqual(
      RUN_0_1_0.critique.regions.map((r: { tag: string; selector: string; text: string }) =>
        regionKey(r.tag, r.selector, r.text),
      ),
    );
    const shot = await readArtifact(record!.draft.shot!.image.id, db);
    const original = Buffer.from(RUN_0_1_0.shot.dataUrl.split(',')[1], 'base64');
    expect(Buffer.from(await shot!.arrayBuffer()).equals(original)).toBe(true);
    expect(shot!.type).toBe('image/png');
    expect(await (await readArtifact(record!.draft.mockup!.id, db))!.text()).toBe(RUN_0_1_0.mockupHtml);
    expect((await listHistory(undefined, db)).map((e) => e.id)).toEqual(['old-1']);
    const critique = toCritique(record!);
    expect(critique.timings.total).toBe(RUN_0_1_0.critique.timings.totalMs);
    expect(critique.timings.capture).toBe(RUN_0_1_0.critique.timings.captureMs);
    expect(record!.url).toBe(RUN_0_1_0.critique.url);
    expect(record!.createdAt).toBe(record!.updatedAt);
    expect(record!.job.stages.every((s) => s.status === 'done')).toBe(true);
    db.close();
  });

  it('reads a 0.1.0 critique.json (no schemaVersion) and a current one', () => {
    const old = readCritiqueJson(RUN_0_1_0.critique);
    expect(old.schemaVersion).toBe(SCHEMA_VERSION);
    expect(old.regions).toHaveLength(RUN_0_1_0.critique.regions.length);
    expect(old.timings).toMatchObject({ capture: RUN_0_1_0.critique.timings.captureMs });
    expect(readCritiqueJson(JSON.parse(JSON.stringify(old)))).toEqual(old);
    expect(() => readCritiqueJson({ schemaVersion: 99 })).toThrow();
  });
});
