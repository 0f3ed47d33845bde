import { useEffect, useRef, useState, type FocusEvent } from 'react';
import { basisLabel } from '@/utils/core/measure/format';
import type { Finding } from '@/utils/core/schemas/finding';
import { RegionBadges } from '@/components/focus/RegionBadges';
import { useRegionFocus } from '@/components/focus/RegionFocus';
import type { FixPreview } from '@/components/critique/useFixPreview';
import type { Triage } from '@/components/critique/useTriage';

/**
 * One finding: what is wrong, why, the fix (with a button that previews it alone), its basis
 * and regions. Hovering the card, or moving focus into it, lights all its regions on the page
 * and on the screenshot. **Ignore** asks for an optional reason, then sets it aside.
 */
export function FindingCard({
  finding: f,
  preview,
  triage,
}: {
  finding: Finding;
  preview?: FixPreview;
  triage?: Triage;
}) {
  const { light } = useRegionFocus();
  const fixable = preview && (f.fixPatch?.length ?? 0) > 0;
  const on = preview?.active === f.id;
  const onBlur = (e: FocusEvent<HTMLLIElement>) => {
    if (!e.currentTarget.contains(e.relatedTarget as Node | null)) light([]);
  };
  return (
    <li
      className={`finding finding--${f.severity}`}
      data-finding={f.id}
      data-rule={f.rule}
      onMouseEnter={() => light(f.regionIds)}
      onMouseLeave={() => light([])}
      onFocus={() => light(f.regionIds)}
      onBlur={onBlur}
    >
      <p className="finding__head">
        <span className="finding__severity">{f.severity}</span>
        <strong>{f.title}</strong>
      </p>
      {f.why && <p className="finding__why">{f.why}</p>}
      {f.fix && (
        <p className="finding__fix">
          <span className="finding__label">Fix:</span> {f.fix}
        </p>
      )}
      {fixable && (
        <p className="finding__preview">
          <button type="button" aria-pressed={on} onClick={() => void preview.toggle(f)}>
            Preview this fix
          </button>
          {on && <span className="muted"> On the page; press again to put the page back.</span>}
        </p>
      )}
      {f.detail && (
        <details className="finding__detail">
          <summary>Details</summary>
          {f.detail}
        </details>
      )}
      <p className="finding__meta">
        <span className="muted" data-basis={f.basis}>
          {basisLabel(f)} · {Math.round(f.confidence * 100)}% sure
        </span>
        <RegionBadges ids={f.regionIds} />
      </p>
      {triage && <IgnoreForm finding={f} triage={triage} />}
    </li>
  );
}

function IgnoreForm({ finding, triage }: { finding: Finding; triage: Triage }) {
  const [asking, setAsking] = useState(false);
  const [reason, setReason] = useState('');
  const opener = useRef<HTMLButtonElement>(null);
  // Cancel hands focus back to the Ignore button, once it is there again.
  const refocus = useRef(false);
  useEffect(() => {
    if (asking || !refocus.current) return;
    refocus.current = false;
    opener.current?.focus();
  }, [asking]);
  const close = () => {
    refocus.current = true;
    setAsking(false);
    setReason('');
  };
  if (!asking)
    return (
      <p className="finding__triage">
        <button
          ref={opener}
          type="button"
          className="button--secondary button--small"
          disabled={!triage.ready}
          onClick={() => setAsking(true)}
        >
          Ignore
        </button>
      </p>
    );
  return (
    <form
      className="finding__ignore"
      onSubmit={(e) => {
        e.preventDefault();
        // The card leaves the list: focus goes on to the next card (or the one before), not the page's top.
        const card = e.currentTarget.closest('li');
        const neighbour = (card?.nextElementSibling ?? card?.previousElementSibling) as HTMLElement | null;
        void triage
          .ignore(finding, reason.trim() || null)
          .then(() => neighbour?.querySelector<HTMLElement>('button, summary')?.focus());
      }}
      onKeyDown={(e) => {
        if (e.key === 'Escape') close();
      }}
    >
      <input
        aria-label="Reason for ignoring (optional)"
        placeholder="Reason (optional)"
        maxLength={500}
        value={reason}
        onChange={(e) => setReason(e.target.value)}
        autoFocus
      />
      <button type="submit" className="button--small" disabled={!triage.ready}>
        Ignore
      </button>
      <button type="button" className="button--secondary button--small" onClick={close}>
        Cancel
      </button>
    </form>
  );
}
