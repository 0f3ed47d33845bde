/**
 * Density: how many regions each screen holds and how much of it text covers. Crowded screens
 * slow scanning; both thresholds are heuristics, not WCAG.
 */
import type { Region } from '@/utils/core/schemas/region';
import type { MeasuredDraft } from '@/utils/core/measure/rules';
import { screenOf, structuralIds, textRegions, type ViewportSize } from '@/utils/core/measure/layout';

/** More regions than this in one viewport reads as crowded. */
const MAX_PER_SCREEN = 60;
/** Text boxes covering more than half a screen leave less whitespace than text. */
const MAX_TEXT_COVERAGE = 0.5;

export interface Density {
  /** Regions (not structural containers) starting in each screen. */
  perScreen: number[];
  /** Share of each screen covered by text boxes, 0–1. */
  textCoverage: number[];
}

export function density(regions: readonly Region[], viewport: ViewportSize): Density {
  const structural = structuralIds(regions);
  const band = Math.max(1, viewport.height);
  const screens = regions.reduce(
    (n, r) => Math.max(n, screenOf(r.box, viewport) + 1, Math.ceil((r.box.y + r.box.height) / band)),
    1,
  );
  const perScreen = new Array<number>(screens).fill(0);
  const covered = new Array<number>(screens).fill(0);
  for (const r of regions) if (!structural.has(r.id)) perScreen[screenOf(r.box, viewport)]! += 1;
  for (const r of textRegions(regions)) {
    const left = Math.max(0, r.box.x);
    const width = Math.max(0, Math.min(viewport.width, r.box.x + r.box.width) - left);
    // A box spanning screens is split between them.
    for (let s = screenOf(r.box, viewport); s < screens; s++) {
      const top = Math.max(r.box.y, s * band);
      const height = Math.min(r.box.y + r.box.height, (s + 1) * band) - top;
      if (height <= 0) break;
      covered[s]! += width * height;
    }
  }
  const area = Math.max(1, viewport.width * band);
  return { perScreen, textCoverage: covered.map((c) => Math.min(1, c / area)) };
}

export function densityFindings(regions: readonly Region[], viewport: ViewportSize): MeasuredDraft[] {
  const { perScreen, textCoverage } = density(regions, viewport);
  const findings: MeasuredDraft[] = [];
  const structural = structuralIds(regions);
  const inScreen = (s: number) =>
    regions.filter((r) => !structural.has(r.id) && screenOf(r.box, viewport) === s).map((r) => r.id);
  const busiest = perScreen.indexOf(Math.max(...perScreen));
  if ((perScreen[busiest] ?? 0) > MAX_PER_SCREEN) {
    findings.push({
      title: 'Crowded screen',
      detail: `${perScreen[busiest]} elements in screen ${busiest + 1} of ${perScreen.length} (over ${MAX_PER_SCREEN}); per screen: ${perScreen.join(', ')}`,
      severity: 'minor',
      category: 'density',
      basis: 'measured',
      rule: 'crowded-screen',
      regionIds: inScreen(busiest),
      confidence: 0.5,
    });
  }
  const densest = textCoverage.indexOf(Math.max(...textCoverage));
  const coverage = textCoverage[densest] ?? 0;
  if (coverage > MAX_TEXT_COVERAGE) {
    const ratio = coverage / Math.max(0.01, 1 - coverage);
    findings.push({
      title: 'Little whitespace around text',
      detail: `text boxes cover ${Math.round(coverage * 100)}% of screen ${densest + 1} (text-to-whitespace ${ratio.toFixed(1)}:1)`,
      severity: 'minor',
      category: 'density',
      basis: 'measured',
      rule: 'text-density',
      regionIds: textRegions(regions)
        .filter((r) => screenOf(r.box, viewport) === densest)
        .map((r) => r.id),
      confidence: 0.5,
    });
  }
  return findings;
}
