/**
 * Which intents of the earlier plan the later page meets, measured on the later page with the
 * critique's own measures:
 *   - emphasis order: on each screen, the blueprint's primary section outweighs every other
 *     section (a section weighs what its heaviest region weighs, utils/core/measure/weight.ts);
 *   - grouping: no region of another section has moved in among a section's regions;
 *   - one primary: on each screen one heading or control leads the next by more than 10%
 *     (the threshold of the competing-primaries finding, utils/core/measure/hierarchy.ts);
 *   - contrast: no text below WCAG 2.x SC 1.4.3 (AA) is left.
 */
import { fixed } from '@/utils/core/measure/format';
import { readingIndex, structuralIds } from '@/utils/core/measure/layout';
import { visualWeights } from '@/utils/core/measure/weight';
import { CONTRAST_RULE } from '@/utils/core/measure/contrast';
import type { Finding } from '@/utils/core/schemas/finding';
import type { Blueprint } from '@/utils/core/schemas/plan';
import type { Region } from '@/utils/core/schemas/region';
import type { Verify } from '@/utils/core/schemas/verify';
import type { RegionMatch } from '@/utils/core/verify/match';

type IntentResult = Verify['intents'][number];

interface Later {
  regions: readonly Region[];
  findings: readonly Finding[];
  /**
   * The screen a later region counts on: the plan's, where the earlier page had it (a preview
   * that grows text pushes regions down, but the plan ranked them on the screens it saw).
   */
  screen: (region: Region) => number;
}

/** Each section's regions as they are on the later page, in reading order. */
function carriedSections(blueprint: Blueprint, match: RegionMatch, later: Later) {
  const byId = new Map(later.regions.map((r) => [r.id, r]));
  return blueprint.sections.map((s) => ({
    ...s,
    now: s.regionIds
      .flatMap((id) => byId.get(match.after.get(id) ?? '') ?? [])
      .sort((a, b) => readingIndex(a.id) - readingIndex(b.id)),
  }));
}

export function emphasisOrder(blueprint: Blueprint, match: RegionMatch, later: Later): IntentResult {
  const weights = visualWeights(later.regions);
  const sections = carriedSections(blueprint, match, later).filter((s) => s.now.length > 0);
  const screen = (s: (typeof sections)[number]) => later.screen(s.now[0]!);
  const lead = (s: (typeof sections)[number]) => Math.max(...s.now.map((r) => weights.get(r.id) ?? 0));
  const failures: string[] = [];
  const passes: string[] = [];
  for (const primary of sections.filter((s) => s.emphasis === 'primary')) {
    const rivals = sections.filter((s) => s !== primary && screen(s) === screen(primary));
    const heavier = rivals.filter((s) => lead(s) >= lead(primary));
    const line = `${primary.id} ${fixed(lead(primary))}`;
    if (heavier.length > 0)
      failures.push(`${line} vs ${heavier.map((s) => `${s.id} ${fixed(lead(s))}`).join(', ')}`);
    else passes.push(line);
  }
  if (failures.length + passes.length === 0) {
    return { intent: 'emphasis-order', met: null, reason: 'no primary section left on the page to weigh' };
  }
  return failures.length > 0
    ? { intent: 'emphasis-order', met: false, reason: `primary section outweighed: ${failures.join('; ')}` }
    : {
        intent: 'emphasis-order',
        met: true,
        reason: `each primary section leads its screen: ${passes.join(', ')}`,
      };
}

/** Regions of other sections whose centre falls inside a section's bounding box, by section. */
function intruders(sections: readonly { id: string; now: Region[] }[]): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const section of sections) {
    if (section.now.length < 2) continue;
    const left = Math.min(...section.now.map((r) => r.box.x));
    const top = Math.min(...section.now.map((r) => r.box.y));
    const right = Math.max(...section.now.map((r) => r.box.x + r.box.width));
    const bottom = Math.max(...section.now.map((r) => r.box.y + r.box.height));
    const inside = (r: Region) => {
      const [cx, cy] = [r.box.x + r.box.width / 2, r.box.y + r.box.height / 2];
      return cx > left && cx < right && cy > top && cy < bottom;
    };
    const others = sections.filter((s) => s !== section).flatMap((s) => s.now);
    out.set(
      section.id,
      others.filter(inside).map((r) => r.id),
    );
  }
  return out;
}

/**
 * Grouping (Gestalt common region): a section's regions stay together when no region of
 * another section has moved in among them, that is, into the box around them, compared with
 * the earlier page. Layouts that already interleaved sections are not counted against a change.
 */
export function grouping(
  blueprint: Blueprint,
  match: RegionMatch,
  earlier: readonly Region[],
  later: Later,
): IntentResult {
  const before = intruders(
    blueprint.sections.map((s) => ({ id: s.id, now: earlier.filter((r) => s.regionIds.includes(r.id)) })),
  );
  const after = intruders(carriedSections(blueprint, match, later));
  const earlierId = new Map([...match.after].map(([a, b]) => [b, a]));
  const broken = [...after].flatMap(([id, ids]) => {
    const was = new Set(before.get(id) ?? []);
    const moved = ids.filter((r) => !was.has(earlierId.get(r) ?? ''));
    return moved.length > 0 ? [`${id} (${moved.join(', ')} moved in)`] : [];
  });
  return broken.length > 0
    ? { intent: 'grouping', met: false, reason: `sections no longer together: ${broken.join('; ')}` }
    : {
        intent: 'grouping',
        met: true,
        reason: `all ${blueprint.sections.length} sections keep their regions together`,
      };
}

export function onePrimary(later: Later): IntentResult {
  const weights = visualWeights(later.regions);
  const structural = structuralIds(later.regions);
  const candidates = later.regions.filter(
    (r) => (r.kind === 'heading' || r.kind === 'control') && !structural.has(r.id),
  );
  const screens = new Map<number, Region[]>();
  for (const r of candidates) screens.set(later.screen(r), [...(screens.get(later.screen(r)) ?? []), r]);
  const crowded = [...screens].flatMap(([s, here]) => {
    const top = Math.max(...here.map((r) => weights.get(r.id) ?? 0));
    const rivals = here.filter((r) => (weights.get(r.id) ?? 0) >= top * 0.9);
    return top > 0 && rivals.length > 1 ? [`screen ${s + 1}: ${rivals.map((r) => r.id).join(', ')}`] : [];
  });
  return crowded.length > 0
    ? {
        intent: 'one-primary',
        met: false,
        reason: `competing primaries (within 10% of the top weight) on ${crowded.join('; ')}`,
      }
    : { intent: 'one-primary', met: true, reason: `each of ${screens.size} screens has one clear lead` };
}

export function contrast(later: Later): IntentResult {
  const failing = later.findings.filter((f) => f.rule === CONTRAST_RULE.AA);
  const regions = new Set(failing.flatMap((f) => f.regionIds));
  return failing.length > 0
    ? { intent: 'contrast', met: false, reason: `${regions.size} regions still below WCAG AA (1.4.3)` }
    : { intent: 'contrast', met: true, reason: 'no text below WCAG AA (1.4.3)' };
}
