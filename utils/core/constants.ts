/** The extension command that shows or hides the numbered labels on the page (wxt.config.ts). */
export const LABELS_COMMAND = 'toggle-labels';
