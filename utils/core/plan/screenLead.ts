/**
 * One primary per screen: on each screen, the heaviest heading or control should lead the
 * next one by a margin the eye can tell (the critique calls two within 10% competing primaries,
 * utils/core/measure/hierarchy.ts). The lead is the contender in the blueprint's primary section,
 * preferring the shallowest heading; headings that rival it at the same or a deeper level are
 * set in a lighter weight, no lighter than regular (400), until it leads by SCREEN_LEAD.
 */
import { screenOf, structuralIds } from '@/utils/core/measure/layout';
import { rawWeight } from '@/utils/core/measure/weight';
import type { Blueprint } from '@/utils/core/schemas/plan';
import type { Region } from '@/utils/core/schemas/region';
import { levelOf } from '@/utils/core/plan/headings';
import { predict, type Declarations } from '@/utils/core/plan/predict';

/** The measure's 10%, plus room for what the prediction cannot know (wrapping). */
const SCREEN_LEAD = 1.15;

export function screenLeads(
  blueprint: Blueprint,
  predicted: readonly Region[],
  surroundings: (region: Region) => string,
  viewportHeight: number,
): Map<string, Declarations> {
  const out = new Map<string, Declarations>();
  const primary = new Set(
    blueprint.sections.filter((s) => s.emphasis === 'primary').flatMap((s) => s.regionIds),
  );
  const structural = structuralIds(predicted);
  const screen = (r: Region) => screenOf(r.box, { width: 0, height: viewportHeight });
  const members = predicted.filter(
    (r) => (r.kind === 'heading' || r.kind === 'control') && !structural.has(r.id) && !r.flags.disabled,
  );
  const weight = new Map(members.map((r) => [r.id, rawWeight(r, surroundings(r))]));
  const w = (r: Region) => weight.get(r.id) ?? 0;
  const depth = (r: Region) => (r.kind === 'heading' ? levelOf(r) : 7);
  for (const s of new Set(members.map(screen))) {
    const here = members.filter((r) => screen(r) === s);
    const top = Math.max(...here.map(w));
    const contenders = here.filter((r) => w(r) * SCREEN_LEAD >= top);
    if (contenders.length < 2) continue;
    const [lead] = [...contenders].sort(
      (a, b) => Number(primary.has(b.id)) - Number(primary.has(a.id)) || depth(a) - depth(b) || w(b) - w(a),
    );
    if (!lead) continue;
    for (const rival of contenders) {
      if (rival === lead || rival.kind !== 'heading' || depth(rival) < depth(lead)) continue;
      // Weight grows with font-weight / 400: the lighter weight that leaves the lead its margin.
      const fit = (rival.style.fontWeight * w(lead)) / (SCREEN_LEAD * w(rival));
      const lighter = Math.max(400, Math.floor(fit / 100) * 100);
      if (lighter >= rival.style.fontWeight) continue;
      const d: Declarations = { 'font-weight': String(lighter) };
      out.set(rival.id, d);
      weight.set(rival.id, rawWeight(predict(rival, d), surroundings(rival)));
    }
  }
  return out;
}
