import 'fake-indexeddb/auto';
import { readFileSync } from 'node:fs';
import Dexie from 'dexie';
import { afterEach, describe, expect, it } from 'vitest';
import { openHistory } from '@/utils/extension/history/db';
import { readCritiqueJson } from '@/utils/core/history/migrate';
import { SCHEMA_VERSION } from '@/utils/core/schemas/record';

/** What Restage 0.1.0's `critiqueTab` returned for corpus page 4176.html at 640×400, verbatim. */
const RUN_0_1_0 = JSON.parse(
  readFileSync(`${import.meta.dirname}/../../../fixtures/history/run-0.1.0.json`, 'utf8'),
);

const names: string[] = [];
afterEach(async () => {
  for (const name of names.splice(0)) await Dexie.delete(name);
});

describe('what earlier versions wrote', () => {
  it('opens history at version 2, with no earlier database version to upgrade from', async () => {
    const name = 'history-fresh';
    names.push(name);
    const db = openHistory(name);
    await db.open();
    expect(db.verno).toBe(SCHEMA_VERSION);
    expect(db.tables.map((t) => t.name).sort()).toEqual(['artifacts', 'critiques']);
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
