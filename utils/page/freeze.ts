/**
 * The mockup's first half, in the content script: the live page frozen into one HTML document
 * without touching it (no attribute, class or style is set on the page, so nothing flickers).
 * rrweb-snapshot serializes the DOM with its stylesheets inlined; ./frozenHtml.ts writes it out
 * inert, with each region's element marked `data-region="rN"`, private content masked as the
 * capture masks it (utils/page/regions/privacy.ts), and the plan's CSS patch as one stylesheet keyed
 * by those marks (utils/core/plan/stylesheet.ts, the live preview's rules). Images and
 * stylesheets the page cannot hand over are left as tokens for the background to fetch
 * (utils/core/render/frozenResources.ts): it may read any origin, the page may not.
 *
 * What is lost: closed shadow roots (rrweb reads `element.shadowRoot`, which is null for them,
 * so their content and any region inside are missing: `unmarked` names those regions), the
 * content of frames (a blank frame of the same size), and canvases the page drew on with WebGL
 * after their first frame.
 */
import { createMirror, snapshot } from 'rrweb-snapshot';
import { isOwn } from '@/utils/page/overlay/ownUi';
import { previewRules } from '@/utils/core/plan/stylesheet';
import { findPrivateElements } from '@/utils/page/regions/privacy';
import { resolveSelector } from '@/utils/page/regions/selector';
import type { FrozenPage } from '@/utils/core/schemas/capture';
import type { CssPatch } from '@/utils/core/schemas/plan';
import { writeFrozen, type FrozenNode } from '@/utils/core/render/frozenHtml';
import { MOCKUP_CSP, mockupToken } from '@/utils/core/render/frozenResources';

/** The attribute that marks a region's element in the mockup; the plan's rules are keyed by it. */
export const REGION_ATTRIBUTE = 'data-region';

/** Data URLs the page already holds are kept as they are, up to this length. */
const DATA_URL_CAP = 2_000_000;
const IMAGE_DATA = /^data:image\/[a-z0-9.+-]+[;,]/i;

export function freezePage(
  regions: readonly { id: string; selector: string }[],
  patch: CssPatch,
  privateSelectors: readonly string[],
): FrozenPage {
  const started = performance.now();
  const mirror = createMirror();
  const tree = withCustomElements(() =>
    snapshot(document, {
      mirror,
      inlineStylesheet: true,
      recordCanvas: true,
      // rrweb masks password values itself; every other private field is masked below.
      maskAllInputs: false,
    }),
  ) as FrozenNode | null;
  if (!tree) throw new Error('The page could not be read to build the mockup.');

  const regionOf = new Map<number, string>();
  const unmarked: string[] = [];
  for (const { id, selector } of regions) {
    const nodeId = mirror.getId(resolveSelector(selector));
    if (nodeId > 0) regionOf.set(nodeId, id);
    else unmarked.push(id);
  }
  const privateIds = new Set(findPrivateElements(document, privateSelectors).map((el) => mirror.getId(el)));
  const omitIds = new Set<number>();
  for (const id of mirror.getIds()) {
    const node = mirror.getNode(id);
    if (node instanceof Element && isOwn(node)) omitIds.add(id);
  }

  const nonce = crypto.randomUUID().replaceAll('-', '');
  const images = new Map<string, { token: string; url: string; width: number; height: number }>();
  const stylesheets = new Map<string, { token: string; url: string }>();
  const image = (url: string, nodeId: number | null): string | null => {
    if (url.startsWith('data:')) return IMAGE_DATA.test(url) && url.length <= DATA_URL_CAP ? url : null;
    if (!/^https?:/i.test(url)) return null;
    let entry = images.get(url);
    if (!entry) {
      const el = nodeId === null ? null : mirror.getNode(nodeId);
      const box = el instanceof Element ? el.getBoundingClientRect() : null;
      entry = {
        token: mockupToken(nonce, images.size + stylesheets.size),
        url,
        width: Math.round(box?.width ?? 0),
        height: Math.round(box?.height ?? 0),
      };
      images.set(url, entry);
    }
    return entry.token;
  };
  const stylesheet = (url: string): string | null => {
    if (!/^https?:/i.test(url)) return null;
    let entry = stylesheets.get(url);
    if (!entry)
      stylesheets.set(url, (entry = { token: mockupToken(nonce, images.size + stylesheets.size), url }));
    return entry.token;
  };

  const html = writeFrozen(tree, {
    regionOf,
    privateIds,
    omitIds,
    image,
    stylesheet,
    currentSrc: (nodeId) => currentSource(mirror.getNode(nodeId)),
    headStart: [
      `<meta http-equiv="Content-Security-Policy" content="${MOCKUP_CSP}">`,
      '<meta charset="utf-8">',
      '<meta name="restage-mockup" content="frozen">',
      // Chromium styles the body of documents of an extension's origin (where the panel and the
      // measuring iframe show the mockup) at 75 % size in a font of its own; the page's body
      // inherits from its root instead. First, so that any body rule of the page still wins.
      '<style>body { font-size: inherit; font-family: inherit; }</style>',
    ].join(''),
    planCss: previewRules(patch, REGION_ATTRIBUTE).css,
  });
  return {
    html,
    nonce,
    images: [...images.values()],
    stylesheets: [...stylesheets.values()],
    marked: regionOf.size,
    unmarked,
    viewport: { width: innerWidth, height: innerHeight },
    documentHeight: Math.max(document.documentElement.scrollHeight, document.body?.scrollHeight ?? 0),
    ms: performance.now() - started,
  };
}

/**
 * rrweb asks `customElements.get(tag)` of every element, in a try. In a content script's world
 * `customElements` is null (so in Chromium, measured here), so each ask throws, and 10,000 thrown
 * errors cost about two seconds (2.1 s of a 2.3 s freeze at 10,000 elements, 0.3 s without). For the snapshot, the world gets a registry that knows no
 * element, which is what it has; the page's own world never sees it.
 */
function withCustomElements<T>(run: () => T): T {
  if (globalThis.customElements) return run();
  const had = Object.getOwnPropertyDescriptor(globalThis, 'customElements');
  Object.defineProperty(globalThis, 'customElements', {
    value: { get: () => undefined },
    configurable: true,
  });
  try {
    return run();
  } finally {
    if (had) Object.defineProperty(globalThis, 'customElements', had);
    else delete (globalThis as { customElements?: unknown }).customElements;
  }
}

/**
 * The source an image shows: `currentSrc` (srcset and `<picture>` already chosen by the
 * browser). A lazy image not yet loaded has none: its `src`, or the `data-src` a script-driven
 * loader would have swapped in, stands for it.
 */
function currentSource(node: Node | null): string | null {
  if (!(node instanceof HTMLImageElement) && !(node instanceof HTMLInputElement)) return null;
  const current = node instanceof HTMLImageElement ? node.currentSrc : '';
  const lazy = node.getAttribute('data-src') ?? node.getAttribute('data-lazy-src');
  if ((current === '' || current.startsWith('data:')) && lazy) {
    try {
      return new URL(lazy, node.baseURI).href;
    } catch {
      return null;
    }
  }
  return current !== '' ? current : node.src || null;
}
