/**
 * What a finding calls a region: its own words, quoted and capped ("'Start free trial'"), or,
 * for a region without words of its own, its kind and where it sits ("the image at the top
 * right"). Never its id: ids are numbers on a screenshot, and a title has to read without one.
 */
import { withheld } from '@/utils/core/text/pageData';
import type { Region } from '@/utils/core/schemas/region';

/** Longer quotes are cut at a word and end with "…". */
const MAX_QUOTE = 40;

/** `'Start free trial'`, cut at a word boundary when long. */
export function quote(text: string): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  if (flat.length <= MAX_QUOTE) return `'${flat}'`;
  const cut = flat.slice(0, MAX_QUOTE);
  const space = cut.lastIndexOf(' ');
  return `'${(space > MAX_QUOTE / 2 ? cut.slice(0, space) : cut).replace(/[\s,.;:]+$/, '')}…'`;
}

function noun(region: Region): string {
  if (region.kind === 'media') return 'image';
  if (region.kind === 'heading') return 'heading';
  if (region.kind === 'field') return 'field';
  if (region.kind === 'control') return region.tag === 'a' ? 'link' : 'button';
  if (region.kind === 'container') return 'block';
  return 'text';
}

/** Where a box sits within the area every region covers: "top right", "middle", "bottom left". */
export function placeWords(region: Region, regions: readonly Region[]): string {
  const right = Math.max(1, ...regions.map((r) => r.box.x + r.box.width));
  const bottom = Math.max(1, ...regions.map((r) => r.box.y + r.box.height));
  const cx = (region.box.x + region.box.width / 2) / right;
  const cy = (region.box.y + region.box.height / 2) / bottom;
  const row = cy < 1 / 3 ? 'top' : cy < 2 / 3 ? 'middle' : 'bottom';
  const column = cx < 1 / 3 ? ' left' : cx < 2 / 3 ? '' : ' right';
  return row === 'middle' && column === '' ? 'middle' : `${row}${column}`;
}

/**
 * The region's own words when it shows any, else its accessible name (an image's alt text).
 * Text the model is never sent (private, masked, or the colour of its background) is not quoted
 * either: titles go into the model's input with the findings.
 */
function words(region: Region): string {
  if (withheld(region) !== null) return '';
  return (region.text || region.name).trim();
}

/** `'Start free trial'`, or `the image at the top right`. */
export function regionName(region: Region, regions: readonly Region[]): string {
  const own = words(region);
  if (own) return quote(own);
  return `the ${noun(region)} at the ${placeWords(region, regions)}`;
}

/** `'Plans' (h2)` for a heading, else the region's name. */
export function headingName(region: Region, regions: readonly Region[]): string {
  const name = regionName(region, regions);
  return region.headingLevel === null ? name : `${name} (h${region.headingLevel})`;
}

/** `'A'`, `'A' and 'B'`, `'A' and 3 others`: a list named by its first one or two. */
export function namesOf(list: readonly Region[], regions: readonly Region[], others = 'others'): string {
  const [first, second] = list;
  if (!first) return 'nothing';
  const one = regionName(first, regions);
  if (!second) return one;
  if (list.length === 2) return `${one} and ${regionName(second, regions)}`;
  return `${one} and ${list.length - 1} ${others}`;
}
