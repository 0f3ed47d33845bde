/**
 * The extraction walk: one pass over the DOM (shadow roots, open or closed, and same-origin
 * frames included) that finds the content blocks of a page and its visible text.
 *
 * Cost is held near a bare getComputedStyle + getBoundingClientRect loop (scripts/bench.ts):
 * - a property beyond `display` is read only where some style can set it (./styleSources.ts);
 * - a box is read only for elements that can become a region, clip, or paint a card;
 * - inside a leaf (a paragraph, a link, a button) no boxes are read at all: its text and colors
 *   belong to the leaf;
 * - per element, no closures and no objects, except a scope where something changes, and a
 *   candidate (which holds no style object) where a block is found;
 * - children are walked once: those met while taking an element's text are visited from a stack;
 * - inks and paints are shared objects, so text contrast is worked out once per pair.
 * The hot loop stays one function in one file, longer than most here: splitting it would put
 * a call or an object per element back.
 */
import type { Box } from '@/utils/core/schemas/region';
import { type Candidate, type Ink, type Scope, readInk } from '@/utils/page/regions/candidate';
import type { Painter } from '@/utils/page/regions/backdrops';
import {
  OPAQUE_CONTENT,
  TEXT_TAGS,
  WORDS,
  atomicKind,
  hasBlock,
  hasLooseWords,
  isBlock,
  landmarkName,
} from '@/utils/page/regions/classify';
import { colorOf, compose, groupStart, TRANSPARENT } from '@/utils/page/regions/paint';
import { isOwn } from '@/utils/page/overlay/ownUi';
import { PRIVATE_ATTRIBUTE, isPrivate, privateRoots } from '@/utils/page/regions/privacy';
import { likelyShadowOf, unopenableHosts } from '@/utils/page/regions/shadow';
import { fieldText } from '@/utils/page/regions/text';
import {
  BG_COLOR,
  BG_IMAGE,
  BORDER,
  BOX_SHADOW,
  EVERY,
  INK,
  OPACITY,
  OVERFLOW,
  CLIP,
  COLOR,
  READ_ALL,
  VISIBILITY,
  authoredMask,
  uaKind,
  uaMask,
} from '@/utils/page/regions/styleSources';
import { noteTextContrast } from '@/utils/page/regions/textContrast';
import {
  clippedAway,
  fieldInk,
  intersect,
  isSpacer,
  looksLikeCard,
  scrollsViewport,
} from '@/utils/page/regions/walkRules';

export interface Walk {
  candidates: Candidate[];
  /**
   * The page's visible text nodes in page order, each with the block it belongs to (`owners`,
   * same index; a mixed block's breaks between its blocks are entries too). Every visible text
   * node with words belongs to exactly one block, so these are the page's visible words.
   */
  texts: string[];
  /** Null only while the walk decides whether an element's own text makes it a region. */
  owners: (Candidate | null)[];
  /** Blocks that paint a background: they may lie behind or over text they do not hold. */
  painters: Painter[];
  elementCount: number;
  canvases: number;
  crossOriginFrames: number;
  /** Whether open shadow roots or same-origin frames were walked too. */
  composed: boolean;
}

/** What one document or shadow tree hides or keeps private, found in one query, not per element. */
interface Tree {
  win: Window;
  private: Set<Element>;
  hidden: Set<Element>;
}

const IMAGE = { kind: 'image' } as const;

const NO_TEXT = 0;
const SYMBOLS = 1;
const WORDS_TOO = 2;
const SPACE = /\S/;

/** Links and buttons: separators between them ("Home | About") do not make their parent text. */
const CONTROLS = 'a[href], button, [role="link"], [role="button"]';

export function walkPage(root: Scope, page: Box, privateSelectors: readonly string[]): Walk {
  const walk: Walk = {
    candidates: [],
    texts: [],
    owners: [],
    painters: [],
    elementCount: 0,
    canvases: 0,
    crossOriginFrames: 0,
    composed: false,
  };
  const { candidates, texts, owners } = walk;

  const treeOf = (node: Document | ShadowRoot, win: Window): Tree => {
    const tree: Tree = { win, private: privateRoots(node, privateSelectors, new Set()), hidden: new Set() };
    // Closed shadow roots this browser cannot open are private whole (./shadow.ts).
    for (const host of unopenableHosts(node)) tree.private.add(host);
    node.querySelectorAll(`[aria-hidden="true"], input, [${PRIVATE_ATTRIBUTE}]`).forEach((el) => {
      if (el.getAttribute('aria-hidden') === 'true') tree.hidden.add(el);
      if (isPrivate(el)) tree.private.add(el);
    });
    return tree;
  };

  /**
   * Element children met while taking an element's text, visited from here instead of being
   * walked a second time: a stack, each element's children above its parent's.
   */
  const kids: Element[] = [];

  /**
   * Appends `node`'s own text nodes to `owner`'s; how much text there was. With `collect`, its
   * element children go on `kids`.
   */
  const takeText = (node: Element | ShadowRoot, owner: Candidate | null, collect = false): number => {
    // Without element children, the text is all one run: read it whole, without touching (and
    // so wrapping, in the extension's world) each text node.
    if (node.childElementCount === 0) {
      const text = node.textContent ?? '';
      if (!SPACE.test(text)) return NO_TEXT;
      texts.push(text);
      owners.push(owner);
      return WORDS.test(text) ? WORDS_TOO : SYMBOLS;
    }
    let found = NO_TEXT;
    for (let child = node.firstChild; child; child = child.nextSibling) {
      if (child.nodeType !== 3) {
        if (collect && child.nodeType === 1) kids.push(child as Element);
        continue;
      }
      const text = child.nodeValue!;
      if (!SPACE.test(text)) continue;
      texts.push(text);
      owners.push(owner);
      if (found !== WORDS_TOO) found = WORDS.test(text) ? WORDS_TOO : SYMBOLS;
    }
    return found;
  };

  /** User-agent colors by kind of element (see uaKind), read on the first of each kind. */
  const uaColors = new Map<string, { color: string; background: string }>();
  /**
   * An inherited ink in a user-agent text color (a link's), made once per pair and shared:
   * text contrast is worked out once per ink and background (./textContrast.ts).
   */
  const recolored = new Map<Ink, Map<string, Ink>>();

  const visit = (el: Element, outer: Scope, tree: Tree, readAll: boolean): void => {
    // Restage's own overlay and styles are not the page (../overlay/ownUi.ts).
    if (isOwn(el)) return;
    walk.elementCount++;
    const style = tree.win.getComputedStyle(el);
    if (style.display === 'none' || (tree.hidden.size > 0 && tree.hidden.has(el))) return;
    const tag = el.localName;
    const host = likelyShadowOf(el, tag);
    const authored = readAll || host ? EVERY : authoredMask(outer.sources, el, tag);
    const ua = uaMask(tag);
    let mask = authored | ua;
    let uaColor: string | null = null;
    let uaBackground: string | null = null;
    const fromUa = ua & ~authored & (COLOR | BG_COLOR);
    const sameAs = fromUa && outer.sources.sharedUa ? uaKind(el, tag) : null;
    if (sameAs !== null) {
      let known = uaColors.get(sameAs);
      if (!known) uaColors.set(sameAs, (known = { color: style.color, background: style.backgroundColor }));
      if (fromUa & COLOR) uaColor = known.color;
      if (fromUa & BG_COLOR) uaBackground = known.background;
      mask &= ~fromUa;
    }

    const selfOpacity = mask & OPACITY ? Number(style.opacity) : 1;
    const opacity = outer.opacity * selfOpacity;
    if (opacity < 0.05 || (mask & CLIP && clippedAway(style))) {
      // Text a leaf holds but does not show (a visually hidden label): its text is then only what shows.
      if (outer.leaf && /\S/.test(el.textContent ?? '')) outer.leaf.partial = true;
      return;
    }
    // An element with opacity starts a group: its content is composed first, then blended.
    const starts = selfOpacity < 1 && outer.opacity === 1;
    const backdrop = starts ? outer.bg.color : outer.backdrop;
    const under = starts ? groupStart(outer.bg) : outer.bg;
    const shown = mask & VISIBILITY ? style.visibility === 'visible' : outer.shown;
    let ink = mask & INK ? readInk(style, mask, outer.ink) : outer.ink;
    if (uaColor !== null && uaColor !== ink.color) {
      let byColor = recolored.get(ink);
      if (!byColor) recolored.set(ink, (byColor = new Map()));
      let inUa = byColor.get(uaColor);
      if (!inUa) byColor.set(uaColor, (inUa = { ...ink, color: uaColor }));
      ink = inUa;
    }
    let rect: DOMRect | null = null;
    const bgColor = mask & BG_COLOR ? style.backgroundColor : (uaBackground ?? TRANSPARENT);
    const bgImage = mask & BG_IMAGE ? style.backgroundImage : 'none';
    const bg =
      bgColor === TRANSPARENT && bgImage === 'none'
        ? under
        : compose(
            bgColor,
            bgImage,
            under,
            () => {
              rect ??= el.getBoundingClientRect();
              return {
                x: rect.left + outer.dx,
                y: rect.top + outer.dy,
                width: rect.width,
                height: rect.height,
              };
            },
            opacity < 1 ? { opacity, backdrop } : null,
          );
    const isPrivateHere = !outer.private && tree.private.size > 0 && tree.private.has(el);
    const leaf = outer.leaf;

    // Inside a leaf: its text and colors, no boxes.
    if (leaf) {
      let scope = outer;
      if (
        bg !== outer.bg ||
        opacity !== outer.opacity ||
        shown !== outer.shown ||
        ink !== outer.ink ||
        isPrivateHere
      ) {
        scope = { ...outer, bg, opacity, backdrop, shown, ink };
        if (isPrivateHere) scope.private = leaf.private = true;
      }
      if (tag === 'br') {
        texts.push('\n');
        owners.push(leaf);
      }
      const from = shown ? kids.length : -1;
      if (shown && (takeText(el, leaf, true) | (host ? takeText(host, leaf) : NO_TEXT)) !== NO_TEXT)
        noteTextContrast(leaf, el, style, scope);
      visitChildren(el, host, scope, tree, tag, from);
      return;
    }

    const role = el.getAttribute('role');
    const landmark = landmarkName(el, role, tag);
    const clips = mask & OVERFLOW && style.overflow !== 'visible' && !scrollsViewport(el, tag, tree.win);
    const atomic = atomicKind(el, role, tag);
    // Own text is taken now, and given to the region this element becomes, or dropped.
    const first = texts.length;
    const from = kids.length;
    const own = takeText(el, null, true) | (host ? takeText(host, null) : NO_TEXT);
    const ownWords = own >= WORDS_TOO;
    const textTag = TEXT_TAGS.has(tag);
    // A card paints itself apart: a fill, a border or a shadow. Headings, controls and media
    // are never cards.
    const painted =
      atomic === null &&
      (bg !== under ||
        // The computed width is 0 when the style is none or hidden (CSS Backgrounds 3, §4.3).
        (mask & BORDER ? parseFloat(style.borderTopWidth) > 0 : false) ||
        (mask & BOX_SHADOW ? style.boxShadow !== 'none' : false));

    let visible = false;
    let box: Box | null = null;
    let clip: Box | null = null;
    if (atomic !== null || textTag || ownWords || landmark || clips || painted || tag === 'fieldset') {
      rect ??= el.getBoundingClientRect();
      box = { x: rect.left + outer.dx, y: rect.top + outer.dy, width: rect.width, height: rect.height };
      const within = outer.clip ?? page;
      const onCanvas =
        Math.min(box.x + box.width, within.x + within.width) - Math.max(box.x, within.x) >= 1 &&
        Math.min(box.y + box.height, within.y + within.height) - Math.max(box.y, within.y) >= 1;
      visible = onCanvas && box.width > 1 && box.height > 1 && shown;
      if (clips) clip = intersect(box, within) ?? { x: box.x, y: box.y, width: 0, height: 0 };
    }
    if (tag === 'canvas' && visible) walk.canvases++;
    if (visible && painted && bg !== under && !scrollsViewport(el, tag, tree.win)) {
      const opaque = bgImage === 'none' && colorOf(bgColor)?.a === 1;
      walk.painters.push({ el, box: box!, paint: bg, opaque });
    } else if (visible && atomic === 'media' && Math.min(box!.width, box!.height) >= 4) {
      walk.painters.push({ el, box: box!, paint: { ...bg, layer: IMAGE }, opaque: false });
    }

    let kind = visible ? atomic : null;
    let mixed = false;
    if (kind === 'heading' && own === NO_TEXT && !host && !SPACE.test(el.textContent ?? '')) kind = null;
    else if (kind === 'media' && isSpacer(el, rect!)) kind = null;
    if (visible && atomic === null && (textTag || ownWords)) {
      const blocky = hasBlock(el) || (host !== null && hasBlock(host));
      if (!blocky) {
        if (ownWords || hasLooseWords(el) || (host !== null && hasLooseWords(host))) kind = 'text';
        // A paragraph of symbols is still text (W3C ACT afw4f7 passes it); separators between
        // links ("Home | About") are not.
        else if (textTag && own !== NO_TEXT && el.querySelector(CONTROLS) === null) kind = 'text';
      } else if (ownWords) {
        kind = 'text';
        mixed = true;
      }
    }
    const container =
      visible && !kind && (landmark !== null || tag === 'fieldset' || looksLikeCard(rect!, painted, page));
    // A block with nothing inside to walk (a heading or a link of text alone) needs no scope of
    // its own unless it changes what its text is painted with: its parent's says the same.
    const alone = kind !== null && !mixed && host === null && tag !== 'iframe' && kids.length === from;

    let scope = outer;
    if (
      bg !== outer.bg ||
      opacity !== outer.opacity ||
      shown !== outer.shown ||
      ink !== outer.ink ||
      isPrivateHere ||
      landmark ||
      clip ||
      (kind && !alone) ||
      container
    ) {
      scope = { ...outer, bg, opacity, backdrop, shown, ink };
      if (isPrivateHere) scope.private = true;
      if (landmark)
        scope.landmark =
          landmark === 'section' || landmark === 'article' || landmark === 'region' ? el : landmark;
      if (clip) scope.clip = clip;
    }
    if (!kind || mixed) texts.length = owners.length = first;
    if (!kind && !container) {
      visitChildren(el, host, scope, tree, tag, from);
      return;
    }

    const candidate: Candidate = {
      el,
      kind: kind ?? 'container',
      mixed,
      box: box!,
      bg,
      partial: false,
      worst: null,
      worstScore: Infinity,
      worstScope: null,
      lowest: Infinity,
      undecided: null,
      parent: outer.container,
      landmark: scope.landmark,
      private: scope.private,
      leaves: 0,
      dx: outer.dx,
      dy: outer.dy,
    };
    candidates.push(candidate);
    if (!kind) {
      scope.container = candidate;
      visitChildren(el, host, scope, tree, tag, from);
      return;
    }
    for (let c = outer.container; c; c = c.parent) c.leaves++;
    if (!mixed) {
      if (scope !== outer) scope.leaf = candidate;
      for (let i = first; i < owners.length; i++) owners[i] = candidate;
      // A field's value, placeholder or chosen option is text it paints in its own color.
      if (own !== NO_TEXT) noteTextContrast(candidate, el, style, scope);
      else if (kind !== 'text' && fieldText(el))
        noteTextContrast(candidate, el, style, fieldInk(el, scope, tree.win));
      if (!alone) visitChildren(el, host, scope, tree, tag, from);
      return;
    }
    // Loose text in order, with its inline neighbours; blocks become regions of their own.
    kids.length = from;
    noteTextContrast(candidate, el, style, scope);
    const inline = { ...scope, leaf: candidate };
    for (let child = el.firstChild; child; child = child.nextSibling) {
      if (child.nodeType === 3) {
        if (!SPACE.test(child.nodeValue!)) continue;
        texts.push(child.nodeValue!);
        owners.push(candidate);
      } else if (child.nodeType === 1) {
        const element = child as Element;
        const block = isBlock(element) || hasBlock(element);
        if (block) {
          texts.push('\n');
          owners.push(candidate);
        }
        visit(element, block ? scope : inline, tree, host !== null);
      }
    }
    if (host) visitShadow(host, scope, tree);
  };

  const visitShadow = (host: ShadowRoot, scope: Scope, outer: Tree) => {
    walk.composed = true;
    const tree = treeOf(host, outer.win);
    const shadowScope = scope.sources === READ_ALL ? scope : { ...scope, sources: READ_ALL };
    for (let child = host.firstElementChild; child; child = child.nextElementSibling)
      visit(child, shadowScope, tree, true);
  };

  /** `from`: where `el`'s children start on `kids`, or -1 when they were not collected. */
  const visitChildren = (
    el: Element,
    host: ShadowRoot | null,
    scope: Scope,
    tree: Tree,
    tag: string,
    from = -1,
  ) => {
    if (OPAQUE_CONTENT.has(tag)) {
      if (from >= 0) kids.length = from;
      if (tag === 'iframe') visitFrame(el as HTMLIFrameElement, scope, tree);
      return;
    }
    // Slotted children can be styled from the shadow tree (::slotted): read them whole.
    if (from >= 0) {
      const end = kids.length;
      for (let i = from; i < end; i++) visit(kids[i]!, scope, tree, host !== null);
      kids.length = from;
    } else
      for (let child = el.firstElementChild; child; child = child.nextElementSibling)
        visit(child, scope, tree, host !== null);
    if (host) visitShadow(host, scope, tree);
  };

  const visitFrame = (frame: HTMLIFrameElement, outer: Scope, tree: Tree) => {
    const inner = frame.contentDocument; // null for cross-origin frames
    const rect = frame.getBoundingClientRect();
    if (!inner?.documentElement || !inner.defaultView) {
      if (rect.width > 1 && rect.height > 1 && outer.shown) walk.crossOriginFrames++;
      return;
    }
    walk.composed = true;
    const style = tree.win.getComputedStyle(frame);
    const scope: Scope = {
      ...outer,
      sources: READ_ALL,
      leaf: null,
      dx: rect.left + outer.dx + parseFloat(style.borderLeftWidth) + parseFloat(style.paddingLeft),
      dy: rect.top + outer.dy + parseFloat(style.borderTopWidth) + parseFloat(style.paddingTop),
    };
    visit(inner.documentElement, scope, treeOf(inner, inner.defaultView), true);
  };

  visit(document.documentElement, root, treeOf(document, window), false);
  return walk;
}
