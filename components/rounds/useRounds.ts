import { useEffect, useState } from 'react';
import { pageRecords } from '@/utils/extension/history/read';
import { roundsOf, type RoundEntry } from '@/utils/panel/rounds';
import type { CritiqueRecord } from '@/utils/core/schemas/record';

export interface Round extends RoundEntry {
  record: CritiqueRecord;
  /** The latest finished check against this round, if any: what its Export carries. */
  check: CritiqueRecord | null;
}

/**
 * The rounds of the critique shown, read straight from IndexedDB (the records of its page,
 * each parsed), again whenever `version` changes (a round or check saved, another shown).
 */
export function useRounds(record: CritiqueRecord | null, version: string): Round[] | null {
  const [rounds, setRounds] = useState<Round[] | null>(null);
  const id = record?.kind === 'critique' ? record.id : null;
  const url = record?.url ?? null;
  useEffect(() => {
    if (!id || !url) return;
    let live = true;
    void pageRecords(url).then(
      (records) => {
        const byId = new Map(records.map((r) => [r.id, r]));
        const checks = records
          .filter((r) => r.kind === 'check' && r.job.state === 'done')
          .sort((a, b) => b.createdAt - a.createdAt);
        if (live)
          setRounds(
            roundsOf(records, id).map((entry) => ({
              ...entry,
              record: byId.get(entry.id)!,
              check: checks.find((c) => c.against === entry.id) ?? null,
            })),
          );
      },
      () => live && setRounds(null),
    );
    return () => {
      live = false;
    };
  }, [id, url, version]);
  return id ? rounds : null;
}
