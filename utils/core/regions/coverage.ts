/**
 * Coverage: how much of the page's visible text the regions hold, in distinct words
 * (utils/core/text/words.ts), and why it is short when it is. Pure: extraction collects the words
 * in the page, this turns them into the figure and the notes a critique shows.
 */
import type { Coverage, CoverageReason } from '@/utils/core/schemas/capture';

/** Below this share a critique says that it saw only part of the page. */
export const COVERAGE_FLOOR = 0.9;

export interface RegionWords {
  /** Distinct words. */
  words: ReadonlySet<string>;
  /** Words with repeats. */
  count: number;
}

export interface CoverageInput {
  /** Distinct visible words of the page. */
  page: ReadonlySet<string>;
  /** All the page's visible words, repeats counted. */
  pageCount: number;
  /** The words each kept region holds, by region id. */
  regions: ReadonlyMap<string, RegionWords>;
  /** Distinct words held by content blocks that the region cap left out. */
  capped: ReadonlySet<string>;
  canvases: number;
  crossOriginFrames: number;
}

export function summarizeCoverage(input: CoverageInput): Coverage {
  const { page } = input;
  const covered = new Set<string>();
  let largest = 0;
  let largestRegionId: string | null = null;
  for (const [id, { words, count }] of input.regions) {
    for (const word of words) if (page.has(word)) covered.add(word);
    if (count > largest) [largest, largestRegionId] = [count, id];
  }
  let capWords = 0;
  for (const word of input.capped) if (page.has(word) && !covered.has(word)) capWords++;
  const unreadable = page.size - covered.size - capWords;
  const opaque = input.canvases + input.crossOriginFrames;
  // A page whose only content is drawn in canvases or other sites' frames shows no words we can read.
  const share = page.size > 0 ? covered.size / page.size : opaque > 0 ? 0 : 1;
  const reasons: CoverageReason[] = [];
  if (share < COVERAGE_FLOOR) {
    const measured: [CoverageReason, number][] = [
      ['region-cap', capWords],
      ['unreadable-text', unreadable],
    ];
    measured.sort((a, b) => b[1] - a[1]);
    reasons.push(...measured.filter(([, n]) => n > 0).map(([reason]) => reason));
    if (input.canvases > 0) reasons.push('canvas');
    if (input.crossOriginFrames > 0) reasons.push('cross-origin-frame');
  }
  return {
    pageWords: page.size,
    regionWords: covered.size,
    share,
    largestShare: input.pageCount > 0 ? Math.min(1, largest / input.pageCount) : 0,
    largestRegionId,
    capWords,
    canvases: input.canvases,
    crossOriginFrames: input.crossOriginFrames,
    reasons,
  };
}

const percent = (share: number) => `${Math.floor(share * 100)} %`;
const count = (n: number, one: string, many = `${one}s`) =>
  `${n.toLocaleString('en-US')} ${n === 1 ? one : many}`;

/**
 * Plain sentences for a critique whose regions hold less than 90 % of the page's words: how
 * much they hold, and each reason, the largest first. Nothing at 90 % or more.
 */
export function coverageNotes(coverage: Coverage, maxRegions = 200): string[] {
  if (coverage.share >= COVERAGE_FLOOR) return [];
  const notes = [
    coverage.pageWords > 0
      ? `The regions hold ${percent(coverage.share)} of the ${count(coverage.pageWords, 'distinct word')} the page shows (below 90 %), so the critique sees only part of the page.`
      : 'The page shows no text that can be read from the page itself, so the critique sees only part of it.',
  ];
  const uncovered = coverage.pageWords - coverage.regionWords - coverage.capWords;
  for (const reason of coverage.reasons) {
    if (reason === 'region-cap')
      notes.push(
        `A critique covers at most ${maxRegions} regions; the content blocks left out hold ${count(coverage.capWords, 'more word')}.`,
      );
    else if (reason === 'unreadable-text')
      notes.push(
        `${count(uncovered, 'word')} of visible text fall in no region (text that is clipped, too small, or could not be anchored to an element).`,
      );
    else if (reason === 'canvas')
      notes.push(
        `${count(coverage.canvases, 'canvas', 'canvases')} ${coverage.canvases === 1 ? 'draws' : 'draw'} content whose words cannot be read.`,
      );
    else
      notes.push(
        `${count(coverage.crossOriginFrames, 'frame')} from another site cannot be read from the page.`,
      );
  }
  return notes;
}
