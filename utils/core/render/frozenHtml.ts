/**
 * The frozen page as one HTML document: a writer for the tree rrweb-snapshot serializes
 * (https://github.com/rrweb-io/rrweb/tree/master/packages/rrweb-snapshot). It writes what the
 * page shows and nothing that could run or load: no scripts, `noscript`, `on*` handlers,
 * `javascript:` URLs, frames' content, `<base>`, `<meta>` or links other than inlined
 * stylesheets. Every image and every CSS `url()` becomes a token (./frozenResources.ts) that the
 * background swaps for the bytes it fetched; a region's element carries `data-region="rN"`;
 * private content is written as `•••`, with none of its attributes that could carry a value.
 * Pure: tested on hand-made trees, run in the content script on rrweb's.
 */
import { escapeHtml as e } from '@/utils/core/render/html';

/** rrweb-snapshot's NodeType numbering. */
export const NODE = { document: 0, doctype: 1, element: 2, text: 3, cdata: 4, comment: 5 } as const;

/** The parts of rrweb's serialized node this writer reads. */
export interface FrozenNode {
  type: number;
  id: number;
  tagName?: string;
  attributes?: Record<string, string | number | boolean | null | undefined>;
  childNodes?: FrozenNode[];
  textContent?: string;
  isShadow?: boolean;
  isShadowHost?: boolean;
  isSVG?: boolean;
  /** A doctype's name and identifiers. */
  name?: string;
  publicId?: string;
  systemId?: string;
}

/**
 * The page's doctype as it was, so the mockup renders in the page's mode: a page without one is
 * laid out in quirks mode (where `height: 100%` fills the window), and a legacy public identifier
 * keeps its limited-quirks mode. Quotes and `>` cannot occur in a doctype's identifiers.
 */
function doctype(node: FrozenNode | undefined): string {
  if (!node) return '';
  const id = (value: string | undefined) => (value ?? '').replace(/["<>]/g, '');
  const name = /^[a-z][\w-]*$/i.test(node.name ?? '') ? node.name! : 'html';
  const publicId = id(node.publicId);
  const systemId = id(node.systemId);
  const ids = publicId
    ? ` PUBLIC "${publicId}"${systemId ? ` "${systemId}"` : ''}`
    : systemId
      ? ` SYSTEM "${systemId}"`
      : '';
  return `<!doctype ${name}${ids}>`;
}

export interface WriteOptions {
  /** Region id by serialized node id. */
  regionOf: ReadonlyMap<number, string>;
  /** Serialized ids of private elements: everything inside is masked. */
  privateIds: ReadonlySet<number>;
  /** Serialized ids of elements left out whole (Restage's own overlay). */
  omitIds: ReadonlySet<number>;
  /** The token an image URL is written as (an `<img>` or a CSS `url()`), or null to drop it. */
  image(url: string, nodeId: number | null): string | null;
  /** The token a stylesheet the page could not hand over (a cross-origin `<link>`) is written as. */
  stylesheet(url: string): string | null;
  /** The current source of an `<img>` (its `currentSrc`: srcset and `<picture>` resolved). */
  currentSrc(nodeId: number): string | null;
  /** Written first in the head. */
  headStart: string;
  /** Written last in the head, and first in every shadow root: the plan's stylesheet. */
  planCss: string;
}

export const MASK = '•••';

const VOID = new Set([
  'area',
  'base',
  'br',
  'col',
  'embed',
  'hr',
  'img',
  'input',
  'link',
  'meta',
  'source',
  'track',
  'wbr',
]);
/** Elements left out whole: they run, load, or only show when scripts are off. */
const DROPPED = new Set([
  'script',
  'noscript',
  'template',
  'base',
  'meta',
  'object',
  'embed',
  'applet',
  'portal',
]);
/** Attributes that load, run or send something, or that rrweb adds for replay. */
const DROPPED_ATTRIBUTE =
  /^(on|rr_|rrweb|data-restage)|^(srcset|sizes|srcdoc|src|formaction|action|ping|http-equiv|loading|decoding|nonce|integrity|crossorigin|referrerpolicy|autofocus|autoplay|poster|_csstext)$/;
/** Attribute names the HTML serializer can write without ambiguity. */
const NAME = /^[a-zA-Z_:][-a-zA-Z0-9_:.]*$/;
/** What a masked element keeps: only what shapes its box. */
const MASKED_KEEPS = new Set([
  'class',
  'id',
  'style',
  'type',
  'width',
  'height',
  'role',
  'dir',
  'hidden',
  'disabled',
  'colspan',
  'rowspan',
  'size',
  'cols',
  'rows',
]);
/** Schemes that run something when followed or loaded. */
const SCRIPT_URL = /^(javascript|vbscript|data:text\/html)/i;
const CSS_URL = /url\(\s*(?:"((?:[^"\\]|\\.)*)"|'((?:[^'\\]|\\.)*)'|([^'")]*))\s*\)/gi;

/** `url(…)` in CSS, each replaced by the image's token, or by nothing when it has none. */
export function tokenizeCssUrls(css: string, token: (url: string) => string | null): string {
  return css.replace(CSS_URL, (_whole, double?: string, single?: string, bare?: string) => {
    const url = (double ?? single ?? bare ?? '').replace(/\\(.)/g, '$1').trim();
    if (url.startsWith('#')) return `url("${url.replace(/["\\\n]/g, '')}")`;
    const swapped = url === '' ? null : token(url);
    return swapped === null ? 'none' : `url("${swapped}")`;
  });
}

/** CSS that cannot end the `<style>` element it is written in, nor load anything by `@import`. */
export function safeStyleText(css: string): string {
  return css.replace(/<\/(style)/gi, '<\\/$1').replace(/@import[^;]*;?/gi, '');
}

/** Browsers skip whitespace and control characters inside a scheme (`java\tscript:`). */
// eslint-disable-next-line no-control-regex -- control characters are exactly what is stripped
const noScriptUrl = (value: string) => !SCRIPT_URL.test(value.replace(/[\s\x00-\x1f]+/g, ''));

export function writeFrozen(root: FrozenNode, options: WriteOptions): string {
  const out: string[] = [];
  const write = (node: FrozenNode, masked: boolean, inSvg: boolean): void => {
    switch (node.type) {
      case NODE.document:
        out.push(doctype(node.childNodes?.find((child) => child.type === NODE.doctype)));
        for (const child of node.childNodes ?? [])
          if (child.type !== NODE.doctype) write(child, masked, inSvg);
        return;
      case NODE.text: {
        const text = node.textContent ?? '';
        out.push(masked && text.trim() !== '' ? MASK : e(text));
        return;
      }
      case NODE.element:
        element(node, masked, inSvg);
        return;
      default:
        // Doctypes (written once, above, as the page had it), comments and CDATA show nothing.
        return;
    }
  };

  const element = (node: FrozenNode, outerMasked: boolean, outerSvg: boolean) => {
    const tag = (node.tagName ?? '').toLowerCase();
    if (!NAME.test(tag) || DROPPED.has(tag) || options.omitIds.has(node.id)) return;
    const attributes = node.attributes ?? {};
    const masked = outerMasked || options.privateIds.has(node.id);
    const svg = outerSvg || tag === 'svg' || node.isSVG === true;
    if (tag === 'link') return link(attributes);
    if (tag === 'style') return style(attributes, node);
    if (tag === 'canvas' && typeof attributes.rr_dataURL === 'string' && !masked) {
      // A canvas drawn by the page: its pixels, as an image in the canvas's place.
      const src = options.image(attributes.rr_dataURL, node.id);
      out.push(`<img${attributeList(attributes, masked, tag)}${src ? ` src="${e(src)}"` : ''}>`);
      return;
    }
    let extra = '';
    const region = options.regionOf.get(node.id);
    if (region !== undefined) extra += ` data-region="${e(region)}"`;
    if (tag === 'img' || (tag === 'input' && attributes.type === 'image')) {
      const url = masked ? null : (options.currentSrc(node.id) ?? stringOf(attributes.src));
      const src = url ? options.image(url, node.id) : null;
      if (src) extra += ` src="${e(src)}"`;
    }
    if (svg && tag === 'image' && !masked) {
      const url = stringOf(attributes.href) ?? stringOf(attributes['xlink:href']);
      const src = url ? options.image(url, null) : null;
      if (src) extra += ` href="${e(src)}"`;
    }
    if ((tag === 'table' || tag === 'td' || tag === 'th') && typeof attributes.background === 'string') {
      const src = masked ? null : options.image(attributes.background, null);
      if (src) extra += ` background="${e(src)}"`;
    }
    if (masked && tag === 'input' && attributes.value !== undefined) extra += ` value="${MASK}"`;
    if (tag === 'iframe' || tag === 'frame') {
      // A frame keeps its box; its content is not the page's to freeze (nor always readable).
      out.push(`<iframe${attributeList(attributes, masked, tag)}${extra} data-restage-frame=""></iframe>`);
      return;
    }
    out.push(`<${tag}${attributeList(attributes, masked, tag)}${extra}>`);
    if (tag === 'head') out.push(options.headStart);
    if (VOID.has(tag) && !svg) return;
    const children = node.childNodes ?? [];
    const shadow = children.filter((c) => c.isShadow === true);
    if (node.isShadowHost === true || shadow.length > 0) {
      // Declarative shadow DOM: the parser attaches the root, no script needed.
      out.push(
        `<template shadowrootmode="open"><style data-restage-plan="">${safeStyleText(options.planCss)}</style>`,
      );
      for (const child of shadow) write(child, masked, svg && tag !== 'foreignobject');
      out.push('</template>');
    }
    if (tag === 'textarea') {
      const value = stringOf(attributes.value);
      if (value !== null) out.push(masked ? MASK : e(value));
      else for (const child of children) if (child.isShadow !== true) write(child, masked, false);
    } else {
      for (const child of children)
        if (child.isShadow !== true) write(child, masked, svg && tag !== 'foreignobject');
    }
    if (tag === 'head') out.push(`<style data-restage-plan="">${safeStyleText(options.planCss)}</style>`);
    out.push(`</${tag}>`);
  };

  const attributeList = (
    attributes: NonNullable<FrozenNode['attributes']>,
    masked: boolean,
    tag: string,
  ): string => {
    let written = '';
    for (const [name, raw] of Object.entries(attributes)) {
      const lower = name.toLowerCase();
      if (raw === null || raw === undefined || raw === false || !NAME.test(name)) continue;
      if (DROPPED_ATTRIBUTE.test(lower) || lower === 'data-region') continue;
      if (masked && !MASKED_KEEPS.has(lower)) continue;
      if (tag === 'textarea' && lower === 'value') continue;
      if (lower === 'background' && (tag === 'table' || tag === 'td' || tag === 'th')) continue;
      if ((lower === 'href' || lower === 'xlink:href') && tag === 'image') continue;
      let value = raw === true ? '' : String(raw);
      if (!noScriptUrl(value)) continue;
      // Links stay links for the page's CSS (`a[href]`), but lead nowhere.
      if (lower === 'href' && (tag === 'a' || tag === 'area')) value = '#';
      else if (lower === 'href' && !value.startsWith('#')) continue;
      if (lower === 'style') value = tokenizeCssUrls(value, (url) => options.image(url, null));
      written += value === '' ? ` ${name}` : ` ${name}="${e(value)}"`;
    }
    return written;
  };

  const link = (attributes: NonNullable<FrozenNode['attributes']>) => {
    const media = typeof attributes.media === 'string' ? ` media="${e(attributes.media)}"` : '';
    if (typeof attributes._cssText === 'string') {
      out.push(
        `<style${media}>${safeStyleText(tokenizeCssUrls(attributes._cssText, (u) => options.image(u, null)))}</style>`,
      );
      return;
    }
    const rel = String(attributes.rel ?? '').toLowerCase();
    const href = stringOf(attributes.href);
    if (!rel.split(/\s+/).includes('stylesheet') || rel.includes('alternate') || !href) return;
    const token = options.stylesheet(href);
    if (token) out.push(`<style${media}>${token}</style>`);
  };

  const style = (attributes: NonNullable<FrozenNode['attributes']>, node: FrozenNode) => {
    const media = typeof attributes.media === 'string' ? ` media="${e(attributes.media)}"` : '';
    const css =
      typeof attributes._cssText === 'string'
        ? attributes._cssText.replaceAll('/* rr_split */', '')
        : (node.childNodes ?? []).map((c) => c.textContent ?? '').join('');
    out.push(`<style${media}>${safeStyleText(tokenizeCssUrls(css, (u) => options.image(u, null)))}</style>`);
  };

  write(root, false, false);
  return out.join('');
}

function stringOf(value: unknown): string | null {
  return typeof value === 'string' && value.trim() !== '' ? value.trim() : null;
}
