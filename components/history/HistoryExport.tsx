import { useState } from 'react';
import { getRun, type HistoryEntry } from '@/utils/extension/history/read';
import type { CritiqueRecord } from '@/utils/core/schemas/record';
import { ExportMenu } from '@/components/export/ExportMenu';

/**
 * A History row's Export: the same menu as on Critique, Alternative and Verify. The run is read
 * (and parsed whole) only when its Export is first pressed; a check exports with its critique.
 */
export function HistoryExport({ entry }: { entry: HistoryEntry }) {
  const [run, setRun] = useState<{ record: CritiqueRecord; check: CritiqueRecord | null } | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  if (run) return <ExportMenu record={run.record} check={run.check} initiallyOpen />;
  const load = async () => {
    setProblem(null);
    try {
      const found = await getRun(entry.id);
      if (!found?.record)
        throw new Error(
          entry.kind === 'check'
            ? 'the critique it checked is no longer in history'
            : 'it is no longer in history',
        );
      setRun({ record: found.record, check: found.check });
    } catch (error) {
      setProblem(`Export failed: ${(error as Error).message}.`);
    }
  };
  return (
    <>
      <button type="button" className="button--secondary" aria-expanded={false} onClick={() => void load()}>
        Export <span aria-hidden="true">▾</span>
      </button>
      {problem && (
        <p className="notice--bad" role="alert">
          {problem}
        </p>
      )}
    </>
  );
}
