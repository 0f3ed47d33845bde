import { isRunning } from '@/utils/panel/jobState';
import type { CritiqueJob } from '@/components/critique/useCritiqueJob';
import { StageProgress } from '@/components/critique/StageProgress';
import { ExportMenu } from '@/components/export/ExportMenu';
import { VerifyResult } from '@/components/verify/VerifyResult';

/**
 * Verification: check the page again (after the live preview, or after a real change and a
 * reload) against the critique shown, and see which measured findings are resolved, still
 * present or new, which are gone with their regions, which a model saw and a check cannot
 * re-check, the score before → after over the same regions, and which intents were met.
 */
export function VerifyTab({ job }: { job: CritiqueJob }) {
  const { record, check } = job;
  if (!record || record.job.state !== 'done')
    return (
      <p className="muted">
        Run a critique first, change the page (or preview the plan), then check it again.
      </p>
    );
  return (
    <div className="verify">
      <div className="critique__controls">
        <button type="button" onClick={() => void job.startCheck(false)} disabled={isRunning(check)}>
          Check again
        </button>
        <span className="muted">Re-measures the page as it is now against this critique.</span>
      </div>
      <ExportMenu record={record} check={check?.draft.verify && !isRunning(check) ? check : null} />
      {check && (isRunning(check) || check.job.state !== 'done') && (
        <StageProgress
          job={check.job}
          onCancel={isRunning(check) ? () => void job.cancel(check.id) : undefined}
        />
      )}
      {check?.job.error && (
        <p role="alert" className="notice notice--bad">
          {check.job.error}
        </p>
      )}
      {check?.draft.verify && (
        <>
          <p className="muted">
            {check.preview ? 'With the plan previewed on the page' : 'The page as it is now'}, checked{' '}
            {new Date(check.createdAt).toLocaleTimeString('en-US')}.
          </p>
          <VerifyResult record={record} check={check} />
        </>
      )}
    </div>
  );
}
