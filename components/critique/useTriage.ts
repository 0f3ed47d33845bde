import { useCallback, useEffect, useRef, useState } from 'react';
import { isRunning } from '@/utils/panel/jobState';
import type { Finding } from '@/utils/core/schemas/finding';
import type { CritiqueRecord } from '@/utils/core/schemas/record';
import { sendMessage } from '@/utils/messaging/protocol';

const messageOf = (error: unknown) => (error instanceof Error ? error.message : String(error));

/**
 * Ignore and Restore for the critique shown. The background (background/history/service.ts)
 * saves the finding's kind and region keys for the page (utils/extension/ignores.ts), so later
 * critiques set it aside, and moves it to this critique's Ignored list; restoring undoes both.
 * The record is saved as changed, so History, exports and a later check see the same lists.
 * Not while the critique runs: its stages still write the lists.
 */
export function useTriage(record: CritiqueRecord | null, replace: (record: CritiqueRecord) => void) {
  const [problem, setProblem] = useState<string | null>(null);
  const latest = useRef(record);
  useEffect(() => {
    latest.current = record;
  }, [record]);

  const change = useCallback(
    async (finding: Finding, ignore: boolean, reason: string | null) => {
      const shown = latest.current;
      if (!shown || isRunning(shown)) return;
      try {
        const next = await sendMessage('triageFinding', {
          id: shown.id,
          findingId: finding.id,
          ignore,
          reason,
        });
        replace(next);
        setProblem(null);
      } catch (error) {
        setProblem(`“${finding.title}” could not be changed: ${messageOf(error)}`);
      }
    },
    [replace],
  );

  const ignore = useCallback(
    (finding: Finding, reason: string | null) => change(finding, true, reason),
    [change],
  );
  const restore = useCallback((finding: Finding) => change(finding, false, null), [change]);
  return { ignore, restore, problem, ready: record !== null && !isRunning(record) };
}

export type Triage = ReturnType<typeof useTriage>;
