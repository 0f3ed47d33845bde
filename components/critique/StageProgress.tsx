import { leftOutModel } from '@/utils/core/jobs/record';
import type { JobStatus, StageStatus } from '@/utils/core/schemas/record';

const MARK: Record<StageStatus, string> = {
  pending: '○',
  running: '◐',
  done: '●',
  failed: '✕',
  skipped: '–',
  cancelled: '✕',
};

const ms = (value: number) => `${Math.round(value).toLocaleString('en-US')} ms`;

/** Said once under an offline critique's stages, which do not list the model's. */
export const MODEL_WOULD_ADD = 'With a model: a model plan, a generated image and its text check.';

/**
 * The job's stages as they run: what is done (and how long it took), what runs now, what is
 * left. Only the stages that run are listed; offline, one line says what a model would add.
 */
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
      {leftOutModel(job.stages) && (
        <p className="stages__model muted" data-testid="model-stages-note">
          {MODEL_WOULD_ADD}
        </p>
      )}
      {onCancel && (
        <button type="button" onClick={onCancel}>
          Cancel
        </button>
      )}
    </section>
  );
}
