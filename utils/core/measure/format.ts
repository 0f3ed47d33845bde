/** Number and id formatting for finding details, so every detail reads the same way. */

/** `r1, r2, r3 and 4 more`: long lists stay readable while regionIds carries them all. */
export function listIds(ids: readonly string[], max = 8): string {
  if (ids.length <= max) return ids.join(', ');
  return `${ids.slice(0, max).join(', ')} and ${ids.length - max} more`;
}

/** `16px`, `18.7px`: one decimal at most. */
export function px(value: number): string {
  return `${Math.round(value * 10) / 10}px`;
}

export function fixed(value: number, digits = 2): string {
  return value.toFixed(digits);
}

/**
 * A contrast ratio for display. Rounding must never make a failing ratio look like it meets
 * its threshold (WCAG compares the unrounded value), so 4.4995 shows as 4.499, not 4.50.
 */
export function ratioText(ratio: number, required?: number): string {
  const shown = Math.round(ratio * 100) / 100;
  if (required !== undefined && ratio < required && shown >= required) {
    return `${(Math.floor(ratio * 1000) / 1000).toFixed(3)}:1`;
  }
  return `${shown.toFixed(2)}:1`;
}

/** The basis as shown to people: a finding measured from an image's pixels says so. */
export function basisLabel(f: { basis: string; source?: 'pixels' }): string {
  return f.source === 'pixels' ? `${f.basis} (from pixels)` : f.basis;
}
