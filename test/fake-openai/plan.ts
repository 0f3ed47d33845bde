/**
 * The fake planner's "model": it reads what a real model would read from the request (the
 * region table between the page-data markers, the ids the blueprint must hold, whether this
 * is a repair, the images) and writes a reply for the current mode. In normal mode the plan
 * is valid for whatever page it was sent; the dishonest modes break it in one known way.
 */
import { PAGE_DATA_BEGIN, PAGE_DATA_END } from '@/utils/core/text/pageData';
import { BASELINE_LABEL } from '@/utils/background/model/prompt';
import { hostileWords, inject, type Injection } from '@/test/fake-openai/injection';
import { readImageSize } from '@/test/fake-openai/png';

export interface SeenRegion {
  id: string;
  kind: string;
  text: string | null;
  content: boolean;
}

export interface SeenPage {
  regions: SeenRegion[];
  contentIds: string[];
  repair: boolean;
  images: { width: number; height: number; bytes: number }[];
  /** All text of the request (instructions, messages), as the model would read it. */
  text: string;
  /** Restage's own plan, when the request carried it: the model keeps it whole. */
  baseline: { regionId: string; declarations: Record<string, string> }[];
}

export function readPage(texts: readonly string[], imageUrls: readonly string[]): SeenPage {
  const text = texts.join('\n');
  const regions: SeenRegion[] = [];
  // The instructions name the markers too; the block itself starts with the region table.
  const begin = text.indexOf(`${PAGE_DATA_BEGIN}\n# Regions`);
  const end = text.indexOf(PAGE_DATA_END, begin);
  if (begin >= 0 && end > begin) {
    for (const line of text.slice(begin, end).split('\n')) {
      if (!line.startsWith('{"id":"r')) continue;
      const row = JSON.parse(line) as SeenRegion;
      regions.push({ id: row.id, kind: row.kind, text: row.text, content: row.content });
    }
  }
  const images = imageUrls.flatMap((url) => {
    const bytes = Buffer.from(url.slice(url.indexOf(',') + 1), 'base64');
    const size = readImageSize(bytes);
    return size ? [{ ...size, bytes: bytes.length }] : [];
  });
  const line = text.split('\n').find((l) => l.startsWith(BASELINE_LABEL));
  const baseline = line ? JSON.parse(line.slice(BASELINE_LABEL.length)) : [];
  return {
    baseline,
    regions,
    contentIds: regions.filter((r) => r.content).map((r) => r.id),
    repair: /previous reply failed validation/.test(text),
    images,
    text,
  };
}

const chunks = <T>(items: readonly T[], size: number): T[][] =>
  Array.from({ length: Math.ceil(items.length / size) }, (_, i) => items.slice(i * size, i * size + size));

/** A plan a careful model could write for this page: grounded findings, every content id once. */
export function validPlan(page: SeenPage) {
  const content = page.regions.filter((r) => r.content);
  const first = content.find((r) => r.kind === 'heading') ?? content[0];
  const findings = content.slice(0, 3).map((region, i) => ({
    title: `Region ${region.id} competes for attention`,
    detail: `${region.id} (“${(region.text ?? '').slice(0, 40)}”) has the same weight as its neighbours.`,
    heuristic: 'Visual hierarchy matches content hierarchy',
    fix: `Set ${region.id} to ${24 - i * 4}px/700 and add 16px space above it.`,
    severity: i === 0 ? 'major' : 'minor',
    category: 'hierarchy',
    basis: i === 2 ? 'inferred' : 'seen',
    regionIds: [region.id],
    confidence: 0.7,
  }));
  const sections = chunks(page.contentIds, 4).map((regionIds, i, all) => ({
    emphasis: i === 0 ? 'primary' : i === all.length - 1 && all.length > 2 ? 'tertiary' : 'secondary',
    regionIds,
  }));
  const last = content.at(-1);
  // A careful model keeps Restage's measured plan; without one it makes its own single change.
  const kept = page.baseline.map(({ regionId, declarations }) => ({
    regionId,
    declarations: Object.entries(declarations).map(([property, value]) => ({ property, value })),
  }));
  return {
    findings,
    blueprint: { sections, typeScale: { base: 16, ratio: 1.25 }, spacingUnit: 8 },
    cssPatch:
      kept.length > 0
        ? kept
        : first
          ? [
              {
                regionId: first.id,
                declarations: [
                  { property: 'font-size', value: '32px' },
                  { property: 'font-weight', value: '700' },
                ],
              },
            ]
          : [],
    doNotTouch: last ? [{ regionIds: [last.id], reason: 'Legal or brand text stays as written.' }] : [],
  };
}

export type PlanFault =
  | 'unknown-region-ids'
  | 'invented-text'
  | 'unsafe-css'
  | 'css-trick'
  | 'malformed-json'
  | 'weak-plan'
  | 'prompt-injection';

/** The reply text for a mode; a repair is answered with a valid plan when `repairFixes`. */
export function planText(
  page: SeenPage,
  fault: PlanFault | null,
  repairFixes: boolean,
  trick: readonly { property: string; value: string }[] = [],
  injection: Injection = 'all',
): string {
  const plan = validPlan(page);
  // A talked-round model writes markup in its words, in its first reply and its repair alike.
  if (fault === 'prompt-injection') hostileWords(plan);
  if (!fault || (page.repair && repairFixes)) return JSON.stringify(plan);
  switch (fault) {
    case 'malformed-json':
      return `{"findings": [{"title": "Headline is weak", "detail": "r1 is small"}, {"title": unquoted and cut`;
    case 'unknown-region-ids':
      plan.findings.push(
        { ...plan.findings[0]!, title: 'A region that is not on the page', regionIds: ['r901'] },
        {
          ...plan.findings[0]!,
          title: 'Partly made up',
          regionIds: ['r902', ...(plan.findings[0]?.regionIds ?? [])],
        },
      );
      return JSON.stringify(plan);
    case 'invented-text': {
      // A new "Sign up free" button (r900) and one real region quietly left out.
      const sections = plan.blueprint.sections;
      const dropped = sections.at(-1)?.regionIds.pop();
      sections[0]?.regionIds.unshift('r900');
      plan.findings.push({
        ...plan.findings[0]!,
        title: `Add a “Sign up free” button (dropped ${dropped})`,
        regionIds: ['r900'],
      });
      return JSON.stringify(plan);
    }
    case 'weak-plan':
      // Honest and valid, but with one change where Restage's own plan had many.
      return JSON.stringify(validPlan({ ...page, baseline: [] }));
    case 'unsafe-css':
      plan.cssPatch.push({
        regionId: page.contentIds[0] ?? 'r1',
        declarations: [{ property: 'background-color', value: 'url(https://tracker.example/p.png)' }],
      });
      return JSON.stringify(plan);
    case 'prompt-injection':
      inject(plan, page.contentIds, injection);
      return JSON.stringify(plan);
    case 'css-trick': {
      // As a careless or hostile model would: the same declarations on every region, beside
      // the good ones it kept from Restage's plan.
      const entries = new Map(plan.cssPatch.map((e) => [e.regionId, e]));
      for (const id of page.contentIds) {
        const entry = entries.get(id);
        if (!entry) plan.cssPatch.push({ regionId: id, declarations: [...trick] });
        else
          entry.declarations.push(
            ...trick.filter((t) => !entry.declarations.some((d) => d.property === t.property)),
          );
      }
      return JSON.stringify(plan);
    }
  }
}

/** A crude tokenizer (words and punctuation) so usage figures come from the request itself. */
export function countTokens(text: string): number {
  return text.match(/[A-Za-z0-9]+|[^\sA-Za-z0-9]/g)?.length ?? 0;
}

/** Image input tokens as a mini vision model bills them: 32 px patches × 1.2. */
export function imageTokensOf(images: SeenPage['images']): number {
  return images.reduce(
    (sum, { width, height }) => sum + Math.ceil(Math.ceil(width / 32) * Math.ceil(height / 32) * 1.2),
    0,
  );
}
