/**
 * The first step of sanitize → validate → apply, for every patch (offline and model alike):
 * each declaration through the CSS grammar (./cssGrammar.ts), then the floors that keep the
 * region's content visible, which need the region:
 *   - font size at least 12px and at least the page's smallest visible text: a smaller size is
 *     raised to that floor (clamped), since the intent, smaller text, is still served. `em` and
 *     `%` sizes are taken against the region's own size (an approximation: CSS takes them
 *     against the parent's) and written in px; `rem` is refused, as the root size is not measured;
 *   - text colour and background opaque (the grammar), and their contrast no worse than the
 *     region's measured contrast (WCAG 1.4.3); where it is not known, at least 4.5:1;
 *   - no negative margins, paddings or gap (the grammar), a unitless line height of 1 or more
 *     and a length line height no smaller than the font size, letter spacing no tighter than
 *     −0.05em, a measure of at least 20ch (240px), `order` a whole number in −100…100.
 * Everything else is rejected and named, never repaired. Regions kept as they are leave every
 * plan before this (./constraints.ts).
 */
import { composite, contrastRatio, parseColor, WHITE, type Rgba } from '@/utils/core/measure/color';
import type { CssPatch } from '@/utils/core/schemas/plan';
import type { Region } from '@/utils/core/schemas/region';
import {
  formatNumber,
  MIN_FONT_SIZE,
  outOfBounds,
  parseValue,
  serialize,
  type CssProperty,
  type CssValue,
} from '@/utils/core/plan/cssGrammar';

export interface RejectedDeclaration {
  regionId: string;
  property: string;
  value: string;
  reason: string;
}

export interface ClampedDeclaration {
  regionId: string;
  property: string;
  from: string;
  to: string;
}

export interface Sanitized {
  patch: CssPatch;
  rejected: RejectedDeclaration[];
  clamped: ClampedDeclaration[];
}

type PatchInput = readonly { regionId: string; declarations: Readonly<Record<string, string | undefined>> }[];

/** WCAG 1.4.3 (AA) for body text, asked of a colour change where the current contrast is unknown. */
const AA = 4.5;
/** Contrast is rounded in the measure; a change this small is the same contrast. */
const CONTRAST_SLACK = 0.01;

/** The smallest text the page itself shows (≥ 1px: 0 is hidden on purpose), or null. */
export function smallestText(regions: readonly Region[]): number | null {
  let smallest: number | null = null;
  for (const r of regions) {
    if (r.textLength > 0 && r.style.fontSize >= 1 && (smallest === null || r.style.fontSize < smallest))
      smallest = r.style.fontSize;
  }
  return smallest;
}

const opaqueOver = (css: string): Rgba => composite(parseColor(css) ?? WHITE, WHITE);

export function sanitizePatch(patch: PatchInput, regions: readonly Region[]): Sanitized {
  const byId = new Map(regions.map((r) => [r.id, r]));
  const floor = Math.max(MIN_FONT_SIZE, Math.ceil(smallestText(regions) ?? 0));
  const rejected: RejectedDeclaration[] = [];
  const clamped: ClampedDeclaration[] = [];
  const out: CssPatch = [];

  for (const { regionId, declarations } of patch) {
    const region = byId.get(regionId);
    const entries = Object.entries(declarations).flatMap(([p, v]) =>
      v === undefined ? [] : [[p, v] as const],
    );
    const reject = (property: string, value: string, reason: string) =>
      rejected.push({ regionId, property, value, reason });
    if (!region) {
      for (const [p, v] of entries) reject(p, v, 'not a region of this page');
      continue;
    }
    const values = new Map<CssProperty, CssValue>();
    const raws = new Map<string, string>();
    for (const [property, raw] of entries) {
      const parsed = parseValue(property, raw);
      if (!parsed.ok) reject(property, raw, parsed.reason);
      else {
        values.set(property as CssProperty, parsed.value);
        raws.set(property, raw);
      }
    }
    const drop = (property: CssProperty, reason: string) => {
      reject(property, raws.get(property) ?? '', reason);
      values.delete(property);
    };

    // Font size first: line height and letter spacing are checked against it.
    const size = values.get('font-size');
    let fontSize = region.style.fontSize;
    if (size?.kind === 'length') {
      if (region.style.fontSize < 1)
        drop('font-size', 'the region’s text is hidden on purpose (font-size 0)');
      else if (size.unit === 'rem')
        drop('font-size', 'a font size in rem depends on the root size, which is not measured');
      else {
        const px =
          size.unit === 'px'
            ? size.value
            : (size.value / (size.unit === '%' ? 100 : 1)) * region.style.fontSize;
        const resolved = Math.max(px, floor);
        if (resolved !== size.value || size.unit !== 'px') {
          const to = `${formatNumber(resolved)}px`;
          if (px < floor)
            clamped.push({ regionId, property: 'font-size', from: raws.get('font-size') ?? '', to });
          values.set('font-size', { kind: 'length', value: resolved, unit: 'px' });
        }
        fontSize = resolved;
      }
    }

    const lineHeight = values.get('line-height');
    if (lineHeight?.kind === 'length' && lineHeight.unit === 'px' && lineHeight.value < fontSize)
      drop(
        'line-height',
        `line-height ${serialize(lineHeight)} is below the font size ${formatNumber(fontSize)}px`,
      );
    const spacing = values.get('letter-spacing');
    if (spacing?.kind === 'length' && spacing.unit === 'px' && spacing.value < -0.05 * fontSize)
      drop('letter-spacing', `letter-spacing ${serialize(spacing)} is tighter than -0.05em`);

    checkContrast(region, values, drop);

    const kept: Record<string, string> = {};
    for (const [property, value] of values) {
      const bound = outOfBounds(property, value);
      if (bound) reject(property, raws.get(property) ?? '', bound);
      else kept[property] = serialize(value);
    }
    if (Object.keys(kept).length > 0) out.push({ regionId, declarations: kept });
  }
  return { patch: out, rejected, clamped };
}

/** Text colour and background, together, may not lower the region's contrast. */
function checkContrast(
  region: Region,
  values: Map<CssProperty, CssValue>,
  drop: (property: CssProperty, reason: string) => void,
) {
  const colorOf = (property: CssProperty) => {
    const v = values.get(property);
    return v?.kind === 'color' ? v.color : null;
  };
  if (!colorOf('color') && !colorOf('background-color')) return;
  const current = region.style.contrast;
  const needed = current ?? AA;
  const ratio = () => {
    const background = colorOf('background-color') ?? opaqueOver(region.style.background);
    const text = colorOf('color') ?? parseColor(region.style.color) ?? { r: 0, g: 0, b: 0, a: 1 };
    return contrastRatio(composite(text, background), background);
  };
  const against = current === null ? `${AA}:1` : `the current ${formatNumber(current)}:1`;
  for (const property of ['background-color', 'color'] as const) {
    const r = ratio();
    if (r >= needed - CONTRAST_SLACK) return;
    if (values.has(property)) drop(property, `contrast ${r.toFixed(2)}:1 would be below ${against}`);
  }
}
