/** A kept candidate as the Region the rest of Restage sees (DESIGN.md, "Contracts"). */
import { parseColor } from '@/utils/core/measure/color';
import type { Region } from '@/utils/core/schemas/region';
import type { Candidate, Landmark } from '@/utils/page/regions/candidate';
import { headingLevel, implicitRole, isInteractive } from '@/utils/page/regions/classify';
import { isBordered, isInText, purposeOf, type StyleCache } from '@/utils/page/regions/controlFacts';
import { isDisabled } from '@/utils/page/regions/disabled';
import { regionKey } from '@/utils/core/regions/key';
import { formatRgba } from '@/utils/page/regions/paint';
import { MASKED_TEXT } from '@/utils/page/regions/privacy';
import { isSameColor } from '@/utils/core/regions/sameColor';
import { accessibleName, squash, visibleText } from '@/utils/page/regions/text';
import { sectionLabel } from '@/utils/page/regions/walkRules';

/** A landmark's name; a section's (`section:<label>`) is worked out once, when first needed. */
export function landmarkLabel(landmark: Landmark | null, labels: Map<Element, string>): string | null {
  if (landmark === null || typeof landmark === 'string') return landmark;
  let label = labels.get(landmark);
  if (label === undefined) labels.set(landmark, (label = sectionLabel(landmark)));
  return label;
}

/**
 * The whole visible text of a block, as the page lays it out; a mixed block's is only its own
 * loose text, and a block with hidden text inside only the text that shows (`parts`: its text
 * nodes and the breaks between its blocks, in page order).
 */
export function realText(c: Candidate, style: CSSStyleDeclaration, parts: readonly string[]): string {
  if (c.kind === 'container') return '';
  if (c.mixed || c.partial) return squash(parts.join(''));
  // A control whose text is indented out of its box (an image-replacement button) shows none.
  if ((c.kind === 'control' || c.kind === 'field') && Math.abs(parseFloat(style.textIndent)) >= c.box.width)
    return '';
  return visibleText(c.el);
}

/**
 * Where a block's content starts, for reading order: its box, except for a block with loose
 * text beside other blocks, which reads where that text is.
 */
export function readingTop(c: Candidate): { x: number; y: number } {
  if (!c.mixed) return c.box;
  for (let child = c.el.firstChild; child; child = child.nextSibling) {
    if (child.nodeType !== 3 || !/\S/.test(child.nodeValue ?? '')) continue;
    const range = c.el.ownerDocument.createRange();
    range.selectNodeContents(child);
    const r = range.getBoundingClientRect();
    if (r.width > 0 || r.height > 0) return { x: r.left + c.dx, y: r.top + c.dy };
  }
  return c.box;
}

/** Computed `text-align` as the schema keeps it: vendor forms and `match-parent` folded in. */
export function textAlignOf(value: string): NonNullable<Region['style']['textAlign']> {
  if (value.includes('center')) return 'center';
  if (value.includes('left')) return 'left';
  if (value.includes('right')) return 'right';
  if (value === 'end' || value === 'justify') return value;
  return 'start';
}

export function toRegion(
  c: Candidate,
  style: CSSStyleDeclaration,
  /** `parseFloat(style.fontSize)`, already read by the caller. */
  fontSize: number,
  id: string,
  selector: string,
  foldY: number,
  disabledLabels: ReadonlySet<Element> | null,
  text: string,
  landmarks: Map<Element, string>,
  styles: StyleCache = new Map(),
): Region {
  const shownText = c.private && c.kind !== 'container' ? MASKED_TEXT : text;
  const worst = c.worst;
  const decided = worst !== null && (c.undecided === null || c.worstScore < 1);
  const behind = decided ? { color: worst.bg, layer: null } : (c.undecided ?? c.bg);
  const lineHeight = parseFloat(style.lineHeight);
  const position = style.position;
  const interactive = isInteractive(c.el, c.kind);
  return {
    id,
    key: regionKey(c.el.localName, selector, shownText),
    selector,
    box: c.box,
    kind: c.kind,
    tag: c.el.localName,
    role: implicitRole(c.el, c.kind),
    name: c.private ? MASKED_TEXT : accessibleName(c.el, text),
    text: shownText,
    textLength: shownText.length,
    headingLevel: headingLevel(c.el),
    parentId: null,
    landmark: landmarkLabel(c.landmark, landmarks),
    style: {
      fontSize: fontSize || 0,
      fontWeight: Math.round(Number(style.fontWeight)) || 400,
      lineHeight: Number.isFinite(lineHeight) ? lineHeight : null,
      fontFamily: style.fontFamily.split(',')[0]!.replace(/["']/g, '').trim(),
      color: formatRgba(decided ? worst.fg : (parseColor(style.color) ?? { r: 0, g: 0, b: 0, a: 1 })),
      background: formatRgba(behind.color),
      backgroundKind: behind.layer ? 'image/gradient' : 'solid',
      // Unrounded: WCAG compares the exact ratio, and 4.496 must not pass as 4.5.
      contrast: decided ? worst.ratio : null,
      textAlign: textAlignOf(style.textAlign),
    },
    flags: {
      interactive,
      aboveFold: c.box.y < foldY,
      fixed: position === 'fixed' || position === 'sticky',
      private: c.private,
      disabled: isDisabled(c.el, disabledLabels),
      sameColorText: isSameColor(c.lowest),
      bordered: c.kind === 'control' && isBordered(style),
      inText: interactive && isInText(c.el, styles),
    },
    purpose: c.kind === 'control' ? purposeOf(c.el) : null,
    domOrder: null,
  };
}
