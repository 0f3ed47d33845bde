import type { Draft } from '@/utils/core/schemas/record';

const usd = (value: number) => `$${value < 0.01 ? value.toFixed(4) : value.toFixed(3)}`;
const count = (value: number) => value.toLocaleString('en-US');

/**
 * Which engine made the plan shown, and what the model stages cost: the estimate before
 * sending and the usage after. Says plainly why the offline plan stayed when a model failed,
 * and which plan won, by predicted score, when both were there.
 */
export function EngineSummary({ draft }: { draft: Draft }) {
  const { planner, imageRun } = draft;
  if (!planner) return null;
  return (
    <section className="engine" aria-label="Engine" data-testid="engine-summary">
      <p>
        <strong>{draft.engine === 'offline' ? 'Offline plan' : `Plan by ${draft.engine.slice(6)}`}</strong>
        {planner.status === 'model' && planner.repaired && ' (after one repair)'}
      </p>
      {planner.choice ? (
        <p className="muted" data-testid="plan-choice">
          {planner.choice.sentence}
        </p>
      ) : (
        planner.note && (
          <p className="notice notice--bad" role="alert" data-testid="model-note">
            {planner.note}
          </p>
        )
      )}
      <p className="muted">
        Planner: estimated {count(planner.estimate.inputTokens)} input tokens, {usd(planner.estimate.usd)}
        {planner.usage.reported &&
          ` · used ${count(planner.usage.inputTokens)} in, ${count(planner.usage.outputTokens)} out, ${usd(planner.costUsd)}`}
        {planner.image && ` · screenshot sent at ${planner.image.width}×${planner.image.height}`}
      </p>
      {imageRun && (
        <p className="muted">
          Image: {imageRun.status === 'done' ? `${imageRun.model} ${imageRun.size}` : imageRun.note} ·
          estimated {usd(imageRun.estimateUsd)}
          {imageRun.usage.reported && ` · billed ${usd(imageRun.costUsd)}`}
        </p>
      )}
    </section>
  );
}
