/** A region: a DOM element Restage numbers, with its box, text and computed style. */
import { z } from 'zod';

export const TabId = z.number().int().nonnegative();

/** `r1`, `r2`, … in reading order: the Set-of-Mark numbers drawn on the screenshot. */
export const RegionId = z.string().regex(/^r[1-9]\d*$/, 'region ids look like r1, r2, …');

export type RegionId = z.infer<typeof RegionId>;

/** A rectangle in page CSS pixels (document coordinates, not viewport). */
export const Box = z.object({
  x: z.number(),
  y: z.number(),
  width: z.number().nonnegative(),
  height: z.number().nonnegative(),
});

export type Box = z.infer<typeof Box>;

export const RegionKind = z.enum(['heading', 'text', 'control', 'media', 'field', 'container']);

export type RegionKind = z.infer<typeof RegionKind>;

export const RegionStyle = z.object({
  fontSize: z.number().nonnegative(),
  fontWeight: z.number().int().min(1).max(1000),
  /** Used line height in px; `null` when the computed value is `normal`. */
  lineHeight: z.number().nonnegative().nullable(),
  fontFamily: z.string(),
  /** Text color as `rgba(r, g, b, a)`. */
  color: z.string(),
  /** Effective background after compositing ancestors, as `rgba(…)`. */
  background: z.string(),
  /** Whether the text sits over a solid color, or over an image or gradient we cannot see through. */
  backgroundKind: z.enum(['solid', 'image/gradient']),
  /** WCAG 2.x contrast ratio of color over background; `null` when it cannot be known. */
  contrast: z.number().min(1).max(21).nullable(),
  /**
   * Computed `text-align`, with `-webkit-center` and the like folded into `center`, `left`,
   * `right`. Absent in records saved before it existed, read as `start`.
   */
  textAlign: z.enum(['start', 'end', 'left', 'right', 'center', 'justify']).optional(),
});

export type RegionStyle = z.infer<typeof RegionStyle>;

export const Region = z.object({
  id: RegionId,
  /** Stable across recaptures of the same page: a hash of tag, selector and text (utils/core/regions/key.ts). */
  key: z.string().regex(/^k[0-9a-f]{8}$/),
  selector: z.string().min(1),
  box: Box,
  kind: RegionKind,
  tag: z.string(),
  role: z.string().nullable(),
  /** Accessible name, trimmed and capped. */
  name: z.string(),
  /**
   * The whole visible text, whitespace collapsed and never capped (views cap it for display);
   * `•••` for masked private content. Text regions do not overlap (a block's text belongs to
   * one region), so all regions' text together is at most the text the page itself shows.
   * Containers carry no text of their own; a block that holds both loose text and other
   * blocks carries only its loose text.
   */
  text: z.string(),
  /** Length of `text`: the whole visible text's, or 3 for masked private content. */
  textLength: z.number().int().nonnegative(),
  /** The nearest enclosing region (a card, a landmark), or null at the top level. */
  parentId: RegionId.nullable(),
  /** The landmark or section the region sits in: `header`, `nav`, `main`, `aside`, `footer`, `section:<label>`, or null. */
  landmark: z.string().nullable(),
  headingLevel: z.number().int().min(1).max(6).nullable(),
  style: RegionStyle,
  flags: z.object({
    interactive: z.boolean(),
    aboveFold: z.boolean(),
    fixed: z.boolean(),
    private: z.boolean(),
    /** A disabled control: WCAG 1.4.3 exempts its text from contrast. */
    disabled: z.boolean(),
    /**
     * Some of its text is the colour of its background (utils/core/regions/sameColor.ts): no one
     * sees it, so it stays out of the model's input. Absent in records saved before it existed.
     */
    sameColorText: z.boolean().default(false),
    /** Draws a border on all four sides, like an outlined button. Absent in older records. */
    bordered: z.boolean().default(false),
    /**
     * A target in a line of text (utils/page/regions/controlFacts.ts): WCAG 2.5.8's inline exception
     * applies. Absent in older records.
     */
    inText: z.boolean().default(false),
  }),
  /**
   * What a control is for, where that rules it in or out as the page's call to action: it
   * submits a form (`submit`) or a search form or quick menu (`search`), or it is a tab, a
   * menu item or a pagination link. Null for anything else, and in older records.
   */
  purpose: z.enum(['submit', 'search', 'tab', 'menu', 'pagination']).nullable().default(null),
  /**
   * The region's place among the regions in document order (ids follow reading order, which
   * can differ in columns and floats). Null in older records.
   */
  domOrder: z.number().int().nonnegative().nullable().default(null),
});

export type Region = z.infer<typeof Region>;

export { ALLOWED_CSS_PROPERTIES } from '@/utils/core/plan/cssProperties';
