import type { RegionKind } from '../schemas';

/**
 * What kind of content block an element is, from its tag and role. Leaves (everything but
 * containers) are content: their subtree belongs to them. Containers group leaves.
 */
const TEXT_TAGS = new Set([
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

export function leafKind(el: Element): RegionKind | null {
  const tag = el.localName;
  const role = el.getAttribute('role');
  if (role === null && PLAIN.has(tag)) return null;
  if (/^h[1-6]$/.test(tag) || role === 'heading') return 'heading';
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
export function landmarkName(el: Element): string | null {
  const role = el.getAttribute('role');
  if (role && LANDMARK_ROLES.has(role))
    return role === 'banner' ? 'header' : role === 'contentinfo' ? 'footer' : role;
  return LANDMARK_TAGS[el.localName] ?? null;
}

export function headingLevel(el: Element): number | null {
  const match = /^h([1-6])$/.exec(el.localName);
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
