/**
 * Region extraction: the walk (./walk.ts) finds the page's content blocks and visible text;
 * this keeps the most important blocks within the cap, anchors each to a unique selector, and
 * measures how much of the page's text they hold (./coverage.ts). Region shapes follow the
 * DESIGN.md contract.
 */
import type { Extraction } from '@/utils/core/schemas/capture';
import type { Box, Region } from '@/utils/core/schemas/region';
import { insideOwnUi, withOwnUiHidden } from '@/utils/page/overlay/ownUi';
import { addCountedWords } from '@/utils/core/text/words';
import { DEFAULT_INK, type Candidate, styleOf } from '@/utils/page/regions/candidate';
import { IMPORTANCE } from '@/utils/page/regions/classify';
import type { StyleCache } from '@/utils/page/regions/controlFacts';
import { summarizeCoverage, type RegionWords } from '@/utils/core/regions/coverage';
import { settleBackdrops } from '@/utils/page/regions/backdrops';
import { labelsOfDisabled } from '@/utils/page/regions/disabled';
import { PAGE_CANVAS } from '@/utils/page/regions/paint';
import {
  SelectorCache,
  rememberAnchors,
  uniqueSelector,
  verifySelectors,
} from '@/utils/page/regions/selector';
import { styleSources } from '@/utils/page/regions/styleSources';
import { readingTop, realText, toRegion } from '@/utils/page/regions/toRegion';
import { walkPage } from '@/utils/page/regions/walk';

export const MAX_REGIONS = 200;

/** Rows top to bottom (tops within 4 px share a row), then left to right, outer before inner. */
function readingOrder(a: { top: { x: number; y: number }; c: Candidate }, b: typeof a): number {
  const dy = a.top.y - b.top.y;
  if (Math.abs(dy) > 4) return dy;
  const area = (c: Candidate) => c.box.width * c.box.height;
  return a.top.x - b.top.x || area(b.c) - area(a.c);
}

/**
 * The `limit` most important blocks: semantic importance times the square root of the area
 * (a heading outranks a paragraph of the same size); ties go to the earlier block.
 */
function mostImportant(content: readonly Candidate[], limit: number): Set<Candidate> {
  if (content.length <= limit) return new Set(content);
  const priority = new Float64Array(content.length);
  content.forEach(
    (c, i) => (priority[i] = IMPORTANCE[c.kind] * Math.sqrt(Math.max(1, c.box.width * c.box.height))),
  );
  const threshold = Float64Array.from(priority).sort()[content.length - limit]!;
  const kept = new Set<Candidate>();
  content.forEach((c, i) => priority[i]! > threshold && kept.add(c));
  content.forEach((c, i) => priority[i] === threshold && kept.size < limit && kept.add(c));
  return kept;
}

/**
 * The page's regions, read with Restage's own elements out of the layout and out of the walk
 * (../overlay/ownUi.ts): a second critique in the same panel reads the page, not our badges.
 */
export function extractRegions(privateSelectors: readonly string[] = []): Extraction {
  return withOwnUiHidden(() => readRegions(privateSelectors));
}

function readRegions(privateSelectors: readonly string[]): Extraction {
  const started = performance.now();
  const doc = document;
  const view = window;
  const page: Box = {
    x: 0,
    y: 0,
    width: doc.documentElement.scrollWidth,
    height: doc.documentElement.scrollHeight,
  };
  const sources = styleSources(doc);
  const walk = walkPage(
    {
      sources,
      bg: PAGE_CANVAS,
      opacity: 1,
      backdrop: PAGE_CANVAS.color,
      shown: true,
      ink: DEFAULT_INK,
      clip: null,
      leaf: null,
      container: null,
      landmark: null,
      private: false,
      dx: view.scrollX,
      dy: view.scrollY,
    },
    page,
    privateSelectors,
  );

  const content = walk.candidates.filter((c) => c.kind !== 'container' || c.leaves >= 2);
  const keptSet = mostImportant(content, MAX_REGIONS);
  // The walk never enters our own elements; a block inside one is refused all the same.
  const kept = content
    .filter((c) => keptSet.has(c) && !insideOwnUi(c.el))
    .map((c) => ({ c, top: readingTop(c) }))
    .sort(readingOrder)
    .map(({ c }) => c);

  settleBackdrops(kept, walk.painters, sources.pseudoHosts);

  // Each kept block's text nodes, and those of the blocks the cap left out.
  const parts = new Map<Candidate, string[]>(kept.map((c) => [c, []]));
  const cappedTexts: string[] = [];
  for (let i = 0; i < walk.texts.length; i++) {
    const owner = walk.owners[i]!;
    if (keptSet.has(owner)) parts.get(owner)!.push(walk.texts[i]!);
    else cappedTexts.push(walk.texts[i]!);
  }

  const disabledLabels = labelsOfDisabled(doc, walk.composed);
  const regions: Region[] = [];
  const ids = new Map<Candidate, string>();
  const regionWords = new Map<string, RegionWords>();
  const unanchored = new Set<string>();
  let unanchoredCount = 0;
  const landmarks = new Map<Element, string>();
  const styles: StyleCache = new Map();
  const cache = new SelectorCache();
  const selectors = kept.map((c) => ({ selector: uniqueSelector(c.el, cache), el: c.el }));
  const verified = verifySelectors(selectors);
  rememberAnchors(selectors.filter((_, i) => verified[i]));
  for (const [i, c] of kept.entries()) {
    let own = parts.get(c)!;
    const style = styleOf(c.el);
    // Each read of a computed property is worked out anew: this one is read once, here.
    const fontSize = parseFloat(style.fontSize);
    // Text at font-size 0 (a trick to hide an icon link's label) is drawn at no size: not shown.
    if (c.kind !== 'container' && fontSize === 0) {
      own = [];
      c.worst = c.undecided = null;
      c.lowest = Infinity;
      c.partial = true;
    }
    if (!verified[i]) {
      unanchoredCount += addCountedWords(unanchored, own.join(' '));
      continue;
    }
    const { selector } = selectors[i]!;
    const id = `r${regions.length + 1}`;
    ids.set(c, id);
    regions.push(
      toRegion(
        c,
        style,
        fontSize,
        id,
        selector,
        view.innerHeight,
        disabledLabels,
        realText(c, style, own),
        landmarks,
        styles,
      ),
    );
    const text = own.join(' ');
    const words = new Set<string>();
    regionWords.set(id, { words, count: addCountedWords(words, text) });
  }
  // Document order (the walk's pre-order, shadow trees and frames where their hosts are).
  let order = 0;
  for (const c of walk.candidates) {
    const id = ids.get(c);
    if (id !== undefined) regions[Number(id.slice(1)) - 1]!.domOrder = order++;
  }
  for (const [c, id] of ids) {
    let parent = c.parent;
    while (parent && !ids.has(parent)) parent = parent.parent;
    regions[Number(id.slice(1)) - 1]!.parentId = parent ? ids.get(parent)! : null;
  }

  // Each visible text node is in exactly one block, so the page's words are those of the
  // regions, of the blocks the cap left out, and of blocks no selector could anchor.
  // A space between texts never joins two words (../text/words.ts).
  const cappedText = cappedTexts.join(' ');
  const capped = new Set<string>();
  let pageCount = unanchoredCount + addCountedWords(capped, cappedText);
  const pageWords = new Set([...unanchored, ...capped]);
  for (const { words, count } of regionWords.values()) {
    for (const word of words) pageWords.add(word);
    pageCount += count;
  }
  const coverage = summarizeCoverage({
    page: pageWords,
    pageCount,
    regions: regionWords,
    capped,
    canvases: walk.canvases,
    crossOriginFrames: walk.crossOriginFrames,
  });

  return {
    regions,
    omitted: content.length - regions.length,
    coverage,
    viewport: {
      width: view.innerWidth,
      height: view.innerHeight,
      dpr: view.devicePixelRatio,
      scrollX: view.scrollX,
      scrollY: view.scrollY,
    },
    document: { width: page.width, height: page.height },
    elementCount: walk.elementCount,
    ms: performance.now() - started,
  };
}
