/**
 * Region extraction: one pass over the DOM (open shadow roots and same-origin iframes
 * included) that reads each element's computed style and box once, the same work as a bare
 * getBoundingClientRect + getComputedStyle loop, and turns content-bearing blocks into
 * `Region[]` per the DESIGN.md contract.
 */
import { parseColor, type Rgba } from '../measure/color';
import type { Box, Extraction, Region, RegionKind } from '../schemas';
import { IMPORTANCE, headingLevel, implicitRole, isInteractive, landmarkName, leafKind } from './classify';
import { PAGE_CANVAS, compose, formatRgba, textContrast, type Paint } from './paint';
import { MASKED_TEXT, isPrivate, privateRoots } from './privacy';
import { SelectorCache, uniqueSelector, verifySelectors } from './selector';
import { accessibleName, cap, visibleText } from './text';

export const MAX_REGIONS = 200;

interface Scope {
  bg: Paint;
  opacity: number;
  /** Page-coordinate clip from ancestors whose overflow is not visible. */
  clip: Box | null;
  leaf: Candidate | null;
  container: Candidate | null;
  landmark: string | null;
  private: boolean;
  /** Added to viewport rects to get page coordinates (scroll, plus the iframe's offset). */
  dx: number;
  dy: number;
}

interface Candidate {
  el: Element;
  kind: RegionKind;
  box: Box;
  style: CSSStyleDeclaration;
  fixed: boolean;
  /** The effective background of the region itself. */
  bg: Paint;
  /** The text inside with the lowest AA-normalised contrast, and whether any text was undecidable. */
  worst: { ratio: number; fg: Rgba; bg: Paint; score: number } | null;
  undecided: Paint | null;
  parent: Candidate | null;
  landmark: string | null;
  /** The region is private, or holds private content: its text never leaves the page. */
  private: boolean;
  leaves: number;
}

/** Direct text children matching `pattern` (any non-space, or words only). */
function hasOwnText(node: Element | ShadowRoot, pattern = /\S/): boolean {
  for (let child = node.firstChild; child; child = child.nextSibling) {
    if (child.nodeType === 3 && pattern.test(child.nodeValue ?? '')) return true;
  }
  return false;
}
const WORDS = /[\p{L}\p{N}]/u;

function intersect(a: Box, b: Box): Box | null {
  const x = Math.max(a.x, b.x);
  const y = Math.max(a.y, b.y);
  const right = Math.min(a.x + a.width, b.x + b.width);
  const bottom = Math.min(a.y + a.height, b.y + b.height);
  return right - x >= 1 && bottom - y >= 1 ? { x, y, width: right - x, height: bottom - y } : null;
}

function looksLikeCard(
  style: CSSStyleDeclaration,
  box: DOMRect,
  bg: Paint,
  under: Paint,
  page: Box,
): boolean {
  if (box.width * box.height < 4000 || box.width > page.width * 0.95) return false;
  const filled = bg.color !== under.color || bg.layer !== under.layer;
  const bordered = style.borderTopStyle !== 'none' && parseFloat(style.borderTopWidth) > 0;
  return filled || bordered || style.boxShadow !== 'none';
}

/** WCAG 1.4.3 exempts text of inactive controls, and of labels of inactive controls. */
function isDisabled(el: Element, disabledLabels: Set<Element>): boolean {
  const inactive = ':disabled, [aria-disabled="true"]';
  if (el.closest(inactive)) return true;
  const label = el.closest('label');
  if (label?.control?.matches(inactive) || label?.control?.closest('[aria-disabled="true"]')) return true;
  if (el.querySelector(inactive)) return el.localName === 'label';
  for (let node: Element | null = el; node; node = node.parentElement)
    if (disabledLabels.has(node)) return true;
  return false;
}

function labelsOfDisabled(doc: Document): Set<Element> {
  const labels = new Set<Element>();
  doc.querySelectorAll('[aria-labelledby]').forEach((el) => {
    if (!el.closest(':disabled, [aria-disabled="true"]')) return;
    for (const id of el.getAttribute('aria-labelledby')!.split(/\s+/)) {
      const label = doc.getElementById(id);
      if (label) labels.add(label);
    }
  });
  return labels;
}

function sectionLabel(el: Element): string {
  const name = el.getAttribute('aria-label') ?? el.id ?? '';
  const heading = el.querySelector('h1, h2, h3, h4, h5, h6')?.textContent ?? '';
  return `${el.localName === 'section' || el.localName === 'article' ? el.localName : 'section'}:${cap((name || heading).replace(/\s+/g, ' ').trim(), 40)}`;
}

/** Rows top to bottom (tops within 4 px share a row), then left to right, outer before inner. */
function readingOrder(a: Candidate, b: Candidate): number {
  const dy = a.box.y - b.box.y;
  if (Math.abs(dy) > 4) return dy;
  return a.box.x - b.box.x || b.box.width * b.box.height - a.box.width * a.box.height;
}

function toRegion(
  c: Candidate,
  id: string,
  selector: string,
  foldY: number,
  disabledLabels: Set<Element>,
): Region {
  const { style } = c;
  // A container's content is its leaves; it carries no text of its own.
  const text = c.kind === 'container' ? '' : c.private ? MASKED_TEXT : visibleText(c.el);
  const decided = c.worst !== null && (c.undecided === null || c.worst.score < 1);
  const shown = decided ? c.worst!.bg : (c.undecided ?? c.bg);
  const lineHeight = parseFloat(style.lineHeight);
  return {
    id,
    selector,
    box: c.box,
    kind: c.kind,
    tag: c.el.localName,
    role: implicitRole(c.el, c.kind),
    name: c.private ? MASKED_TEXT : accessibleName(c.el, text),
    text: cap(text),
    textLength: text.length,
    headingLevel: headingLevel(c.el),
    parentId: null,
    landmark: c.landmark,
    style: {
      fontSize: parseFloat(style.fontSize) || 0,
      fontWeight: Math.round(Number(style.fontWeight)) || 400,
      lineHeight: Number.isFinite(lineHeight) ? lineHeight : null,
      fontFamily: style.fontFamily.split(',')[0]!.replace(/["']/g, '').trim(),
      color: formatRgba(decided ? c.worst!.fg : (parseColor(style.color) ?? { r: 0, g: 0, b: 0, a: 1 })),
      background: formatRgba(shown.color),
      backgroundKind: shown.layer ? 'image/gradient' : 'solid',
      // Unrounded: WCAG compares the exact ratio, and 4.496 must not pass as 4.5.
      contrast: decided ? c.worst!.ratio : null,
    },
    flags: {
      interactive: isInteractive(c.el, c.kind),
      aboveFold: c.box.y < foldY,
      fixed: c.fixed,
      private: c.private,
      disabled: isDisabled(c.el, disabledLabels),
    },
  };
}

export function extractRegions(privateSelectors: readonly string[] = []): Extraction {
  const started = performance.now();
  const doc = document;
  const view = window;
  const page: Box = {
    x: 0,
    y: 0,
    width: doc.documentElement.scrollWidth,
    height: doc.documentElement.scrollHeight,
  };
  const candidates: Candidate[] = [];
  let elementCount = 0;

  // Pages reuse a handful of text colors thousands of times.
  const colors = new Map<string, Rgba | null>();
  const noteText = (leaf: Candidate, el: Element, style: CSSStyleDeclaration, scope: Scope) => {
    const css = style.color;
    if (!colors.has(css)) colors.set(css, parseColor(css));
    const parsed = colors.get(css);
    const fg = parsed ? { ...parsed, a: parsed.a * scope.opacity } : null;
    const textBox = () => {
      const range = el.ownerDocument.createRange();
      range.selectNodeContents(el);
      const r = range.getBoundingClientRect();
      return { x: r.left + scope.dx, y: r.top + scope.dy, width: r.width, height: r.height };
    };
    const ratio = fg ? textContrast(fg, scope.bg, style.textShadow, textBox) : null;
    if (ratio === null || !fg) {
      leaf.undecided ??= scope.bg;
      return;
    }
    const size = parseFloat(style.fontSize);
    // WCAG large text: 18pt (24px), or 14pt (18.66px) bold (https://www.w3.org/TR/WCAG21/#dfn-large-scale).
    const large = size >= 24 || (size >= 18.66 && Number(style.fontWeight) >= 700);
    const score = ratio / (large ? 3 : 4.5);
    if (!leaf.worst || score < leaf.worst.score) leaf.worst = { ratio, fg, bg: scope.bg, score };
  };

  // The hot loop: one getComputedStyle and one getBoundingClientRect per element, few
  // allocations. A child reuses its parent's scope object unless something changes.
  const visit = (el: Element, outer: Scope, roots: Set<Element>, win: Window): void => {
    elementCount++;
    const style = win.getComputedStyle(el);
    if (style.display === 'none' || el.getAttribute('aria-hidden') === 'true') return;
    const opacityText = style.opacity;
    const opacity = opacityText === '1' ? outer.opacity : outer.opacity * Number(opacityText);
    if (opacity < 0.05) return;

    const rect = el.getBoundingClientRect();
    const x = rect.left + outer.dx;
    const y = rect.top + outer.dy;
    const clip = outer.clip ?? page;
    const onCanvas =
      Math.min(x + rect.width, clip.x + clip.width) - Math.max(x, clip.x) >= 1 &&
      Math.min(y + rect.height, clip.y + clip.height) - Math.max(y, clip.y) >= 1;
    const visible = onCanvas && rect.width > 1 && rect.height > 1 && style.visibility === 'visible';
    const box = (): Box => ({ x, y, width: rect.width, height: rect.height });

    const bg = compose(style, outer.bg, box);
    const isPrivateHere = !outer.private && (roots.has(el) || isPrivate(el));
    const landmark = landmarkName(el);
    const clips = style.overflow !== 'visible';
    let scope = outer;
    if (bg !== outer.bg || opacity !== outer.opacity || isPrivateHere || landmark || clips) {
      scope = { ...outer, bg, opacity };
      if (isPrivateHere) {
        scope.private = true;
        if (outer.leaf) outer.leaf.private = true;
      }
      if (landmark)
        scope.landmark =
          landmark === 'section' || landmark === 'article' || landmark === 'region'
            ? sectionLabel(el)
            : landmark;
      if (clips) scope.clip = intersect(box(), clip) ?? { x, y, width: 0, height: 0 };
    }
    const ownText = hasOwnText(el) || (el.shadowRoot !== null && hasOwnText(el.shadowRoot));

    if (visible && !outer.leaf) {
      let kind = leafKind(el);
      if ((kind === 'text' || kind === 'heading') && !el.shadowRoot && !/\S/.test(el.textContent ?? ''))
        kind = null;
      // Separators (" | ", "·") between links do not make a wrapper a text block.
      kind ??=
        ownText && (hasOwnText(el, WORDS) || (el.shadowRoot !== null && hasOwnText(el.shadowRoot, WORDS)))
          ? 'text'
          : null;
      if (kind || landmark || looksLikeCard(style, rect, scope.bg, outer.bg, page)) {
        const candidate: Candidate = {
          el,
          kind: kind ?? 'container',
          box: box(),
          style,
          bg: scope.bg,
          fixed: style.position === 'fixed' || style.position === 'sticky',
          worst: null,
          undecided: null,
          parent: outer.container,
          landmark: scope.landmark,
          private: scope.private,
          leaves: 0,
        };
        candidates.push(candidate);
        if (scope === outer) scope = { ...outer };
        if (kind) {
          scope.leaf = candidate;
          for (let c = outer.container; c; c = c.parent) c.leaves++;
        } else {
          scope.container = candidate;
        }
      }
    }
    if (visible && scope.leaf && ownText) noteText(scope.leaf, el, style, scope);

    for (let child = el.firstElementChild; child; child = child.nextElementSibling)
      visit(child, scope, roots, win);
    if (el.shadowRoot) {
      const shadowRoots = privateRoots(el.shadowRoot, privateSelectors, new Set(roots));
      for (let child = el.shadowRoot.firstElementChild; child; child = child.nextElementSibling) {
        visit(child, scope, shadowRoots, win);
      }
    }
    if (el.localName === 'iframe') visitFrame(el as HTMLIFrameElement, rect, style, scope);
  };

  const visitFrame = (frame: HTMLIFrameElement, rect: DOMRect, style: CSSStyleDeclaration, outer: Scope) => {
    const inner = frame.contentDocument; // null for cross-origin frames
    if (!inner?.documentElement || !inner.defaultView) return;
    const scope: Scope = {
      ...outer,
      leaf: null,
      dx: rect.left + outer.dx + parseFloat(style.borderLeftWidth) + parseFloat(style.paddingLeft),
      dy: rect.top + outer.dy + parseFloat(style.borderTopWidth) + parseFloat(style.paddingTop),
    };
    visit(inner.documentElement, scope, privateRoots(inner, privateSelectors, new Set()), inner.defaultView);
  };

  visit(
    doc.documentElement,
    {
      bg: PAGE_CANVAS,
      opacity: 1,
      clip: null,
      leaf: null,
      container: null,
      landmark: null,
      private: false,
      dx: view.scrollX,
      dy: view.scrollY,
    },
    privateRoots(doc, privateSelectors, new Set()),
    view,
  );

  const content = candidates.filter((c) => c.kind !== 'container' || c.leaves >= 2);
  const kept = content
    .map((c) => ({ c, priority: IMPORTANCE[c.kind] * Math.sqrt(Math.max(1, c.box.width * c.box.height)) }))
    .sort((a, b) => b.priority - a.priority)
    .slice(0, MAX_REGIONS)
    .map(({ c }) => c)
    .sort(readingOrder);

  const disabledLabels = labelsOfDisabled(doc);
  const regions: Region[] = [];
  const ids = new Map<Candidate, string>();
  const cache = new SelectorCache();
  const selectors = kept.map((c) => ({ selector: uniqueSelector(c.el, cache), el: c.el }));
  const verified = verifySelectors(selectors);
  for (const [i, c] of kept.entries()) {
    if (!verified[i]) continue;
    const { selector } = selectors[i]!;
    const id = `r${regions.length + 1}`;
    ids.set(c, id);
    regions.push(toRegion(c, id, selector, view.innerHeight, disabledLabels));
  }
  for (const [c, id] of ids) {
    let parent = c.parent;
    while (parent && !ids.has(parent)) parent = parent.parent;
    regions[Number(id.slice(1)) - 1]!.parentId = parent ? ids.get(parent)! : null;
  }

  return {
    regions,
    omitted: content.length - regions.length,
    viewport: {
      width: view.innerWidth,
      height: view.innerHeight,
      dpr: view.devicePixelRatio,
      scrollX: view.scrollX,
      scrollY: view.scrollY,
    },
    document: { width: page.width, height: page.height },
    elementCount,
    ms: performance.now() - started,
  };
}
