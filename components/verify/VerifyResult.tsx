import { useMemo } from 'react';
import type { CritiqueRecord } from '@/utils/core/schemas/record';
import type { Verify } from '@/utils/core/schemas/verify';
import { matchRegions } from '@/utils/core/verify/match';
import { COMPARISON_WORDS, MATCHED_SCORE_RULE, regionCountLine } from '@/utils/core/verify/lines';
import { compareScores } from '@/utils/core/verify/score';
import { RegionBadges, type BadgeScope } from '@/components/focus/RegionBadges';

const INTENT_NAMES: Record<Verify['intents'][number]['intent'], string> = {
  'emphasis-order': 'Emphasis order',
  grouping: 'Grouping',
  'one-primary': 'One primary per screen',
  contrast: 'Contrast',
};

function ScoreLine({ verify }: { verify: Verify }) {
  const matched = verify.scoreAfterMatched;
  const comparison = compareScores(verify);
  return (
    <>
      <p className="verify__score">
        Score <strong data-testid="score-before">{Math.round(verify.scoreBefore)}</strong> →{' '}
        <strong data-testid="score-after">{Math.round(matched ?? verify.scoreAfter)}</strong>{' '}
        <span className={`verify__verdict verify__verdict--${comparison}`} data-testid="score-verdict">
          {COMPARISON_WORDS[comparison]}
        </span>
      </p>
      <p className="muted verify__rule" data-testid="score-rule">
        {matched === undefined
          ? 'Page scores (saved before the score over the same regions).'
          : `${MATCHED_SCORE_RULE} Page score now ${Math.round(verify.scoreAfter)}.`}
      </p>
    </>
  );
}

/**
 * A check's result. Region ids under Resolved, Still present, Gone and Not re-checked are the
 * critique's, as the page and the screenshot number them; under New they are the check's own,
 * labelled so, and point at the critique's region they were matched to.
 */
export function VerifyResult({ record, check }: { record: CritiqueRecord; check: CritiqueRecord }) {
  const verify = check.draft.verify;
  const match = useMemo(
    () => matchRegions(record.draft.regions, check.draft.regions),
    [record.draft.regions, check.draft.regions],
  );
  if (!verify) return null;
  const ofCheck: BadgeScope = { of: 'the check', shownAs: (id) => match.before.get(id) ?? null };
  const groups = [
    { key: 'resolved', title: 'Resolved', items: verify.resolved },
    { key: 'still', title: 'Still present', items: verify.still },
    { key: 'new', title: 'New', items: verify.new, scope: ofCheck, about: 'region numbers are the check’s' },
    { key: 'gone', title: 'Gone', items: verify.gone, about: 'their regions are no longer on the page' },
    {
      key: 'not-rechecked',
      title: 'Not re-checked',
      items: verify.notRechecked,
      about: 'a model saw these, or OCR did not read their image again; a check judges only what it measures',
    },
  ];
  const m = verify.matched;
  return (
    <div className="verify" data-testid="verify-result">
      <ScoreLine verify={verify} />
      <p className="muted" data-testid="verify-regions">
        {regionCountLine(m)} ({m.byKey} by key, {m.byText} by text, {m.byPosition} by position)
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
      {groups.map((group) => {
        const title = `${group.title} (${group.items.length})`;
        return (
          <section key={group.key} aria-label={title}>
            <h3 className="verify__heading">
              {title}
              {group.about && <span className="muted verify__about"> · {group.about}</span>}
            </h3>
            <ul className="verify__list" data-testid={`verify-${group.key}`}>
              {group.items.map((f) => (
                <li key={f.id} data-finding-id={f.id} data-basis={f.basis}>
                  {f.title} <RegionBadges ids={f.regionIds} scope={group.scope} />
                  {f.note && <span className="muted"> {f.note}</span>}
                </li>
              ))}
            </ul>
          </section>
        );
      })}
    </div>
  );
}
