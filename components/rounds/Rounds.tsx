import { useState, type ReactNode } from 'react';
import { isRunning } from '@/utils/panel/jobState';
import type { CritiqueRecord } from '@/utils/core/schemas/record';
import type { CritiqueJob } from '@/components/critique/useCritiqueJob';
import { useArtifactUrl } from '@/components/focus/useArtifactUrl';
import { useRounds, type Round } from '@/components/rounds/useRounds';
import '@/components/rounds/rounds.css';

/** The follow-up box's placeholder: the offline command language, in full. */
export const FOLLOW_UP_PLACEHOLDER =
  'r12 bigger, r5 primary, keep r3, r7 before r4, more space around r9. With a model, any words: keep the hero image, make the price bigger';

const when = (time: number) => new Date(time).toLocaleTimeString('en-US', { timeStyle: 'short' });

export interface RoundsProps {
  job: CritiqueJob;
  /** Part of each round's actions: the export menu for that round and its latest check. */
  renderExport?(record: CritiqueRecord, check: CritiqueRecord | null): ReactNode;
}

/**
 * Refine in rounds: the follow-up box that starts the next round from the round shown, what
 * the round shown made of its request, and every round of this critique (round 1, 2, 2′, 3…),
 * each with its request, its score (saying which), its thumbnail and its actions.
 */
export function Rounds({ job, renderExport }: RoundsProps) {
  const { record, check } = job;
  const [request, setRequest] = useState('');
  const version = `${record?.id}:${record?.updatedAt}:${check?.id}:${check?.updatedAt}`;
  const rounds = useRounds(record, version);
  if (!record || record.kind !== 'critique') return null;
  const ready = record.job.state === 'done' && record.draft.plan !== null;
  const busy = isRunning(record) || isRunning(check);
  const shown = rounds?.find((r) => r.id === record.id);
  const submit = () => {
    const text = request.trim();
    if (!text) return;
    void job.refine(text, record.id).then(() => setRequest(''));
  };
  return (
    <section className="rounds" aria-labelledby="rounds-title" data-testid="rounds">
      <h2 id="rounds-title" className="rounds__title">
        Rounds
      </h2>
      {record.draft.refinement && <Refinement record={record} />}
      {ready && (
        <form
          className="rounds__follow-up"
          onSubmit={(e) => {
            e.preventDefault();
            submit();
          }}
        >
          <label htmlFor="follow-up">Follow-up for {shown ? shown.label.toLowerCase() : 'this round'}</label>
          <textarea
            id="follow-up"
            rows={4}
            aria-describedby="follow-up-help"
            maxLength={2000}
            placeholder={FOLLOW_UP_PLACEHOLDER}
            value={request}
            onChange={(e) => setRequest(e.target.value)}
            onKeyDown={(e) => {
              if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) submit();
            }}
          />
          <p id="follow-up-help" className="muted rounds__help">
            Without a model, commands with region numbers: <code>r12 bigger</code>, <code>r5 primary</code>,{' '}
            <code>keep r3</code>, <code>r7 before r4</code>, <code>more space around r9</code>, separated by
            commas, “and” or new lines. Ctrl+Enter starts the round.
          </p>
          <button type="submit" className="primary" disabled={busy || request.trim() === ''}>
            Start round {record.round + 1}
          </button>
        </form>
      )}
      {rounds && rounds.length > 0 && (
        <ol className="rounds__list" aria-label="Rounds of this critique">
          {rounds.map((round) => (
            <RoundItem
              key={round.id}
              round={round}
              shown={round.id === record.id}
              busy={busy}
              job={job}
              // The round shown is exported by the view's own Export, above.
              exportMenu={round.id === record.id ? null : renderExport?.(round.record, round.check)}
            />
          ))}
        </ol>
      )}
    </section>
  );
}

function scoreLine(round: Round): string {
  if (!round.score) return 'no plan';
  return round.score.kind === 'verified'
    ? `verified ${round.score.value} (its preview, checked on the page)`
    : `predicted ${round.score.value} (the plan’s estimate; preview to verify)`;
}

function RoundItem({
  round,
  shown,
  busy,
  job,
  exportMenu,
}: {
  round: Round;
  shown: boolean;
  busy: boolean;
  job: CritiqueJob;
  exportMenu: ReactNode;
}) {
  const thumb = useArtifactUrl(round.thumb);
  return (
    <li
      className={`rounds__item${shown ? ' rounds__item--shown' : ''}`}
      data-round={round.id}
      aria-current={shown ? 'true' : undefined}
    >
      {thumb ? (
        <img className="rounds__thumb" src={thumb} alt="" width={120} height={80} />
      ) : (
        <span className="rounds__thumb rounds__thumb--none" aria-hidden="true" />
      )}
      <div className="rounds__text">
        <strong>
          {round.label}
          {round.from && <span className="muted"> from {round.from.toLowerCase()}</span>}
          {shown && <span className="muted"> · shown</span>}
        </strong>
        <span className="rounds__request">{round.request ? `“${round.request}”` : 'the first critique'}</span>
        <span className="muted">
          {round.state === 'done' ? scoreLine(round) : round.state} · {when(round.createdAt)}
        </span>
      </div>
      <div className="rounds__actions">
        {!shown && (
          <button type="button" onClick={() => void job.open(round.id)} aria-label={`Open ${round.label}`}>
            Open
          </button>
        )}
        <button
          type="button"
          className="button--secondary"
          disabled={busy || round.state !== 'done' || !round.record.draft.plan}
          aria-label={`Preview ${round.label} on the page`}
          onClick={() =>
            void (shown ? Promise.resolve() : job.open(round.id)).then(() => job.preview(true, round.id))
          }
        >
          Preview
        </button>
        {exportMenu}
      </div>
    </li>
  );
}

/** What the round shown made of its request: each command and its change, or why it was refused. */
function Refinement({ record }: { record: CritiqueRecord }) {
  const refinement = record.draft.refinement!;
  const items = [
    ...refinement.applied.map((a) => ({
      key: `a:${a.command}`,
      text: `${a.command}: ${a.change}`,
      bad: false,
    })),
    ...refinement.refused.map((r) => ({
      key: `r:${r.command}`,
      text: `${r.command}: not done. ${r.reason}`,
      bad: true,
    })),
  ];
  return (
    <div className="rounds__refinement" data-testid="refinement">
      <p>
        Round {record.round}: “{record.request}”
      </p>
      {items.length > 0 && (
        <ul>
          {items.map((item) => (
            <li key={item.key} className={item.bad ? 'rounds__refused' : undefined}>
              {item.text}
            </li>
          ))}
        </ul>
      )}
      {refinement.unread.length > 0 && (
        <p className={refinement.model ? 'muted' : 'rounds__refused'} data-testid="needs-model">
          {refinement.model
            ? `Read by the model as free text: ${refinement.unread.map((u) => `“${u}”`).join(', ')}.`
            : `Needs a model (set one up in Settings): ${refinement.unread.map((u) => `“${u}”`).join(', ')}. Offline, only the commands above are read.`}
        </p>
      )}
    </div>
  );
}
