/** Layout and typography only: nothing that can load, run or hide content. */
export const ALLOWED_CSS_PROPERTIES = [
  'font-size',
  'font-weight',
  'line-height',
  'letter-spacing',
  'color',
  'background-color',
  'margin-top',
  'margin-bottom',
  'margin-left',
  'margin-right',
  'padding-top',
  'padding-bottom',
  'padding-left',
  'padding-right',
  'gap',
  'order',
  'max-width',
  'text-align',
  // Only `underline` (./cssGrammar.ts): a link's cue beside text (WCAG 1.4.1), never taken away.
  'text-decoration-line',
] as const;
