/**
 * The same-content check every blueprint must pass, offline or from a model: each content
 * region listed exactly once, and no id that the page does not have.
 */
import { ContentCheck, type Blueprint, type Region } from '@/utils/schemas';
import { inReadingOrder, structuralIds } from '@/utils/measure/layout';

/**
 * Content regions, in reading order. Containers that hold other regions or no text are
 * structure: their content is their children, so a blueprint may regroup them freely.
 */
export function contentRegions(regions: readonly Region[]): Region[] {
  const structural = structuralIds(regions);
  return inReadingOrder(regions.filter((r) => !structural.has(r.id)));
}

export function checkContent(blueprint: Blueprint, regions: readonly Region[]): ContentCheck {
  const content = contentRegions(regions).map((r) => r.id);
  const known = new Set(regions.map((r) => r.id));
  const seen = new Map<string, number>();
  for (const section of blueprint.sections) {
    for (const id of section.regionIds) seen.set(id, (seen.get(id) ?? 0) + 1);
  }
  const missing = content.filter((id) => !seen.has(id));
  return ContentCheck.parse({
    regions: content.length,
    kept: content.length - missing.length,
    missing,
    duplicated: [...seen].filter(([, n]) => n > 1).map(([id]) => id),
    invented: [...seen.keys()].filter((id) => !known.has(id)),
  });
}

export function isSameContent(check: ContentCheck): boolean {
  return check.missing.length === 0 && check.duplicated.length === 0 && check.invented.length === 0;
}

/** A one-line account of a failed check that names the offending ids. */
export function describeContentCheck(check: ContentCheck): string {
  if (isSameContent(check)) return `same content: ${check.kept} of ${check.regions} regions kept`;
  const parts = [
    check.missing.length > 0 ? `missing ${check.missing.join(', ')}` : '',
    check.duplicated.length > 0 ? `duplicated ${check.duplicated.join(', ')}` : '',
    check.invented.length > 0 ? `invented ${check.invented.join(', ')}` : '',
  ];
  return `content changed: ${parts.filter(Boolean).join('; ')}`;
}
