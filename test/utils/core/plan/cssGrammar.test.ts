import { describe, expect, it } from 'vitest';
import { checkDeclaration } from '@/utils/core/plan/cssGrammar';
import { MAX_VALUE_LENGTH } from '@/utils/core/plan/cssTokens';
import { previewRules } from '@/utils/core/plan/stylesheet';
import { CssDeclarations } from '@/utils/core/schemas/plan';
import { ALLOWED_CSS_PROPERTIES } from '@/utils/core/schemas/region';
import { CSS_TRICKS } from '@/test/fixtures/cssTricks';

/** mulberry32: a small seeded PRNG, so every run tries the same values. */
function prng(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const NUMBERS = [
  '0',
  '1',
  '12',
  '16',
  '-4',
  '-9999',
  '0.5',
  '.5',
  '1.25',
  '700',
  '100',
  '+8',
  '1e3',
  '99999',
  '-0.05',
  '20',
];
const UNITS = ['', 'px', 'em', 'rem', '%', 'ch', 'vw', 'vh', 'pt', 'deg', 'x', 'PX', 'e'];
const FUNCTIONS = [
  'calc(',
  'rgb(',
  'rgba(',
  'hsl(',
  'hsla(',
  'url(',
  'var(',
  'attr(',
  'env(',
  'image-set(',
  'expression(',
  'u\\72l(',
  'min(',
  'CALC(',
  'Url(',
];
const IDENTS = [
  'red',
  'transparent',
  'currentcolor',
  'auto',
  'none',
  'normal',
  'bold',
  'center',
  'important',
  'javascript',
  'import',
  'inherit',
  '--x',
  'data-x',
  'safe-area-inset-top',
  'RebeccaPurple',
  'x.png',
];
const PUNCTUATION = [
  '(',
  ')',
  ',',
  '/',
  '+',
  '-',
  '*',
  ';',
  '{',
  '}',
  '<',
  '>',
  '"',
  "'",
  '\\',
  '!',
  '@',
  ':',
  '#',
  '/*',
  '*/',
  '!important',
  ' ',
  '  ',
];
const ESCAPES = ['\\75', '\\0', '\\000075', '\\"', '\\\n', '\\72 l('];
const UNICODE = [
  '８',
  'é',
  '\u200b',
  '\u0000',
  '\u0007',
  '\t',
  '\n',
  '😀',
  'ｕｒｌ(',
  '\u00a0',
  'ß',
  '\u202e',
];
const HEXES = ['#abc', '#ABCDEF', '#ff00ff80', '#fff0', '#ffff', '#12', '#1234567', '#ffffffff'];

function randomValue(rand: () => number): string {
  const pick = <T>(list: readonly T[]) => list[Math.floor(rand() * list.length)] as T;
  // Half are built like real values (so many pass and the checks below have something to
  // check); half are token soup.
  if (rand() < 0.5) {
    const n = () => `${pick(NUMBERS)}${pick(UNITS)}`;
    switch (Math.floor(rand() * 6)) {
      case 0:
        return n();
      case 1:
        return `calc(${n()} ${pick(['+', '-', '*', '/'])} ${n()})`;
      case 2:
        return `${pick(['rgb', 'rgba', 'hsl', 'hsla'])}(${pick(NUMBERS)}${pick(['', '%', 'deg'])}, ${pick(NUMBERS)}%, ${pick(NUMBERS)}%${pick(['', ', 1', ', 0', ' / 0.5', ', 100%'])})`;
      case 3:
        return pick(HEXES);
      case 4:
        return `${pick(IDENTS)}${pick(['', ' !important', '!important'])}`;
      default:
        return `${n()}${pick(PUNCTUATION)}${pick([...IDENTS, ...FUNCTIONS, ...ESCAPES])}`;
    }
  }
  const parts = Math.ceil(rand() * 6);
  let value = '';
  for (let i = 0; i < parts; i++) {
    const kind = rand();
    if (kind < 0.25) value += `${pick(NUMBERS)}${pick(UNITS)}`;
    else if (kind < 0.4) value += pick(FUNCTIONS);
    else if (kind < 0.55) value += pick(IDENTS);
    else if (kind < 0.75) value += pick(PUNCTUATION);
    else if (kind < 0.85) value += pick(ESCAPES);
    else if (kind < 0.95) value += pick(UNICODE);
    else value += pick(HEXES);
    if (rand() < 0.4) value += ' ';
  }
  return value;
}

const LENGTH = /^-?\d+(\.\d+)?(px|em|rem|%|ch)$/;
const NUMBER = /^-?\d+(\.\d+)?$/;
const COLOR = /^(#[0-9a-f]{6}|[a-z]+)$/;
const KEYWORD = /^(auto|normal|none|bold|bolder|lighter|left|right|center|start|end|justify)$/;
const FORBIDDEN = [
  '/*',
  '*/',
  '\\',
  '"',
  "'",
  'url',
  'image-set',
  'expression',
  '@import',
  '}',
  '{',
  ';',
  '<',
  '>',
];
const ALLOWED_FUNCTIONS = /\b(calc|rgba?|hsla?)\(/gi;

/** The canonical form's shape for a property. */
function whitelist(property: string): RegExp {
  if (property === 'color' || property === 'background-color') return COLOR;
  if (property === 'order' || property === 'font-weight')
    return new RegExp(`${NUMBER.source}|${KEYWORD.source}`);
  if (property === 'text-align' || property === 'text-decoration-line') return KEYWORD;
  return new RegExp(`${LENGTH.source}|${NUMBER.source}|${KEYWORD.source}`);
}

describe('the CSS grammar, fuzzed', () => {
  it('accepts only values that are safe, as typed and as written back (12,000 seeded values)', () => {
    const rand = prng(20261204);
    let accepted = 0;
    for (let i = 0; i < 12_000; i++) {
      const value = randomValue(rand);
      const property = ALLOWED_CSS_PROPERTIES[i % ALLOWED_CSS_PROPERTIES.length]!;
      const checked = checkDeclaration(property, value);
      if (!checked.ok) continue;
      accepted++;
      const typed = value.replace(/!\s*important\s*$/i, '').trim();
      expect(checked.css, `${property}: ${value}`).toMatch(whitelist(property));
      expect(checked.css).not.toMatch(/^(transparent|currentcolor)$/);
      expect(typed.length).toBeLessThanOrEqual(MAX_VALUE_LENGTH);
      expect(typed).toMatch(/^[\x20-\x7e]*$/);
      const outsideFunctions = typed.toLowerCase().replace(ALLOWED_FUNCTIONS, '');
      for (const bad of [...FORBIDDEN, '('])
        expect(outsideFunctions, `${property}: ${value}`).not.toContain(bad);
      // The canonical form parses to itself.
      expect(checkDeclaration(property, checked.css)).toMatchObject({ ok: true, css: checked.css });
    }
    // Enough pass for the checks above to mean something.
    expect(accepted).toBeGreaterThan(300);
  });
});

describe('known CSS tricks', () => {
  it.each(CSS_TRICKS.map(([p, v]) => [p, v.length > 80 ? `${v.slice(0, 20)}… (${v.length} chars)` : v, v]))(
    '%s: %s is rejected',
    (property, _shown, value) => {
      expect(checkDeclaration(property, value).ok).toBe(false);
      expect(CssDeclarations.safeParse({ [property]: value }).success).toBe(false);
      // And the preview's stylesheet leaves it out, counted, with no trace of it in the sheet.
      const rules = previewRules([{ regionId: 'r1', declarations: { [property]: value } }]);
      expect(rules).toEqual({ css: '', rejected: 1 });
    },
  );

  it('a rejected value does not take the rules after it with it', () => {
    const rules = previewRules([
      { regionId: 'r1', declarations: { 'font-size': '12px/*' } },
      { regionId: 'r2', declarations: { 'font-size': '20px', 'margin-top': '*/}body{display:none}' } },
      { regionId: 'r3', declarations: { 'font-weight': '700' } },
    ]);
    expect(rules.rejected).toBe(2);
    expect(rules.css).toContain('[data-restage-preview="r2"]');
    expect(rules.css).toContain('font-size: 20px !important;');
    expect(rules.css).toContain('font-weight: 700 !important;');
    expect(rules.css).not.toMatch(/\/\*|\*\/|display/);
  });

  it('writes values back in one canonical form', () => {
    expect(checkDeclaration('font-size', 'calc(2 * (8px + 4px))')).toMatchObject({ css: '24px' });
    expect(checkDeclaration('color', 'rgb(10 20 30 / 100%)')).toMatchObject({ css: '#0a141e' });
    expect(checkDeclaration('color', 'HSL(120deg, 100%, 25%)')).toMatchObject({ css: '#008000' });
    expect(checkDeclaration('background-color', '#ABC')).toMatchObject({ css: '#aabbcc' });
    expect(checkDeclaration('margin-top', '0')).toMatchObject({ css: '0px' });
    expect(checkDeclaration('font-weight', '700 !important')).toMatchObject({ css: '700' });
    expect(checkDeclaration('max-width', '70ch')).toMatchObject({ css: '70ch' });
    expect(checkDeclaration('margin-left', 'calc(100% - 2px)').ok).toBe(false);
  });
});

describe('text-decoration-line', () => {
  it('takes an underline, the one cue a link may be given', () => {
    expect(checkDeclaration('text-decoration-line', 'underline')).toMatchObject({
      ok: true,
      css: 'underline',
    });
    expect(checkDeclaration('text-decoration-line', 'UNDERLINE !important')).toMatchObject({
      css: 'underline',
    });
  });

  it.each(['none', 'line-through', 'overline', 'underline overline', 'underline; color: red', 'blink', ''])(
    'refuses %j: nothing that takes an underline away or strikes text out',
    (value) => {
      expect(checkDeclaration('text-decoration-line', value).ok).toBe(false);
      expect(CssDeclarations.safeParse({ 'text-decoration-line': value }).success).toBe(false);
    },
  );

  it('is the only decoration property allowed', () => {
    for (const property of ['text-decoration', 'text-decoration-color', 'text-decoration-style'])
      expect(checkDeclaration(property, 'underline').ok).toBe(false);
  });
});
