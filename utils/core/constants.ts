/** Names that more than one context must spell the same way. */

/** The extension command that shows or hides the numbered labels on the page (wxt.config.ts). */
export const LABELS_COMMAND = 'toggle-labels';

/** The name of the progress port each open panel holds to the background (extension/channel.ts). */
export const PANEL_PORT = 'restage-panel';

/** How a generated image of the next state is labelled wherever it is shown or exported. */
export const GENERATED_LABEL = 'generated: a plan to check, not a fact';

/** How long Undo is offered after a History delete (the background keeps the copy that long). */
export const UNDO_MS = 10_000;
