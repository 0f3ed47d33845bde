/**
 * The working shapes of one extraction pass: a candidate block, and the scope a walk carries
 * down the tree (what is inherited or accumulated from ancestors).
 */
import type { Rgba } from '@/utils/core/measure/color';
import type { Box, RegionKind } from '@/utils/core/schemas/region';
import type { Paint } from '@/utils/page/regions/paint';
import {
  COLOR,
  TEXT_FILL,
  TEXT_SHADOW,
  TEXT_STROKE,
  type StyleSources,
} from '@/utils/page/regions/styleSources';

/** How text is painted: the inherited properties that decide its colors (CSS Text Decoration 4, §4). */
export interface Ink {
  color: string;
  /** `-webkit-text-fill-color` when it is not the element's own color. */
  fill: string | null;
  textShadow: string;
  strokeWidth: number;
  strokeColor: string | null;
}

export const DEFAULT_INK: Ink = {
  color: 'rgb(0, 0, 0)',
  fill: null,
  textShadow: 'none',
  strokeWidth: 0,
  strokeColor: null,
};

/** The ink of an element whose style may set some of it (`mask`), the rest inherited. */
export function readInk(style: CSSStyleDeclaration, mask: number, inherited: Ink): Ink {
  const color = mask & COLOR ? style.color : inherited.color;
  let { fill, textShadow, strokeWidth, strokeColor } = inherited;
  if (mask & TEXT_FILL) {
    const value = style.webkitTextFillColor;
    fill = value && value !== color ? value : null;
  }
  if (mask & TEXT_SHADOW) textShadow = style.textShadow;
  if (mask & TEXT_STROKE) {
    strokeWidth = parseFloat(style.webkitTextStrokeWidth) || 0;
    const value = style.webkitTextStrokeColor;
    strokeColor = value && value !== color ? value : null;
  }
  const same =
    color === inherited.color &&
    fill === inherited.fill &&
    textShadow === inherited.textShadow &&
    strokeWidth === inherited.strokeWidth &&
    strokeColor === inherited.strokeColor;
  return same ? inherited : { color, fill, textShadow, strokeWidth, strokeColor };
}

/**
 * An element's computed style, read again for the few blocks kept: a candidate does not hold
 * its own, which would keep thousands of style objects alive through the walk.
 */
export const styleOf = (el: Element): CSSStyleDeclaration =>
  el.ownerDocument.defaultView!.getComputedStyle(el);

/**
 * A landmark's name (`header`, `nav`, …), or the section or article element itself, whose label
 * (`section:<heading>`) is worked out only if one of its regions is kept.
 */
export type Landmark = string | Element;

export interface Candidate {
  el: Element;
  kind: RegionKind;
  /**
   * A text region that also holds other blocks (loose text in a `div` between paragraphs, or in
   * a `td` beside a nested table): its text is only its own loose text.
   */
  mixed: boolean;
  /** Some of the text inside does not show (clipped away or transparent): its text is what shows. */
  partial: boolean;
  box: Box;
  /** The effective background of the region itself. */
  bg: Paint;
  /**
   * The text inside with the lowest AA-normalised contrast (ratio over the ratio it needs): how
   * it is painted, its ratio and score; and the paint behind any text that was undecidable.
   */
  worst: { ratio: number; fg: Rgba; bg: Rgba } | null;
  worstScore: number;
  worstScope: Scope | null;
  /**
   * The lowest contrast ratio of any text inside (Infinity while none is known), for the
   * same-colour test (./sameColor.ts). Kept apart from `worst`, which weighs size and takes a
   * text over a gradient where it stands out least: here it counts where it stands out most,
   * and text painted by a background clipped to it is left out.
   */
  lowest: number;
  undecided: Paint | null;
  parent: Candidate | null;
  landmark: Landmark | null;
  /** The region is private, or holds private content: its text never leaves the page. */
  private: boolean;
  leaves: number;
  /** Added to viewport rects to get page coordinates. */
  dx: number;
  dy: number;
}

export interface Scope {
  sources: StyleSources;
  bg: Paint;
  /** The product of the opacities of the element and its ancestors. */
  opacity: number;
  /** What is behind the outermost opacity group the element is in (nested groups blend as one). */
  backdrop: Rgba;
  /** `visibility: visible`, inherited. */
  shown: boolean;
  ink: Ink;
  /** Page-coordinate clip from ancestors whose overflow is not visible. */
  clip: Box | null;
  /** The block whose subtree this is part of: its text and colors belong to it. */
  leaf: Candidate | null;
  container: Candidate | null;
  landmark: Landmark | null;
  private: boolean;
  /** Added to viewport rects to get page coordinates (scroll, plus the iframe's offset). */
  dx: number;
  dy: number;
}
