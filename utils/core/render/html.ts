/**
 * Escaping for the HTML documents Restage writes (the mockup and the report). Everything that
 * came from a page, a model or a file is text to show, never markup or CSS to run.
 */
import { isCssProperty, safeValue } from '@/utils/core/plan/cssGrammar';
import { tokenize } from '@/utils/core/plan/cssTokens';

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

/**
 * Colours the mockup takes from the page's computed styles, written back by `safeColor`
 * (./mockupStyle.ts) as `rgba(r, g, b, a)`: the page's own colours may be translucent, a plan's
 * may not (utils/core/plan/cssColor.ts).
 */
const COMPUTED_COLOR = /^rgba\((\d{1,3}(\.\d+)?, ){3}(0|1|0\.\d+)\)$/;
/** A font stack: names, or quoted names without escapes (`"Helvetica Neue", Arial, sans-serif`). */
const FONT_FAMILY =
  /^([A-Za-z0-9 _-]+|"[A-Za-z0-9 _.-]+"|'[A-Za-z0-9 _.-]+')(, ?([A-Za-z0-9 _-]+|"[A-Za-z0-9 _.-]+"|'[A-Za-z0-9 _.-]+'))*$/;

/**
 * A CSS value for one property, or null. Plan properties go through the CSS grammar
 * (utils/core/plan/cssGrammar.ts) and come back in its canonical form; the few properties only the
 * mockup writes (a font stack, a width, padding, an aspect ratio) may hold numbers, lengths and
 * `/` only, or a plain font stack.
 */
export function safeCss(property: string, value: string): string | null {
  const trimmed = value.trim();
  if ((property === 'color' || property === 'background-color') && COMPUTED_COLOR.test(trimmed))
    return trimmed;
  if (isCssProperty(property)) return safeValue(property, trimmed);
  if (property === 'font-family') return FONT_FAMILY.test(trimmed) && trimmed.length <= 200 ? trimmed : null;
  const tokens = tokenize(trimmed);
  const plain =
    tokens.ok && tokens.tokens.every((t) => t.type === 'number' || (t.type === 'delim' && t.char === '/'));
  return plain ? trimmed : null;
}

/** A `style` attribute value from declarations; unsafe or empty values are left out. */
export function styleAttribute(declarations: Readonly<Record<string, string | undefined>>): string {
  return Object.entries(declarations)
    .flatMap(([property, value]) => {
      const safe = value === undefined ? null : safeCss(property, value);
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
