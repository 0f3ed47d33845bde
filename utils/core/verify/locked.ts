/**
 * Regions kept as they are (the user's "Keep as is", the model's do-not-touch) must come out
 * of a preview or a change exactly as they went in. Any measured difference in what such a
 * region shows (its text, type, colours or size) is a finding of its own in the check.
 */
import type { Finding } from '@/utils/core/schemas/finding';
import type { Region } from '@/utils/core/schemas/region';
import type { RegionMatch } from '@/utils/core/verify/match';

/** Sub-pixel layout and colour rounding are not changes. */
const SIZE_TOLERANCE_PX = 1;

function differences(before: Region, after: Region): string[] {
  const a = before.style;
  const b = after.style;
  const out: string[] = [];
  if (before.text !== after.text) out.push('its text');
  if (Math.abs(a.fontSize - b.fontSize) > 0.1) out.push(`font size ${a.fontSize}px → ${b.fontSize}px`);
  if (a.fontWeight !== b.fontWeight) out.push(`weight ${a.fontWeight} → ${b.fontWeight}`);
  if (a.color !== b.color) out.push(`colour ${a.color} → ${b.color}`);
  if (a.background !== b.background) out.push(`background ${a.background} → ${b.background}`);
  if (Math.abs(before.box.width - after.box.width) > SIZE_TOLERANCE_PX)
    out.push(`width ${Math.round(before.box.width)} → ${Math.round(after.box.width)} px`);
  if (Math.abs(before.box.height - after.box.height) > SIZE_TOLERANCE_PX)
    out.push(`height ${Math.round(before.box.height)} → ${Math.round(after.box.height)} px`);
  return out;
}

/**
 * A finding for each kept region that changed, named by the later page's region id; a kept
 * region that is gone is one too. `locked` holds the earlier critique's region ids.
 */
export function lockedChanges(
  earlier: readonly Region[],
  later: readonly Region[],
  locked: ReadonlySet<string>,
  match: RegionMatch,
): Finding[] {
  const laterById = new Map(later.map((r) => [r.id, r]));
  const findings: Finding[] = [];
  for (const before of earlier) {
    if (!locked.has(before.id)) continue;
    const now = laterById.get(match.after.get(before.id) ?? '');
    const changed = now ? differences(before, now) : ['it is no longer on the page'];
    if (changed.length === 0) continue;
    const name = (before.text || before.name || before.tag).slice(0, 60);
    findings.push({
      id: `locked-${findings.length + 1}`,
      title: `A region kept as is changed: “${name}”`,
      detail: `Kept as is (${before.id}), yet ${changed.join(', ')}.`,
      severity: 'major',
      category: 'hierarchy',
      basis: 'measured',
      rule: 'restage-kept-as-is',
      regionIds: now ? [now.id] : [],
      confidence: 1,
    });
  }
  return findings;
}
