/**
 * The words of each kind of measured finding, by rule: a title naming the page's own words, why
 * it matters, and the fix, with the values of the fix patch (utils/core/plan/findingFix.ts) when
 * there is one. Numbers a reader does not need to act (weights, region ids) stay in `detail`.
 */
import { predict, type Declarations } from '@/utils/core/plan/predict';
import { spacingUnitOf } from '@/utils/core/plan/restage';
import type { Finding } from '@/utils/core/schemas/finding';
import type { CssPatch } from '@/utils/core/schemas/plan';
import type { Region } from '@/utils/core/schemas/region';
import type { AdviceContext, Advised } from '@/utils/core/measure/advice';
import { textContrast, toHex } from '@/utils/core/measure/color';
import { requiredRatio, isLargeText } from '@/utils/core/measure/contrast';
import { ratioText } from '@/utils/core/measure/format';
import { readingIndex, screenOf, textRegions } from '@/utils/core/measure/layout';
import { headingName, namesOf, regionName } from '@/utils/core/measure/names';
import type { MeasuredRule } from '@/utils/core/measure/rules';
import { gapsWithin, siblingGaps } from '@/utils/core/measure/spacing';
import { fitTypeScale } from '@/utils/core/measure/typeScale';
import { primaryFamily } from '@/utils/core/measure/typography';

export interface WordingInput {
  finding: Finding;
  /** The finding's regions, in its order. */
  regions: Region[];
  context: AdviceContext;
  fixPatch: CssPatch;
}
export type Wording = (input: WordingInput) => Advised | null;

const px = (n: number) => `${Math.round(n * 10) / 10} px`;
const colorWord = (hex: string) => (hex === '#ffffff' ? 'white' : hex === '#000000' ? 'black' : hex);
const ORDINALS = ['first', 'second', 'third', 'fourth', 'fifth'];
const ordinal = (n: number) => ORDINALS[n] ?? `${n + 1}th`;

const declarationsOf = (input: WordingInput, id: string | undefined): Declarations | undefined =>
  input.fixPatch.find((e) => e.regionId === id)?.declarations;

/** `#1a1a1a on white: 15.9:1`, the region as the declarations draw it. */
function colours(region: Region, d: Declarations | undefined): string {
  const after = predict(region, d);
  const shown = textContrast(after.style.color, after.style.background);
  if (!shown) return '';
  const ratio = after.style.contrast ?? shown.ratio;
  return `${colorWord(toHex(shown.foreground))} on ${colorWord(toHex(shown.background))}: ${ratioText(ratio)}`;
}

/** `padding 12 px 24 px`: top and bottom, then left and right. */
const padding = (d: Declarations) =>
  `padding ${d['padding-top'] ?? '0px'} ${d['padding-left'] ?? '0px'}`.replace(/px/g, ' px');

/** `18 px bold, #ffffff on #1a56db: 5.2:1, padding 12 px 24 px`. */
function describe(region: Region, d: Declarations): string {
  const after = predict(region, d);
  const parts = [`${px(after.style.fontSize)}${after.style.fontWeight >= 700 ? ' bold' : ''}`];
  if (d.color || d['background-color']) parts.push(colours(region, d));
  if (d['padding-top'] || d['padding-left']) parts.push(padding(d));
  return parts.join(', ');
}

/** `15 px → 16 px, 13 px → 14 px`: each change the patch makes to one property. */
function changes(input: WordingInput, property: 'font-size' | 'font-weight', unit: string): string {
  const seen = new Map<string, string>();
  for (const r of input.regions) {
    const to = declarationsOf(input, r.id)?.[property];
    const from = property === 'font-size' ? Math.round(r.style.fontSize * 10) / 10 : r.style.fontWeight;
    if (to) seen.set(`${from}${unit}`, `${to.replace('px', '')}${unit}`);
  }
  return [...seen].map(([from, to]) => `${from} → ${to}`).join(', ');
}

const others = (n: number, noun: string) => `${n} other ${noun}${n === 1 ? '' : 's'}`;

/** `'Read more'` or `'Read more' and 24 other texts`. */
const many = (input: WordingInput, noun: string) => {
  const [first] = input.regions;
  const name = first ? regionName(first, input.context.regions) : 'text';
  return input.regions.length > 1 ? `${name} and ${others(input.regions.length - 1, noun)}` : name;
};

function contrastWords(level: 'AA' | 'AAA'): Wording {
  return (input) => {
    const [first] = input.regions;
    if (!first) return null;
    const large = isLargeText(first.style);
    const needs = `${requiredRatio(level, large)}:1`;
    const d = declarationsOf(input, first.id);
    const plural = input.regions.length > 1;
    const subject = many(input, 'text');
    return level === 'AA'
      ? {
          title: `${subject} ${plural ? 'are' : 'is'} too faint to read against ${plural ? 'their' : 'its'} background`,
          why: `Text below ${needs} is hard to read for people with low vision or on a screen in sunlight (WCAG 1.4.3).`,
          fix: d?.color
            ? `Set the text to ${colours(first, d)} (needs ${needs}).`
            : `Raise the contrast between the text and its background to at least ${needs}.`,
        }
      : {
          title: `${subject} ${plural ? 'meet' : 'meets'} the minimum contrast but not the enhanced level`,
          why: `Enhanced contrast (${needs}, WCAG 1.4.6, AAA) helps readers with moderately low vision; it is a goal, not a requirement.`,
          fix: d?.color
            ? `For AAA, set the text to ${colours(first, d)}.`
            : `For AAA, raise the contrast between the text and its background to ${needs}: the text's own colour cannot reach it, so the background has to change.`,
        };
  };
}

const needsReview: Wording = (input) => {
  const [first] = input.regions;
  if (!first) return null;
  const d = declarationsOf(input, first.id);
  const over = /image|gradient/.test(input.finding.title)
    ? 'over an image or gradient'
    : 'that could not be measured';
  return {
    title: `Contrast of ${many(input, 'text')} ${over} needs a check by eye`,
    why: 'Over a photo or a gradient the contrast changes from pixel to pixel, so parts of the words may be unreadable.',
    fix: d
      ? `Check it over the whole background; to be sure, give the text a solid backing: ${colours(first, d)}.`
      : 'Check it over the whole background, and give the text a solid backing where it falls below 4.5:1.',
  };
};

const headingInversion: Wording = (input) => {
  const [target, ...offenders] = input.regions;
  const strongest = offenders[0];
  if (!target || !strongest) return null;
  const all = input.context.regions;
  const larger = strongest.style.fontSize - target.style.fontSize > 0.5;
  const subject =
    offenders.length > 1
      ? `${headingName(strongest, all)} and ${others(offenders.length - 1, `h${strongest.headingLevel} heading`)}`
      : headingName(strongest, all);
  const to = declarationsOf(input, strongest.id)?.['font-size'];
  const { base, ratio } = input.context.scale;
  return {
    title: `${subject} ${offenders.length > 1 ? 'are' : 'is'} ${larger ? 'larger' : 'bolder'} than ${headingName(target, all)}`,
    why: 'Readers and screen-reader users expect a deeper heading to look smaller; when it does not, sections and subsections blur.',
    fix: to
      ? `Set ${offenders.length > 1 ? 'them' : regionName(strongest, all)} to ${to.replace('px', ' px')}, the step of the page's scale (${px(base)} × ${ratio}) just below ${regionName(target, all)} at ${px(target.style.fontSize)}.`
      : `Make ${regionName(strongest, all)} smaller or lighter than ${regionName(target, all)}.`,
  };
};

/** A heading one level below the heading before it, in document order: the level it should have. */
function expectedLevel(heading: Region, regions: readonly Region[]): number | null {
  const headings = regions
    .filter((r) => r.kind === 'heading' && r.headingLevel !== null)
    .sort((a, b) => (a.domOrder ?? readingIndex(a.id)) - (b.domOrder ?? readingIndex(b.id)));
  const before = headings[headings.findIndex((r) => r.id === heading.id) - 1];
  return before?.headingLevel ? before.headingLevel + 1 : null;
}

const headingOrder: Wording = (input) => {
  const [first] = input.regions;
  if (!first) return null;
  const all = input.context.regions;
  const level = expectedLevel(first, all);
  const subject =
    input.regions.length > 1
      ? `${headingName(first, all)} and ${others(input.regions.length - 1, 'heading')}`
      : headingName(first, all);
  return {
    title: `${subject} skip${input.regions.length > 1 ? '' : 's'} a heading level`,
    why: 'Headings are the outline people navigate by; a skipped level reads as a missing section.',
    fix: level
      ? `Make ${regionName(first, all)} an h${level}, one level below the heading before it, and keep its look with CSS if it should stay smaller.`
      : 'Make each heading at most one level deeper than the one before it.',
  };
};

/** The lead of a fix patch with one entry: who leads, and how. */
function leadFix(input: WordingInput, fallback: string): string {
  const [entry] = input.fixPatch;
  const region = entry ? input.context.byId.get(entry.regionId) : undefined;
  if (!entry || !region) return fallback;
  const name = regionName(region, input.context.regions);
  const filled = entry.declarations['background-color'] ? ' the filled button:' : '';
  return `Make ${name}${filled} ${describe(region, entry.declarations)}; leave the others as they are.`;
}

const competing: Wording = (input) => ({
  title: `${namesOf(input.regions, input.context.regions)} compete for attention in the first screen`,
  why: 'When several things look equally important, nothing reads as the place to start.',
  fix: leadFix(input, 'Pick one to lead and make the others visibly smaller or lighter.'),
});

const primaryWeak: Wording = (input) => {
  const [cta, ...rivals] = input.regions;
  if (!cta) return null;
  const nav = /navigation/.test(input.finding.title);
  const all = input.context.regions;
  return {
    title: `${regionName(cta, all)} is fainter than ${nav ? 'the navigation item ' : ''}${namesOf(rivals, all)}`,
    why: 'The main action should be the first thing the eye lands on; when another control outweighs it, people hesitate or pick the wrong one.',
    fix: leadFix(input, `Make ${regionName(cta, all)} the strongest control on its screen.`),
  };
};

const belowFold: Wording = (input) => {
  const [cta] = input.regions;
  if (!cta) return null;
  const name = regionName(cta, input.context.regions);
  return {
    title: `${name} is below the first screen`,
    why: 'Many visitors never scroll, so they never see the main action.',
    fix: `Move ${name} into the first ${px(input.context.fold)} of the page, next to the main heading, or repeat it there.`,
  };
};

const targets: Wording = (input) => {
  const [first] = input.regions;
  if (!first) return null;
  const d = declarationsOf(input, first.id);
  const plural = input.regions.length > 1;
  return {
    title: `${many(input, 'target')} ${plural ? 'are' : 'is'} smaller than 24 × 24 px and crowded`,
    why: 'Small targets close together are hard to hit with a finger or an unsteady hand (WCAG 2.5.8).',
    fix: d
      ? `Give ${plural ? 'each' : 'it'} at least 24 × 24 px: add ${padding(d)} to ${regionName(first, input.context.regions)}${plural ? ', and what each needs to the others' : ''}.`
      : 'Make each at least 24 × 24 px, or leave 24 px between their centres.',
  };
};

const rareValues =
  (what: 'sizes' | 'weights', property: 'font-size' | 'font-weight', unit: string): Wording =>
  (input) => ({
    title: `${many(input, 'text')} use${input.regions.length > 1 ? '' : 's'} a rare font ${what.slice(0, -1)}`,
    why: `A handful of font ${what} reads as a system; many near-identical ones blur which text matters more.`,
    fix: `Set ${input.regions.length > 1 ? 'them' : 'it'} to the nearest ${what.slice(0, -1)} the page already uses: ${changes(input, property, unit) || 'one of its common ones'}.`,
  });

const families: Wording = (input) => {
  const names = new Map<string, string>();
  const count = new Map<string, number>();
  for (const r of textRegions(input.context.regions)) {
    // As the page writes it (primaryFamily lowercases it for comparison).
    const family = (r.style.fontFamily.split(',')[0] ?? '').trim().replace(/^["']|["']$/g, '');
    const key = primaryFamily(family);
    count.set(key, (count.get(key) ?? 0) + r.textLength);
    names.set(key, names.get(key) ?? family);
  }
  const main = [...count].sort((a, b) => b[1] - a[1])[0]?.[0];
  const plural = input.regions.length > 1;
  return {
    title: `${many(input, 'text')} add${plural ? '' : 's'} a third font family`,
    why: 'More than two families makes a page look assembled from parts.',
    fix: `Set ${plural ? 'them' : 'it'} in ${names.get(main ?? '') ?? 'the main family'}, the family most of the page's text uses.`,
  };
};

const typeScale: Wording = (input) => {
  const { base, ratio } = fitTypeScale(input.context.regions);
  return {
    title: `${many(input, 'text')} sit${input.regions.length > 1 ? '' : 's'} off the page's type scale`,
    why: 'Sizes on one scale make steps of importance look deliberate; sizes just off it look like mistakes.',
    fix: `Snap ${input.regions.length > 1 ? 'them' : 'it'} to the scale (${px(base)} × ${ratio}): ${changes(input, 'font-size', ' px') || 'the nearest step'}.`,
  };
};

const lineLength: Wording = (input) => {
  const [first] = input.regions;
  if (!first) return null;
  return {
    title: `Lines of ${many(input, 'paragraph')} are too long to read comfortably`,
    why: 'Past about 80 characters a line, the eye loses its place on the way back to the next line (WCAG 1.4.8).',
    fix: `Limit the width to 70ch (about ${px(35 * first.style.fontSize)} at ${px(first.style.fontSize)}).`,
  };
};

const lineHeight: Wording = (input) => {
  const [first] = input.regions;
  if (!first) return null;
  return {
    title: `Lines of ${many(input, 'paragraph')} sit too close together`,
    why: 'Tightly set lines make a paragraph hard to follow; WCAG 1.4.8 asks for 1.5.',
    fix: `Set line-height to 1.5 (${px(1.5 * first.style.fontSize)} at ${px(first.style.fontSize)}).`,
  };
};

const spacingValues: Wording = (input) => {
  const distinct = new Set(siblingGaps(input.context.regions).map((g) => g.px)).size;
  const unit = spacingUnitOf(input.context.regions);
  return {
    title: `Vertical gaps come in ${distinct} different sizes`,
    why: 'A few repeated gaps make grouping predictable; many odd ones make the page look unplanned.',
    fix: `Round the gaps to the ${unit} px grid and use a few steps: ${[1, 2, 3, 4, 6].map((k) => k * unit).join(', ')} px.`,
  };
};

const nearAlignment: Wording = (input) => ({
  title: `${many(input, 'block')} almost line${input.regions.length > 1 ? '' : 's'} up with a nearby edge`,
  why: 'Edges a few pixels apart look like mistakes and make the layout feel loose.',
  fix: 'Line their left edges up exactly (they are 1–4 px off): give them the same margin or padding as their neighbours.',
});

/** A group is named by the first of its items that has words. */
function groupName(group: Region, all: readonly Region[]): string {
  const item = all.find((r) => r.parentId === group.id && (r.text || r.name));
  return item ? `the group with ${regionName(item, all)}` : regionName(group, all);
}

const proximity: Wording = (input) => {
  const [above, below] = input.regions;
  if (!above || !below) return null;
  const all = input.context.regions;
  const inner = Math.max(
    0,
    ...[above, below].flatMap((g) => gapsWithin(all.filter((r) => r.parentId === g.id)).map((gap) => gap.px)),
  );
  const margin = declarationsOf(input, below.id)?.['margin-top'];
  return {
    title: `${groupName(above, all)} is as close to the next group as to its own items`,
    why: 'People read closeness as belonging, so groups need more space between them than inside them.',
    fix: margin
      ? `Set the space above ${groupName(below, all)} to ${margin.replace('px', ' px')} (margin-top), more than the ${px(inner)} between its items.`
      : `Put more space above ${groupName(below, all)} than the ${px(inner)} between its items.`,
  };
};

const crowded: Wording = (input) => {
  const [first] = input.regions;
  const screen = first ? screenOf(first.box, { width: 0, height: input.context.fold }) : 0;
  return {
    title: `The ${ordinal(screen)} screen holds ${input.regions.length} elements`,
    why: 'Too many things at once slow scanning, and people miss what matters.',
    fix: 'Bring it under 60: group related links into one menu, or move secondary items further down.',
  };
};

const textDensity: Wording = (input) => {
  const [first] = input.regions;
  const screen = first ? screenOf(first.box, { width: 0, height: input.context.fold }) : 0;
  const share = /(\d+)%/.exec(input.finding.detail)?.[1];
  return {
    title: `Text fills ${share ? `${share} %` : 'most'} of the ${ordinal(screen)} screen`,
    why: 'Without whitespace around it, text reads as a wall and people skip it.',
    fix: 'Add space between blocks (24 px between paragraphs) and keep lines to 70ch, so text covers under half the screen.',
  };
};

/** By rule; a kind whose check words its own findings may have no entry. */
export const WORDING: Partial<Record<MeasuredRule, Wording>> = {
  'wcag-1.4.3': contrastWords('AA'),
  'wcag-1.4.6': contrastWords('AAA'),
  'needs-review:wcag-1.4.3': needsReview,
  'heading-inversion': headingInversion,
  'heading-order': headingOrder,
  'competing-primaries': competing,
  'primary-action-weak': primaryWeak,
  'primary-action-below-fold': belowFold,
  'wcag-2.5.8': targets,
  'font-sizes': rareValues('sizes', 'font-size', ' px'),
  'font-weights': rareValues('weights', 'font-weight', ''),
  'font-families': families,
  'type-scale': typeScale,
  'line-length': lineLength,
  'line-height': lineHeight,
  'spacing-values': spacingValues,
  'near-alignment': nearAlignment,
  proximity,
  'crowded-screen': crowded,
  'text-density': textDensity,
};
