/**
 * The mockup's second half, in the background: every image and stylesheet the frozen page
 * (./freeze.ts) left as a token is fetched and written in as bytes, so the mockup needs no
 * network and every image is pixels, including those below the fold. The background may read
 * any origin (the extension's `<all_urls>` host permission); the page could not. Requests send
 * no cookies. An image that cannot be read (refused, too large, too slow, not an image) keeps
 * its place as a grey placeholder of its size, and is counted.
 */
import type { FrozenPage } from '@/utils/core/schemas/capture';
import { blobToDataUrl } from '@/utils/core/dataUrl';
import { safeStyleText, tokenizeCssUrls } from '@/utils/core/render/frozenHtml';

/** No scripts and no network: styles inline, images and fonts only as embedded data. */
export const MOCKUP_CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; font-src data:";

export const mockupToken = (nonce: string, n: number) => `restage-${nonce}-${n}`;

/** Marks an image the mockup could not read; its size is the image's on the page. */
export const UNREAD_MARK = 'restage-unread';
export const unreadPlaceholder = (width: number, height: number) => {
  const w = Math.max(1, Math.round(width));
  const h = Math.max(1, Math.round(height));
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${w}" height="${h}" data-${UNREAD_MARK}=""><rect width="100%" height="100%" fill="#d9d9d9"/></svg>`;
  return `data:image/svg+xml;base64,${btoa(svg)}`;
};

export interface FetchLimits {
  /** Bytes per resource. */
  maxBytes: number;
  /** Bytes over all resources. */
  totalBytes: number;
  timeoutMs: number;
  /** Requests at a time. */
  parallel: number;
}

export const FETCH_LIMITS: FetchLimits = {
  maxBytes: 4_000_000,
  totalBytes: 40_000_000,
  timeoutMs: 5_000,
  parallel: 6,
};

/** Content a mockup may embed: images and fonts, never documents or scripts. */
const EMBEDDABLE =
  /^(image\/(png|jpeg|gif|webp|avif|svg\+xml|x-icon|vnd\.microsoft\.icon|bmp)|font\/[a-z0-9]+|application\/(font-woff2?|x-font-[a-z0-9]+|vnd\.ms-fontobject|octet-stream))$/;

export interface InlinedMockup {
  html: string;
  /** Distinct image URLs, how many were read, and the ones that were not. */
  images: number;
  unread: string[];
  /** Stylesheets fetched for the page (cross-origin ones it could not hand over), and those that failed. */
  stylesheets: number;
  stylesheetsFailed: number;
  bytes: number;
}

type Fetched = { ok: true; blob: Blob } | { ok: false; reason: string };

export async function fetchResource(url: string, limits: FetchLimits, signal: AbortSignal): Promise<Fetched> {
  try {
    const response = await fetch(url, {
      credentials: 'omit',
      signal: AbortSignal.any([signal, AbortSignal.timeout(limits.timeoutMs)]),
    });
    if (!response.ok) return { ok: false, reason: `HTTP ${response.status}` };
    const declared = Number(response.headers.get('content-length') ?? 0);
    if (declared > limits.maxBytes) return { ok: false, reason: 'too large' };
    const blob = await response.blob();
    if (blob.size > limits.maxBytes) return { ok: false, reason: 'too large' };
    return { ok: true, blob };
  } catch (error) {
    signal.throwIfAborted();
    return { ok: false, reason: (error as Error).name };
  }
}

/** Runs `work` on every item, `parallel` at a time. */
async function eachLimited<T>(items: readonly T[], parallel: number, work: (item: T) => Promise<void>) {
  let next = 0;
  const lanes = Array.from({ length: Math.min(parallel, items.length) }, async () => {
    while (next < items.length) await work(items[next++]!);
  });
  await Promise.all(lanes);
}

export async function inlineResources(
  frozen: FrozenPage,
  signal: AbortSignal,
  limits: FetchLimits = FETCH_LIMITS,
  fetchOne: typeof fetchResource = fetchResource,
): Promise<InlinedMockup> {
  // A host that cannot be reached at all (a font service, offline) is tried once per wave,
  // not once per file: its other files are not read either.
  const deadHosts = new Set<string>();
  const fetcher: typeof fetchResource = async (url, l, s) => {
    const host = new URL(url).host;
    if (deadHosts.has(host)) return { ok: false, reason: 'host unreachable' };
    const fetched = await fetchOne(url, l, s);
    if (!fetched.ok && !fetched.reason.startsWith('HTTP') && fetched.reason !== 'too large')
      deadHosts.add(host);
    return fetched;
  };
  const swaps = new Map<string, string>();
  const images = new Map(frozen.images.map((image) => [image.token, image]));
  let count = images.size;
  let bytes = 0;
  let stylesheetsFailed = 0;

  // Stylesheets first: their url()s are images too.
  await eachLimited(frozen.stylesheets, limits.parallel, async ({ token, url }) => {
    const fetched = await fetcher(url, limits, signal);
    const css = fetched.ok && !/html|javascript/.test(fetched.blob.type) ? await fetched.blob.text() : null;
    if (css === null) stylesheetsFailed++;
    const tokenized = tokenizeCssUrls(css ?? '', (raw) => {
      let absolute: string;
      try {
        absolute = new URL(raw, url).href;
      } catch {
        return null;
      }
      if (absolute.startsWith('data:')) return /^data:(image|font)\//.test(absolute) ? absolute : null;
      if (!/^https?:/.test(absolute)) return null;
      const known = [...images.values()].find((i) => i.url === absolute);
      if (known) return known.token;
      const added = {
        token: mockupToken(frozen.nonce, 100_000 + count++),
        url: absolute,
        width: 0,
        height: 0,
      };
      images.set(added.token, added);
      return added.token;
    });
    swaps.set(token, safeStyleText(tokenized));
  });

  const unread: string[] = [];
  await eachLimited([...images.values()], limits.parallel, async ({ token, url, width, height }) => {
    const fetched = bytes < limits.totalBytes ? await fetcher(url, limits, signal) : null;
    const type = fetched?.ok ? fetched.blob.type.split(';')[0]!.trim().toLowerCase() : '';
    if (fetched?.ok && EMBEDDABLE.test(type) && bytes + fetched.blob.size <= limits.totalBytes) {
      bytes += fetched.blob.size;
      swaps.set(token, await blobToDataUrl(new Blob([fetched.blob], { type })));
    } else {
      unread.push(url);
      swaps.set(token, unreadPlaceholder(width, height));
    }
  });

  const pattern = new RegExp(`restage-${frozen.nonce}-\\d+`, 'g');
  const swap = (text: string) => text.replace(pattern, (token) => swaps.get(token) ?? '');
  // A fetched stylesheet's images are tokens in its text: swapped in before it is.
  for (const { token } of frozen.stylesheets) swaps.set(token, swap(swaps.get(token) ?? ''));
  const html = swap(frozen.html);
  return {
    html,
    images: images.size,
    unread,
    stylesheets: frozen.stylesheets.length,
    stylesheetsFailed,
    bytes,
  };
}
