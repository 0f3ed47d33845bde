/**
 * How each region looks in the mockup: sizes from the blueprint's type scale (the same steps
 * utils/core/plan/cssPatch.ts uses), spacing in multiples of its unit, and only the page's own
 * colors and font stacks. A patch declaration for a region wins over these defaults.
 */
import { parseColor, textContrast } from '@/utils/core/measure/color';
import { pageBackground } from '@/utils/core/measure/weight';
import { MIN_TEXT, headingSize } from '@/utils/core/plan/cssPatch';
import type { Blueprint } from '@/utils/core/schemas/plan';
import type { Region } from '@/utils/core/schemas/region';
import { safeCss } from '@/utils/core/render/html';

export type Emphasis = Blueprint['sections'][number]['emphasis'];
export type Style = Record<string, string | undefined>;

/** Where a region is drawn: its section's emphasis and background, and the column width. */
export interface Placement {
  blueprint: Blueprint;
  patch: ReadonlyMap<string, Style>;
  structural: ReadonlySet<string>;
  /** Embedded images by region id. */
  images: ReadonlyMap<string, string>;
  emphasis: Emphasis;
  background: string;
  column: number;
}

/** Section padding and the gap between its regions, in spacing units: the primary one gets the most air. */
export const SPACE: Record<Emphasis, { pad: number; gap: number }> = {
  primary: { pad: 6, gap: 3 },
  secondary: { pad: 3, gap: 2 },
  tertiary: { pad: 2, gap: 1 },
};

const GENERIC_FAMILY =
  /(^|,)\s*(serif|sans-serif|monospace|cursive|fantasy|system-ui|math|emoji|ui-[a-z-]+)$/i;

const px = (value: number) => `${Math.round(value)}px`;
const round2 = (value: number) => String(Math.round(value * 100) / 100);

/** A computed color we can parse, or null: nothing else reaches a style attribute. */
export function safeColor(css: string): string | null {
  const c = parseColor(css);
  return c ? `rgba(${Math.round(c.r)}, ${Math.round(c.g)}, ${Math.round(c.b)}, ${round2(c.a)})` : null;
}

function fontFamily(stack: string): string {
  const safe = safeCss('font-family', stack);
  if (!safe) return 'sans-serif';
  return GENERIC_FAMILY.test(safe) ? safe : `${safe}, sans-serif`;
}

function fontSize(region: Region, blueprint: Blueprint, emphasis: Emphasis): number {
  const { base, ratio } = blueprint.typeScale;
  const step = (k: number) => base * ratio ** k;
  if (region.kind === 'heading') {
    return headingSize(blueprint.typeScale, Math.min(6, Math.max(1, region.headingLevel ?? 2)), emphasis);
  }
  const own = region.style.fontSize;
  const k = ratio > 1 && own > 0 ? Math.round(Math.log(own / base) / Math.log(ratio)) : 0;
  // Page chrome sits one step below body text at most.
  return Math.max(MIN_TEXT, step(emphasis === 'tertiary' ? Math.min(k, 0) - 1 : k));
}

function lineHeight(region: Region): string {
  if (region.kind === 'heading') return '1.2';
  if (region.kind === 'control' || region.kind === 'field') return '1.25';
  const own =
    region.style.lineHeight && region.style.fontSize > 0
      ? region.style.lineHeight / region.style.fontSize
      : 0;
  // WCAG 1.4.8 (AAA): line spacing of at least 1.5 within paragraphs, as the preview sets it.
  return own >= 1.4 ? round2(own) : '1.5';
}

/**
 * Page chrome in its own color at a lower alpha, kept at 4.5:1 or more (WCAG 1.4.3); a color
 * that cannot keep that stays as it is.
 */
function quieter(color: string, background: string): string {
  const c = parseColor(color);
  if (!c) return color;
  for (const factor of [0.7, 0.85]) {
    const muted = `rgba(${c.r}, ${c.g}, ${c.b}, ${round2(c.a * factor)})`;
    if ((textContrast(muted, background)?.ratio ?? 0) >= 4.5) return muted;
  }
  return color;
}

export function textStyle(region: Region, at: Placement): Style {
  const unit = at.blueprint.spacingUnit;
  const color = safeColor(region.style.color) ?? undefined;
  const gap = region.kind === 'control' ? undefined : px(SPACE[at.emphasis].gap * unit);
  const patch = at.patch.get(region.id);
  if (region.kind === 'media') {
    const { width, height } = region.box;
    const tint = parseColor(region.style.color);
    return {
      width: px(Math.min(Math.max(width, unit), at.column)),
      'max-width': '100%',
      'aspect-ratio': width > 0 && height > 0 ? `${round2(width)} / ${round2(height)}` : '1',
      // A neutral placeholder: the region's own color, faint.
      'background-color': tint ? `rgba(${tint.r}, ${tint.g}, ${tint.b}, 0.12)` : undefined,
      'margin-bottom': gap,
      ...patch,
    };
  }
  const own = safeColor(region.style.background);
  const fill = own && own !== at.background ? own : undefined;
  const boxed = fill !== undefined || region.kind === 'field';
  return {
    'font-family': fontFamily(region.style.fontFamily),
    'font-size': px(fontSize(region, at.blueprint, at.emphasis)),
    'font-weight': String(region.style.fontWeight),
    'line-height': lineHeight(region),
    color: color && at.emphasis === 'tertiary' ? quieter(color, fill ?? at.background) : color,
    'background-color': fill,
    padding: boxed ? `${unit / 2}px ${unit}px` : undefined,
    width:
      region.kind === 'field' ? px(Math.min(Math.max(region.box.width, 8 * unit), at.column)) : undefined,
    'max-width': region.kind === 'field' ? '100%' : undefined,
    'margin-bottom': gap,
    ...patch,
  };
}

/** A section on the background most of its words sit on, padded by emphasis. */
export function sectionStyle(
  members: readonly Region[],
  emphasis: Emphasis,
  unit: number,
  page: string,
): { style: string; background: string } {
  const words = members.filter((r) => r.kind !== 'control' && r.kind !== 'media' && r.kind !== 'field');
  const background = (words.length > 0 && safeColor(pageBackground(words))) || page;
  const inset = background === page ? 0 : 2 * unit;
  const fill = background === page ? '' : `; background-color: ${background}`;
  return { style: `padding: ${SPACE[emphasis].pad * unit}px ${inset}px${fill}`, background };
}
