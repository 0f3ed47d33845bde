/**
 * Folder names for the pages of a site run, readable and unique: `example-com-pricing` for
 * https://www.example.com/pricing, `17636` for a file 17636.html; a second page with the same
 * name gets `-2`, a third `-3`.
 */
import { basename, extname } from 'node:path';
import { isUrl } from '@/utils/core/site/pageList';

const MAX_LENGTH = 60;

function words(text: string): string {
  const slug = text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .slice(0, MAX_LENGTH)
    .replace(/^-+|-+$/g, '');
  return slug || 'page';
}

const safeDecode = (text: string) => {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
};

/** A folder name for one page: host, path and query of a URL, or a file's name. */
export function slugFor(target: string): string {
  if (!isUrl(target)) return words(basename(target, extname(target)));
  try {
    const url = new URL(target);
    const path = `${url.pathname}${url.search}`;
    return words(`${url.hostname.replace(/^www\./, '')}${safeDecode(path)}`);
  } catch {
    return words(target);
  }
}

/** One folder name per target, in order, none used twice. */
export function uniqueSlugs(targets: readonly string[]): string[] {
  const taken = new Set<string>();
  return targets.map((target) => {
    const base = slugFor(target);
    let slug = base;
    for (let n = 2; taken.has(slug); n++) slug = `${base}-${n}`;
    taken.add(slug);
    return slug;
  });
}
