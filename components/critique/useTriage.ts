import { useCallback, useEffect, useRef, useState } from 'react';
import { saveRecord } from '@/utils/extension/history/read';
import { isRunning } from '@/utils/panel/jobState';
import type { CritiqueRecord, Finding } from '@/utils/core/schemas';
import { dropIgnore, saveIgnore } from '@/utils/extension/ignores';
import { ignoreInRecord, restoreInRecord } from '@/utils/core/triage/record';

const messageOf = (error: unknown) => (error instanceof Error ? error.message : String(error));

/**
 * Ignore and Restore for the critique shown. Ignoring saves the finding's kind and region keys
 * for the page (utils/extension/ignores.ts), so later critiques set it aside, and moves it to this
 * critique's Ignored list at once; restoring undoes both. The record is saved as changed, so
 * History, exports and a later check see the same lists. Not while the critique runs: its
 * stages still write the lists.
 */
export function useTriage(record: CritiqueRecord | null, replace: (record: CritiqueRecord) => void) {
  const [problem, setProblem] = useState<string | null>(null);
  const latest = useRef(record);
  useEffect(() => {
    latest.current = record;
  }, [record]);

  const change = useCallback(
    async (finding: Finding, run: (record: CritiqueRecord) => Promise<CritiqueRecord>) => {
      const shown = latest.current;
      if (!shown || isRunning(shown)) return;
      try {
        const next = await run(shown);
        await saveRecord(next);
        replace(next);
        setProblem(null);
      } catch (error) {
        setProblem(`“${finding.title}” could not be changed: ${messageOf(error)}`);
      }
    },
    [replace],
  );

  const ignore = useCallback(
    (finding: Finding, reason: string | null) =>
      change(finding, async (shown) => {
        const at = Date.now();
        await saveIgnore(shown.url, finding, shown.draft.regions, reason, at);
        return ignoreInRecord(shown, finding.id, reason, at);
      }),
    [change],
  );
  const restore = useCallback(
    (finding: Finding) =>
      change(finding, async (shown) => {
        await dropIgnore(shown.url, finding, shown.draft.regions);
        return restoreInRecord(shown, finding.id, Date.now());
      }),
    [change],
  );
  return { ignore, restore, problem, ready: record !== null && !isRunning(record) };
}

export type Triage = ReturnType<typeof useTriage>;
