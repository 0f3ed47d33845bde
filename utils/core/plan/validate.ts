/**
 * The same-content check every blueprint must pass, offline or from a model: each content
 * region listed exactly once, no id that the page does not have, and the words those regions
 * carry counted, so that a plan which keeps ids but drops content shows it.
 */
import { ContentCheck, type Blueprint } from '@/utils/core/schemas/plan';
import { type Region } from '@/utils/core/schemas/region';
import { inReadingOrder, structuralIds } from '@/utils/core/measure/layout';
import { wordsOf } from '@/utils/core/text/words';
import { structureKept, structureLine } from '@/utils/core/render/structure';

/**
 * Content regions, in reading order. Containers that hold other regions or no text are
 * structure: their content is their children, so a blueprint may regroup them freely.
 */
export function contentRegions(regions: readonly Region[]): Region[] {
  const structural = structuralIds(regions);
  return inReadingOrder(regions.filter((r) => !structural.has(r.id)));
}

/**
 * The words a region puts on the page, as the mockup shows them: its visible text, or, for a
 * control, field or image without text, its accessible name (an image of text shows its alt
 * text; a link made of an image, the image's). Masked private content has no words to keep.
 */
export function regionContent(region: Region): string {
  if (region.flags.private) return '';
  if (region.text !== '') return region.text;
  const named = region.kind === 'control' || region.kind === 'field' || region.kind === 'media';
  return named ? region.name : '';
}

export function checkContent(blueprint: Blueprint, regions: readonly Region[]): ContentCheck {
  const contentList = contentRegions(regions);
  const content = contentList.map((r) => r.id);
  const known = new Set(regions.map((r) => r.id));
  const seen = new Map<string, number>();
  for (const section of blueprint.sections) {
    for (const id of section.regionIds) seen.set(id, (seen.get(id) ?? 0) + 1);
  }
  const missing = content.filter((id) => !seen.has(id));
  let words = 0;
  let wordsKept = 0;
  let images = 0;
  let imagesKept = 0;
  for (const region of contentList) {
    const count = wordsOf(regionContent(region)).length;
    words += count;
    if (seen.has(region.id)) wordsKept += count;
    if (region.kind !== 'media') continue;
    images++;
    if (seen.has(region.id)) imagesKept++;
  }
  return ContentCheck.parse({
    regions: content.length,
    kept: content.length - missing.length,
    words,
    wordsKept,
    images,
    imagesKept,
    missing,
    duplicated: [...seen].filter(([, n]) => n > 1).map(([id]) => id),
    invented: [...seen.keys()].filter((id) => !known.has(id)),
  });
}

export function isSameContent(check: ContentCheck): boolean {
  // Words follow from ids: a plan keeps every word exactly when it keeps every content region.
  return check.missing.length === 0 && check.duplicated.length === 0 && check.invented.length === 0;
}

/**
 * The content check passes only when the mockup keeps the words, the images and the structure:
 * a plan that keeps every id but a mockup that loses the layout (or was never measured) does
 * not pass.
 */
export function contentCheckPassed(check: ContentCheck): boolean {
  return isSameContent(check) && check.structure !== null && structureKept(check.structure);
}

/** A one-line account of a failed check that names the offending ids. */
export function describeContentCheck(check: ContentCheck): string {
  if (isSameContent(check))
    return `same content: ${check.kept} of ${check.regions} regions and ${check.wordsKept} of ${check.words} words kept`;
  const parts = [
    check.wordsKept < check.words ? `${check.words - check.wordsKept} of ${check.words} words dropped` : '',
    check.missing.length > 0 ? `missing ${check.missing.join(', ')}` : '',
    check.duplicated.length > 0 ? `duplicated ${check.duplicated.join(', ')}` : '',
    check.invented.length > 0 ? `invented ${check.invented.join(', ')}` : '',
  ];
  return `content changed: ${parts.filter(Boolean).join('; ')}`;
}

/**
 * The content check as the panel shows it: "42/42 regions, 1,203/1,203 words, 9/9 images kept,
 * 0 invented; layout: 93/95 side-by-side pairs kept, height 1.04×, reading order kept (passed)".
 */
export function contentCheckLine(check: ContentCheck): string {
  const n = (value: number) => value.toLocaleString('en-US');
  const invented = check.invented.length;
  const words = `${n(check.kept)}/${n(check.regions)} regions, ${n(check.wordsKept)}/${n(check.words)} words, ${n(check.imagesKept)}/${n(check.images)} images kept, ${invented} invented`;
  const line = isSameContent(check) ? words : `${words}: ${describeContentCheck(check)}`;
  if (check.structure === null) return line;
  const verdict = contentCheckPassed(check) ? 'passed' : 'not passed';
  return `${line}; layout: ${structureLine(check.structure)} (${verdict})`;
}
