import { UsdField, type SectionProps } from '@/components/settings/fields';

/** The per-critique and per-day caps every estimate is checked against before sending. */
export function SpendingCaps({ draft, errors, edit }: SectionProps) {
  return (
    <fieldset className="settings__group">
      <legend>Spending caps (US dollars)</legend>
      <div className="settings__row">
        <UsdField
          name="capPerCritiqueUsd"
          label="Per critique"
          value={draft.capPerCritiqueUsd}
          error={errors.capPerCritiqueUsd}
          onValue={(value) => edit('capPerCritiqueUsd', value)}
        />
        <UsdField
          name="capPerDayUsd"
          label="Per day"
          value={draft.capPerDayUsd}
          error={errors.capPerDayUsd}
          onValue={(value) => edit('capPerDayUsd', value)}
        />
      </div>
      <small className="muted">
        Each call is estimated before it is sent; anything that would pass a cap is not sent, and the offline
        critique is shown. Local servers cost nothing.
      </small>
    </fieldset>
  );
}
