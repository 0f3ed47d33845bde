import type { InputHTMLAttributes, ReactNode } from 'react';
import type { Settings } from '@/utils/core/schemas/settings';

export type Errors = Partial<Record<keyof Settings, string>>;

/** What each part of the settings form gets: the draft, its errors and a way to change one field. */
export interface SectionProps {
  draft: Settings;
  errors: Errors;
  edit: <K extends keyof Settings>(key: K, value: Settings[K]) => void;
}

interface FieldProps {
  name: string;
  label: string;
  hint?: ReactNode;
  error?: string;
}

/** A labelled text input with its hint and its error, as the settings form shows each field. */
export function TextField({
  name,
  label,
  hint,
  error,
  value,
  onValue,
  ...input
}: FieldProps & { value: string; onValue: (value: string) => void } & InputHTMLAttributes<HTMLInputElement>) {
  return (
    <label className="field">
      <span>{label}</span>
      <input
        name={name}
        value={value}
        aria-invalid={Boolean(error)}
        onChange={(e) => onValue(e.target.value)}
        {...input}
      />
      {hint && <small className="muted">{hint}</small>}
      {error && <small className="field__error">{error}</small>}
    </label>
  );
}

/** A dollar amount; an empty box is NaN, which the schema reports as "must be a number". */
export function UsdField({
  name,
  label,
  error,
  value,
  onValue,
}: FieldProps & { value: number; onValue: (value: number) => void }) {
  return (
    <label className="field field--narrow">
      <span>{label}</span>
      <input
        name={name}
        type="number"
        min={0}
        step={0.01}
        inputMode="decimal"
        value={Number.isNaN(value) ? '' : value}
        aria-invalid={Boolean(error)}
        onChange={(e) => onValue(e.target.valueAsNumber)}
      />
      {error && <small className="field__error">{error}</small>}
    </label>
  );
}
