import type { RegionKind } from '@/utils/core/schemas/region';
import { likelyShadowOf } from '@/utils/page/regions/shadow';

/**
 * What kind of content block an element is, from its tag and role. Headings, controls, fields
 * and media are always one block: their subtree belongs to them. Text tags (and any element
 * with loose text of its own) are a text block only while they hold no block-level content;
 * otherwise they are walked into (see extract.ts). Containers group leaves.
 */
export const TEXT_TAGS = new Set([
  'p',
  'li',
  'blockquote',
  'figcaption',
  'label',
  'dt',
  'dd',
  'pre',
  'td',
  'th',
  'caption',
  'legend',
  'address',
]);
const MEDIA_TAGS = new Set([
  'img',
  'svg',
  'video',
  'canvas',
  'picture',
  'audio',
  'iframe',
  'object',
  'embed',
]);
const FIELD_TAGS = new Set(['input', 'select', 'textarea']);
const BUTTON_INPUT_TYPES = new Set(['submit', 'button', 'reset', 'image']);
const LANDMARK_TAGS: Record<string, string> = {
  header: 'header',
  nav: 'nav',
  main: 'main',
  aside: 'aside',
  footer: 'footer',
  section: 'section',
  article: 'article',
  form: 'form',
};
const LANDMARK_ROLES = new Set([
  'banner',
  'navigation',
  'main',
  'complementary',
  'contentinfo',
  'region',
  'search',
  'form',
  'dialog',
]);
const CONTROL_ROLES = new Set(['button', 'link', 'tab', 'menuitem', 'checkbox', 'radio', 'switch', 'option']);
const FIELD_ROLES = new Set(['textbox', 'searchbox', 'combobox', 'slider', 'spinbutton']);

/** Tags that are never leaves by themselves and carry no role: the common case, decided fast. */
const PLAIN = new Set([
  'div',
  'span',
  'i',
  'b',
  'em',
  'strong',
  'small',
  'ul',
  'ol',
  'dl',
  'tr',
  'tbody',
  'thead',
  'table',
  'body',
  'html',
  'br',
  'hr',
  'font',
  'center',
]);

/**
 * Descendants that make a text tag a container, not a text block: blocks of their own, form
 * controls (a label keeps its field as a region of its own), and images that are content
 * (`alt=""` marks one decorative, HTML §4.8.4.4.4). Inline links, emphasis and icons stay part
 * of the text around them, as in a paragraph.
 */
const BLOCK_TAGS = new Set(
  (
    'address article aside blockquote center details dialog div dl dd dt fieldset figure figcaption ' +
    'footer form h1 h2 h3 h4 h5 h6 header hgroup hr li main menu nav ol p pre section table ul caption ' +
    'legend iframe video audio canvas object embed textarea select button picture'
  ).split(' '),
);
const BLOCK_ROLES = new Set(['heading', 'list', 'listitem', 'table', 'group', 'region']);

export function isBlock(el: Element): boolean {
  const tag = el.localName;
  if (BLOCK_TAGS.has(tag)) return true;
  if (tag === 'img') return el.getAttribute('alt') !== '';
  if (tag === 'input') return (el as HTMLInputElement).type !== 'hidden';
  const role = el.getAttribute('role');
  return role !== null && BLOCK_ROLES.has(role);
}

/** Whether `node` holds a block (see isBlock) anywhere below it, shadow trees included. */
export function hasBlock(node: Element | ShadowRoot): boolean {
  for (let child = node.firstElementChild; child; child = child.nextElementSibling) {
    if (isBlock(child) || hasBlock(child)) return true;
    const shadow = likelyShadowOf(child);
    if (shadow && hasBlock(shadow)) return true;
  }
  return false;
}

/** Elements whose children are not rendered as the page's text (or are the element's own pixels). */
export const OPAQUE_CONTENT = new Set([
  'select',
  'textarea',
  'option',
  'optgroup',
  'datalist',
  'video',
  'audio',
  'canvas',
  'object',
  'embed',
  'svg',
  'math',
  'picture',
  'iframe',
  'script',
  'style',
  'template',
  'noscript',
  'head',
]);

/** Letters or digits: what makes text words rather than separators (" | ", "·"). */
export const WORDS = /[\p{L}\p{N}]/u;

/** Words in `node`'s text outside headings, controls, fields and media (which are blocks of their own). */
export function hasLooseWords(node: Element | ShadowRoot): boolean {
  for (let child = node.firstChild; child; child = child.nextSibling) {
    if (child.nodeType === 3) {
      if (WORDS.test(child.nodeValue ?? '')) return true;
    } else if (child.nodeType === 1) {
      const el = child as Element;
      if (!OPAQUE_CONTENT.has(el.localName) && !atomicKind(el) && hasLooseWords(el)) return true;
    }
  }
  return false;
}

/** Headings, controls, fields and media: leaves whatever they hold. */
export function atomicKind(
  el: Element,
  role = el.getAttribute('role'),
  tag = el.localName,
): RegionKind | null {
  const kind = leafKind(el, role, tag);
  return kind === 'text' ? null : kind;
}

/** A regex literal is a new object each time it is evaluated: this one is met per element. */
const HEADING_TAG = /^h([1-6])$/;

export function leafKind(el: Element, role = el.getAttribute('role'), tag = el.localName): RegionKind | null {
  if (role === null && PLAIN.has(tag)) return null;
  if (HEADING_TAG.test(tag) || role === 'heading') return 'heading';
  if (tag === 'input') {
    const type = (el as HTMLInputElement).type;
    if (type === 'hidden') return null;
    return BUTTON_INPUT_TYPES.has(type) ? 'control' : 'field';
  }
  if (FIELD_TAGS.has(tag) || (role && FIELD_ROLES.has(role))) return 'field';
  if (
    tag === 'button' ||
    tag === 'summary' ||
    (tag === 'a' && el.hasAttribute('href')) ||
    (role && CONTROL_ROLES.has(role))
  ) {
    return 'control';
  }
  if (MEDIA_TAGS.has(tag) || role === 'img') return 'media';
  if (TEXT_TAGS.has(tag)) return 'text';
  return null;
}

/** `header`, `nav`, … for landmarks and sections; null for anything else. */
export function landmarkName(el: Element, role = el.getAttribute('role'), tag = el.localName): string | null {
  if (role && LANDMARK_ROLES.has(role))
    return role === 'banner' ? 'header' : role === 'contentinfo' ? 'footer' : role;
  return LANDMARK_TAGS[tag] ?? null;
}

export function headingLevel(el: Element): number | null {
  const match = HEADING_TAG.exec(el.localName);
  if (match) return Number(match[1]);
  const level = Number(el.getAttribute('aria-level'));
  return el.getAttribute('role') === 'heading' ? (level >= 1 && level <= 6 ? level : 2) : null;
}

export function isInteractive(el: Element, kind: RegionKind): boolean {
  return (
    kind === 'control' ||
    kind === 'field' ||
    el.hasAttribute('onclick') ||
    el.getAttribute('tabindex') === '0'
  );
}

export function implicitRole(el: Element, kind: RegionKind): string | null {
  const explicit = el.getAttribute('role');
  if (explicit) return explicit;
  const tag = el.localName;
  if (kind === 'heading') return 'heading';
  if (tag === 'a') return 'link';
  if (tag === 'button' || (tag === 'input' && kind === 'control')) return 'button';
  if (tag === 'img') return el.getAttribute('alt') === '' ? 'presentation' : 'img';
  if (tag === 'input' || tag === 'textarea') return 'textbox';
  if (tag === 'select') return 'combobox';
  if (tag === 'li') return 'listitem';
  const landmark = landmarkName(el);
  if (landmark === 'header') return 'banner';
  if (landmark === 'footer') return 'contentinfo';
  if (landmark === 'nav') return 'navigation';
  return landmark;
}

/** Semantic importance used to choose which regions to keep when a page has too many. */
export const IMPORTANCE: Record<RegionKind, number> = {
  heading: 5,
  control: 4,
  field: 4,
  media: 2,
  text: 2,
  container: 1,
};
