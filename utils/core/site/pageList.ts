/**
 * The pages of a site run: a list file (`--urls`) or a sitemap (`--sitemap`). A sitemap is read
 * with htmlparser2 in XML mode (entities, CDATA and namespace prefixes handled by the parser),
 * as https://www.sitemaps.org/protocol.html describes it: a `urlset` of `url/loc`, or a
 * `sitemapindex` of `sitemap/loc` naming further sitemaps, gzipped or not.
 */
import { isAbsolute, resolve } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { Parser } from 'htmlparser2';

/** A URL, as opposed to a file path (a Windows drive letter is a path). */
export const isUrl = (target: string) => /^[a-z][a-z0-9+.-]*:/i.test(target) && !/^[a-z]:\\/i.test(target);

/**
 * One URL or file path a line; blank lines and lines starting with `#` are skipped, and a page
 * listed twice is critiqued once. Relative file paths are read from the list's own folder.
 */
export function parseUrlList(text: string, listFolder: string): string[] {
  const targets = text
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter((line) => line !== '' && !line.startsWith('#'))
    .map((line) => (isUrl(line) || isAbsolute(line) ? line : resolve(listFolder, line)));
  return [...new Set(targets)];
}

export interface Sitemap {
  /** A sitemap index: its locations are sitemaps, not pages. */
  index: boolean;
  locs: string[];
}

/** The `loc` of each `url` (or each `sitemap` of an index), in order; throws when it is no sitemap. */
export function parseSitemap(xml: string): Sitemap {
  const open: string[] = [];
  const locs: string[] = [];
  let root: string | null = null;
  let text: string | null = null;
  // `sm:loc` and `loc` alike: the sitemap namespace may be given a prefix.
  const local = (name: string) => name.slice(name.indexOf(':') + 1).toLowerCase();
  const parser = new Parser(
    {
      onopentag(name) {
        const tag = local(name);
        root ??= tag;
        open.push(tag);
        const parent = open.at(-2);
        if (tag === 'loc' && open.length === 3 && (parent === 'url' || parent === 'sitemap')) text = '';
      },
      ontext(data) {
        if (text !== null) text += data;
      },
      onclosetag() {
        if (open.pop() === 'loc' && text !== null) {
          if (text.trim()) locs.push(text.trim());
          text = null;
        }
      },
    },
    { xmlMode: true, decodeEntities: true },
  );
  parser.end(xml);
  if (root !== 'urlset' && root !== 'sitemapindex')
    throw new Error(
      root ? `its root element is <${root}>, not <urlset> or <sitemapindex>` : 'it holds no XML',
    );
  return { index: root === 'sitemapindex', locs };
}

/** Text of a sitemap file, gunzipped when it starts with gzip's magic bytes (`sitemap.xml.gz`). */
export function sitemapText(bytes: Uint8Array): string {
  const gzipped = bytes[0] === 0x1f && bytes[1] === 0x8b;
  return Buffer.from(gzipped ? gunzipSync(bytes) : bytes).toString('utf8');
}

/**
 * The pages a sitemap lists, following an index one level down (the protocol allows no deeper),
 * at most `limit`. `read` returns a sitemap's bytes by URL or path, and throws a plain sentence.
 */
export async function sitemapPages(
  location: string,
  read: (location: string) => Promise<Uint8Array>,
  limit: number,
): Promise<{ pages: string[]; cut: boolean }> {
  const load = async (where: string) => {
    const bytes = await read(where);
    try {
      return parseSitemap(sitemapText(bytes));
    } catch (error) {
      throw new Error(`${where} is not a sitemap: ${(error as Error).message}.`, { cause: error });
    }
  };
  const top = await load(location);
  const pages: string[] = [];
  const add = (locs: readonly string[]) => locs.forEach((loc) => pages.includes(loc) || pages.push(loc));
  if (!top.index) add(top.locs);
  const children = top.index ? top.locs : [];
  let loaded = 0;
  for (; loaded < children.length && pages.length < limit; loaded++) {
    const sitemap = await load(children[loaded]!);
    if (sitemap.index) throw new Error(`${children[loaded]} is a sitemap index inside a sitemap index.`);
    add(sitemap.locs);
  }
  // Cut: pages past the limit, or sitemaps of the index left unread because the limit was reached.
  return { pages: pages.slice(0, limit), cut: pages.length > limit || loaded < children.length };
}
