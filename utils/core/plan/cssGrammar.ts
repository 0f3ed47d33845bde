/**
 * The CSS grammar every plan value must pass, offline or from a model, wherever it is written:
 * the CssDeclarations schema, the live preview's stylesheet, the mockup and the report. Each
 * allow-listed property has its own small grammar over the tokens of ./cssTokens.ts: lengths,
 * numbers, percentages, opaque colours and keywords, with `calc()` of one unit only and the
 * colour functions for colour properties. A value that passes is written back in one canonical
 * form (`calc(8px + 4px)` → `12px`, `rgb(0 0 0)` → `#000000`), so nothing the model typed
 * reaches a stylesheet as it was typed.
 *
 * The bounds here hold for any region (no negative margins, opaque colours, text of 12px or
 * more); the ones that depend on the region (the page's smallest text, contrast, line height
 * against the font size) are in ./sanitizePatch.ts. Pure: no DOM, importable from every context.
 */
import type { Rgba } from '@/utils/core/measure/color';
import { ALLOWED_CSS_PROPERTIES } from '@/utils/core/plan/cssProperties';
import { parseColorTokens } from '@/utils/core/plan/cssColor';
import { tokenize, type Token } from '@/utils/core/plan/cssTokens';

export type CssProperty = (typeof ALLOWED_CSS_PROPERTIES)[number];

export type CssValue =
  | { kind: 'length'; value: number; unit: string }
  | { kind: 'number'; value: number }
  | { kind: 'keyword'; name: string }
  | { kind: 'color'; color: Rgba; css: string };

export type Parsed = { ok: true; value: CssValue } | { ok: false; reason: string };
export type Checked = { ok: true; value: CssValue; css: string } | { ok: false; reason: string };

/** Text below 12px is hard to read at any hierarchy level (the offline plan's floor too). */
export const MIN_FONT_SIZE = 12;

const ALLOWED: ReadonlySet<string> = new Set(ALLOWED_CSS_PROPERTIES);

/** Bounds per unit; a unit missing from the table is not allowed for the property. */
type Ranges = Readonly<Record<string, readonly [number, number]>>;

const FONT_SIZE_UNITS: Ranges = { px: [MIN_FONT_SIZE, 200], em: [0, 12], rem: [0, 12], '%': [0, 1200] };
const MARGIN: Ranges = { px: [0, 400], em: [0, 25], rem: [0, 25], '%': [0, 50] };
const PADDING: Ranges = { px: [0, 200], em: [0, 12], rem: [0, 12], '%': [0, 25] };
// Line length: WCAG 1.4.8 asks for at most 80 characters; a column much narrower than 20 is unreadable.
const MAX_WIDTH: Ranges = { px: [240, 10000], ch: [20, 400], em: [15, 600], rem: [15, 600], '%': [50, 100] };
const LINE_HEIGHT: Ranges = { px: [0, 400], em: [1, 4], '%': [100, 400] };
const LETTER_SPACING: Ranges = { px: [-2, 20], em: [-0.05, 1] };

interface Spec {
  keywords?: readonly string[];
  lengths?: Ranges;
  /** A plain number and its bounds; `integer` when only whole numbers make sense. */
  number?: { min: number; max: number; integer?: boolean };
  color?: true;
}

const SPECS: Record<CssProperty, Spec> = {
  'font-size': { lengths: FONT_SIZE_UNITS },
  'font-weight': { keywords: ['normal', 'bold', 'bolder', 'lighter'], number: { min: 1, max: 1000 } },
  'line-height': { keywords: ['normal'], lengths: LINE_HEIGHT, number: { min: 1, max: 4 } },
  'letter-spacing': { keywords: ['normal'], lengths: LETTER_SPACING },
  color: { color: true },
  'background-color': { color: true },
  'margin-top': { keywords: ['auto'], lengths: MARGIN },
  'margin-bottom': { keywords: ['auto'], lengths: MARGIN },
  'margin-left': { keywords: ['auto'], lengths: MARGIN },
  'margin-right': { keywords: ['auto'], lengths: MARGIN },
  'padding-top': { lengths: PADDING },
  'padding-bottom': { lengths: PADDING },
  'padding-left': { lengths: PADDING },
  'padding-right': { lengths: PADDING },
  gap: { keywords: ['normal'], lengths: PADDING },
  order: { number: { min: -100, max: 100, integer: true } },
  'max-width': { keywords: ['none'], lengths: MAX_WIDTH },
  'text-align': { keywords: ['left', 'right', 'center', 'start', 'end', 'justify'] },
  // `none` is left out: removing a link's underline can leave it told apart by colour alone (F73).
  'text-decoration-line': { keywords: ['underline'] },
};

export const isCssProperty = (property: string): property is CssProperty => ALLOWED.has(property);

/** `12`, `0.5`, `-4`: at most four decimals, never an exponent. */
export const formatNumber = (n: number) => String(Math.round(n * 10000) / 10000 || 0);

export function serialize(value: CssValue): string {
  switch (value.kind) {
    case 'length':
      return `${formatNumber(value.value)}${value.unit}`;
    case 'number':
      return formatNumber(value.value);
    case 'keyword':
      return value.name;
    case 'color':
      return value.css;
  }
}

type Quantity = { value: number; unit: string };

/**
 * `calc()` over numbers and lengths of one unit: `+ -` between like terms, `* /` by a plain
 * number, parentheses for grouping, evaluated to one quantity. Anything mixing units
 * (`calc(100% - 2px)`) or holding other functions (`var()`, `env()`, `attr()`) is refused.
 */
function evaluateCalc(tokens: readonly Token[]): Quantity | null {
  let at = 0;
  const peek = () => tokens[at];
  const isDelim = (char: string) => {
    const t = peek();
    return t?.type === 'delim' && t.char === char;
  };
  const term = (): Quantity | null => {
    const t = peek();
    if (t?.type === 'number') {
      at++;
      return { value: t.value, unit: t.unit };
    }
    if (isDelim('(')) {
      at++;
      const inner = sum();
      if (!inner || !isDelim(')')) return null;
      at++;
      return inner;
    }
    return null;
  };
  const product = (): Quantity | null => {
    let left = term();
    while (left && (isDelim('*') || isDelim('/'))) {
      const op = (peek() as { char: string }).char;
      at++;
      const right = term();
      if (!right) return null;
      if (op === '*') {
        if (left.unit !== '' && right.unit !== '') return null;
        left = { value: left.value * right.value, unit: left.unit || right.unit };
      } else {
        if (right.unit !== '' || right.value === 0) return null;
        left = { value: left.value / right.value, unit: left.unit };
      }
    }
    return left;
  };
  const sum = (): Quantity | null => {
    let left = product();
    while (left && (isDelim('+') || isDelim('-'))) {
      const sign = (peek() as { char: string }).char === '+' ? 1 : -1;
      at++;
      const right = product();
      if (!right) return null;
      // A bare 0 adds to any unit; otherwise the units must agree.
      const unit =
        left.unit === right.unit || right.value === 0 ? left.unit : left.value === 0 ? right.unit : null;
      if (unit === null) return null;
      left = { value: left.value + sign * right.value, unit };
    }
    return left;
  };
  const result = sum();
  return result && at === tokens.length && Number.isFinite(result.value) ? result : null;
}

function quantityOf(tokens: readonly Token[]): Quantity | null {
  const [first, ...rest] = tokens;
  if (first?.type === 'number' && rest.length === 0) return { value: first.value, unit: first.unit };
  if (first?.type === 'function' && first.name === 'calc') {
    const close = rest.at(-1);
    if (close?.type !== 'delim' || close.char !== ')') return null;
    return evaluateCalc(rest.slice(0, -1));
  }
  return null;
}

/** The value's syntax for the property, without its bounds: what ./sanitizePatch.ts resolves. */
export function parseValue(property: string, raw: string): Parsed {
  if (!isCssProperty(property)) return { ok: false, reason: `${property} is not an allowed property` };
  const tokenized = tokenize(raw);
  if (!tokenized.ok) return tokenized;
  const { tokens } = tokenized;
  const spec = SPECS[property];
  const [first] = tokens;
  if (spec.color) {
    const color = parseColorTokens(tokens);
    return color.ok ? { ok: true, value: { kind: 'color', color: color.color, css: color.css } } : color;
  }
  if (first?.type === 'ident' && tokens.length === 1) {
    return spec.keywords?.includes(first.name)
      ? { ok: true, value: { kind: 'keyword', name: first.name } }
      : { ok: false, reason: `${first.name} is not a keyword ${property} takes` };
  }
  if (first?.type === 'function' && first.name !== 'calc')
    return { ok: false, reason: `${first.name}() is not allowed` };
  const quantity = quantityOf(tokens);
  if (!quantity)
    return { ok: false, reason: `not a ${spec.lengths ? 'length' : 'number'} ${property} takes` };
  if (quantity.unit === '' && spec.number)
    return { ok: true, value: { kind: 'number', value: quantity.value } };
  // A unitless zero is a length (CSS Values 4, https://drafts.csswg.org/css-values-4/#lengths).
  if (quantity.unit === '' && quantity.value === 0 && spec.lengths)
    return { ok: true, value: { kind: 'length', value: 0, unit: 'px' } };
  if (spec.lengths?.[quantity.unit]) return { ok: true, value: { kind: 'length', ...quantity } };
  return { ok: false, reason: `${quantity.unit || 'a plain number'} is not a unit ${property} takes` };
}

/** Why the value is out of the property's bounds, or null when it is within them. */
export function outOfBounds(property: CssProperty, value: CssValue): string | null {
  const spec = SPECS[property];
  const shown = `${property} ${serialize(value)}`;
  if (value.kind === 'number' && spec.number) {
    const { min, max, integer } = spec.number;
    if (integer && !Number.isInteger(value.value)) return `${shown} is not a whole number`;
    if (value.value < min || value.value > max) return `${shown} is outside ${min}–${max}`;
  }
  if (value.kind === 'length') {
    const [min, max] = spec.lengths?.[value.unit] ?? [0, 0];
    if (value.value < 0 && min >= 0) return `${shown} is negative`;
    if (property === 'font-size' && value.unit !== 'px')
      return `${shown}: a font size in ${value.unit} needs the region's own size`;
    if (value.value < min) return `${shown} is below ${formatNumber(min)}${value.unit}`;
    if (value.value > max) return `${shown} is above ${formatNumber(max)}${value.unit}`;
  }
  return null;
}

/** The context-free check: grammar and bounds; on success the canonical value to write. */
export function checkDeclaration(property: string, raw: string): Checked {
  const parsed = parseValue(property, raw);
  if (!parsed.ok) return parsed;
  const bound = outOfBounds(property as CssProperty, parsed.value);
  return bound
    ? { ok: false, reason: bound }
    : { ok: true, value: parsed.value, css: serialize(parsed.value) };
}

/** The canonical form of a value that passes, or null. */
export function safeValue(property: string, raw: string): string | null {
  const checked = checkDeclaration(property, raw);
  return checked.ok ? checked.css : null;
}
