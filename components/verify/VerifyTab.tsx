import { isRunning } from '@/utils/panel/jobState';
import type { Verify } from '@/utils/schemas';
import type { CritiqueJob } from '../critique/useCritiqueJob';
import { StageProgress } from '../critique/StageProgress';
import { RegionBadges } from '../focus/RegionBadges';

const INTENT_NAMES: Record<Verify['intents'][number]['intent'], string> = {
  'emphasis-order': 'Emphasis order',
  grouping: 'Grouping',
  'one-primary': 'One primary per screen',
  contrast: 'Contrast',
};

function Result({ verify }: { verify: Verify }) {
  const groups = [
    { key: 'resolved', title: `Resolved (${verify.resolved.length})`, items: verify.resolved },
    { key: 'still', title: `Still present (${verify.still.length})`, items: verify.still },
    { key: 'new', title: `New (${verify.new.length})`, items: verify.new },
  ] as const;
  return (
    <div className="verify" data-testid="verify-result">
      <p className="verify__score">
        Score <strong data-testid="score-before">{Math.round(verify.scoreBefore)}</strong> →{' '}
        <strong data-testid="score-after">{Math.round(verify.scoreAfter)}</strong>
        <span className="muted">
          {' '}
          · {verify.matched.byKey + verify.matched.byText + verify.matched.byPosition} of{' '}
          {verify.matched.before} regions matched ({verify.matched.byKey} by key, {verify.matched.byText} by
          text, {verify.matched.byPosition} by position)
        </span>
      </p>
      <ul className="verify__intents" aria-label="Intents of the plan">
        {verify.intents.map((i) => (
          <li key={i.intent} data-intent={i.intent} data-met={String(i.met)}>
            <strong>{INTENT_NAMES[i.intent]}</strong>:{' '}
            {i.met === null ? 'cannot check' : i.met ? 'met' : 'not met'} ·{' '}
            <span className="muted">{i.reason}</span>
          </li>
        ))}
      </ul>
      {groups.map((group) => (
        <section key={group.key} aria-label={group.title}>
          <h3 className="verify__heading">{group.title}</h3>
          <ul className="verify__list" data-testid={`verify-${group.key}`}>
            {group.items.map((f) => (
              <li key={f.id}>
                {f.title} <RegionBadges ids={f.regionIds} />
                {'note' in f && f.note && <span className="muted"> {f.note}</span>}
              </li>
            ))}
          </ul>
        </section>
      ))}
    </div>
  );
}

/**
 * Verification: check the page again (after the live preview, or after a real change and a
 * reload) against the critique shown, and see which findings are resolved, still present or
 * new, the score before → after, and which intents of the plan were met.
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
          <Result verify={check.draft.verify} />
        </>
      )}
    </div>
  );
}
