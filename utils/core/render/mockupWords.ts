/**
 * Whether a rendered mockup still shows every word of the page's content regions. The mockup
 * (the frozen page, ./frozenHtml.ts, or the one-column fallback, ./mockup.ts) is HTML Restage
 * wrote, with scripts gone, so its words can be read without a DOM, in the
 * background worker, the CLI and tests alike: the text between the body's tags, plus the
 * attribute values that stand in for text (a field's value or placeholder, an image's label).
 */
import { contentRegions, regionContent } from '@/utils/core/plan/validate';
import type { Region } from '@/utils/core/schemas/region';
import { distinctWords } from '@/utils/core/text/words';

const NAMED: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ' };

function decode(text: string): string {
  return text.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (whole, name: string) => {
    if (name[0] !== '#') return NAMED[name.toLowerCase()] ?? whole;
    const code = name[1] === 'x' || name[1] === 'X' ? parseInt(name.slice(2), 16) : Number(name.slice(1));
    return Number.isInteger(code) && code >= 0 && code <= 0x10ffff ? String.fromCodePoint(code) : whole;
  });
}

/** Attributes whose value a reader sees or hears in place of text. */
const SHOWN_ATTRIBUTES = /\s(value|placeholder|alt)="([^"]*)"/g;

/** The visible strings of a mockup document, in order. */
export function mockupText(html: string): string[] {
  const start = html.search(/<body[\s>]/i);
  const body = (start < 0 ? html : html.slice(start))
    .replace(/<!--[\s\S]*?-->/g, ' ')
    .replace(/<(style|script)\b[\s\S]*?<\/\1\s*>/gi, ' ')
    // A template is inert, except a declarative shadow root's, whose words the page shows.
    .replace(/<template\b(?![^>]*\sshadowrootmode=)[\s\S]*?<\/template\s*>/gi, ' ');
  const strings: string[] = [];
  let last = 0;
  for (const tag of body.matchAll(/<[^>]*>/g)) {
    strings.push(decode(body.slice(last, tag.index)));
    last = tag.index + tag[0].length;
    for (const [, , value] of tag[0].matchAll(SHOWN_ATTRIBUTES)) strings.push(decode(value ?? ''));
    // An image's accessible name is its words (an image of text shows them), and so is a
    // control's that shows none (an icon button named "Select language").
    const label = /\saria-label="([^"]*)"/.exec(tag[0]);
    if (label && (/\srole="(img|button|link)"/.test(tag[0]) || /^<(button|a)[\s>]/i.test(tag[0])))
      strings.push(decode(label[1] ?? ''));
  }
  strings.push(decode(body.slice(last)));
  return strings.filter((s) => s.trim() !== '');
}

export interface MockupWordCheck {
  /** Distinct words of the page's content regions. */
  words: number;
  /** How many of them the mockup shows. */
  found: number;
  missing: string[];
}

/** Which of the content regions' words (utils/core/text/words.ts) the mockup does not show. */
export function checkMockupWords(html: string, regions: readonly Region[]): MockupWordCheck {
  const expected = distinctWords(contentRegions(regions).map(regionContent));
  const shown = distinctWords(mockupText(html));
  const missing = [...expected].filter((word) => !shown.has(word));
  return { words: expected.size, found: expected.size - missing.length, missing };
}
