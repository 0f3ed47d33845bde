/**
 * The tokenizer behind the CSS grammar (./cssGrammar.ts): a small subset of CSS Syntax 3
 * (https://drafts.csswg.org/css-syntax-3/#tokenization) with only the tokens a layout or
 * typography value needs. Anything else (quotes, backslashes, `;{}<>@!:`, comments, idents
 * that start with `-`, non-ASCII or control characters) is not a token, so the value is refused
 * before any property grammar sees it.
 */

export type Token =
  /** A number with its unit: `''` for a plain number, `'%'` for a percentage; the unit is lower case. */
  | { type: 'number'; value: number; unit: string }
  | { type: 'ident'; name: string }
  | { type: 'hash'; hex: string }
  /** `rgb(`: the name, lower case, without the parenthesis. */
  | { type: 'function'; name: string }
  | { type: 'delim'; char: ',' | '/' | '(' | ')' | '+' | '-' | '*' };

/** Longer values are refused: no real layout value needs more, and a long one hides tricks. */
export const MAX_VALUE_LENGTH = 64;

const NUMBER = /^[+-]?(?:\d+(?:\.\d+)?|\.\d+)([a-z]+|%)?/i;
const IDENT = /^[a-z][a-z0-9-]*/i;
const HASH = /^#[0-9a-f]+/i;
const DELIMS = new Set([',', '/', '(', ')', '+', '-', '*']);

export type Tokens = { ok: true; tokens: Token[] } | { ok: false; reason: string };

/** Strips one trailing `!important` (the preview adds its own), then tokenizes. */
export function tokenize(raw: string): Tokens {
  const value = raw.replace(/!\s*important\s*$/i, '').trim();
  if (value === '') return { ok: false, reason: 'an empty value' };
  if (value.length > MAX_VALUE_LENGTH)
    return { ok: false, reason: `longer than ${MAX_VALUE_LENGTH} characters` };
  // Printable ASCII only: no control characters, no fullwidth look-alikes, no escapes' targets.
  if (!/^[\x20-\x7e]*$/.test(value)) return { ok: false, reason: 'a non-ASCII or control character' };
  if (value.includes('/*') || value.includes('*/')) return { ok: false, reason: 'a comment' };
  const tokens: Token[] = [];
  let rest = value;
  while (rest.length > 0) {
    const space = /^ +/.exec(rest);
    if (space) {
      rest = rest.slice(space[0].length);
      continue;
    }
    const number = NUMBER.exec(rest);
    // A sign is part of a number only when a digit or a dot follows it (`-4px`); `8px - 4px` in calc() is a delimiter.
    if (number) {
      tokens.push({
        type: 'number',
        value: Number.parseFloat(number[0]),
        unit: (number[1] ?? '').toLowerCase(),
      });
      rest = rest.slice(number[0].length);
      continue;
    }
    const ident = IDENT.exec(rest);
    if (ident) {
      const name = ident[0].toLowerCase();
      rest = rest.slice(ident[0].length);
      if (rest.startsWith('(')) {
        tokens.push({ type: 'function', name });
        rest = rest.slice(1);
      } else tokens.push({ type: 'ident', name });
      continue;
    }
    const hash = HASH.exec(rest);
    if (hash) {
      tokens.push({ type: 'hash', hex: hash[0].slice(1).toLowerCase() });
      rest = rest.slice(hash[0].length);
      continue;
    }
    const char = rest[0] ?? '';
    if (!DELIMS.has(char)) {
      // `url(https://…)`: the function is what matters, not the first character it trips on.
      const fn = tokens.find((t) => t.type === 'function');
      return {
        ok: false,
        reason:
          fn?.type === 'function' ? `${fn.name}() is not allowed` : `the character ${JSON.stringify(char)}`,
      };
    }
    tokens.push({ type: 'delim', char: char as ',' });
    rest = rest.slice(1);
  }
  return { ok: true, tokens };
}
