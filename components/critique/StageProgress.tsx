import type { JobStatus, StageStatus } from '@/utils/schemas';

const MARK: Record<StageStatus, string> = {
  pending: '○',
  running: '◐',
  done: '●',
  failed: '✕',
  skipped: '–',
  cancelled: '✕',
};

const ms = (value: number) => `${Math.round(value).toLocaleString('en-US')} ms`;

/** The job's stages as they run: what is done (and how long it took), what runs now, what is left. */
export function StageProgress({ job, onCancel }: { job: JobStatus; onCancel?: () => void }) {
  return (
    <section className="stages" aria-label="Progress" data-testid="stage-progress">
      <ol className="stages__list">
        {job.stages.map((stage) => (
          <li
            key={stage.name}
            className={`stages__item stages__item--${stage.status}`}
            data-stage={stage.name}
          >
            <span aria-hidden="true">{MARK[stage.status]}</span> {stage.name}
            <span className="muted">
              {stage.status === 'running' ? ` · ${job.progress ?? 'working…'}` : ''}
              {stage.ms !== null && stage.status !== 'running' ? ` · ${ms(stage.ms)}` : ''}
              {stage.status === 'skipped' || stage.status === 'cancelled' || stage.status === 'failed'
                ? ` · ${stage.status}`
                : ''}
            </span>
          </li>
        ))}
      </ol>
      {onCancel && (
        <button type="button" onClick={onCancel}>
          Cancel
        </button>
      )}
    </section>
  );
}
