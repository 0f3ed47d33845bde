/**
 * Escaping for the HTML documents Restage writes (the mockup and the report). Everything that
 * came from a page, a model or a file is text to show, never markup or CSS to run.
 */
import { UNSAFE_CSS_VALUE } from '../schemas';

const ENTITIES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

/** Safe in text and in double- or single-quoted attribute values. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ENTITIES[c] ?? c);
}

/** A CSS value that passes the plan's guard (UNSAFE_CSS_VALUE in utils/schemas.ts), or null. */
export function safeCss(value: string): string | null {
  const trimmed = value.trim();
  return trimmed === '' || UNSAFE_CSS_VALUE.test(trimmed) ? null : trimmed;
}

/** A `style` attribute value from declarations; unsafe or empty values are left out. */
export function styleAttribute(declarations: Readonly<Record<string, string | undefined>>): string {
  return Object.entries(declarations)
    .flatMap(([property, value]) => {
      const safe = value === undefined ? null : safeCss(value);
      return safe === null ? [] : [`${property}: ${safe}`];
    })
    .join('; ');
}

/** A complete document: the charset, a CSP, a viewport, a title, then head extras and the body. */
export function htmlDocument(parts: {
  lang?: string;
  csp: string;
  title: string;
  head: string[];
  body: string[];
}): string {
  return [
    '<!doctype html>',
    parts.lang ? `<html lang="${escapeHtml(parts.lang)}">` : '<html>',
    '<head>',
    '<meta charset="utf-8">',
    `<meta http-equiv="Content-Security-Policy" content="${parts.csp}">`,
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<title>${escapeHtml(parts.title)}</title>`,
    ...parts.head,
    '</head>',
    ...parts.body,
    '</html>',
  ].join('\n');
}
