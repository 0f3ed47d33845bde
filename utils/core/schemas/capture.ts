/** What the content script reports about the page: extraction, masks, frames, renders, probes. */
import { z } from 'zod';
import { Box, Region, RegionId, TabId } from '@/utils/core/schemas/region';

export const CaptureMode = z.enum(['viewport', 'full', 'element', 'dom']);

export type CaptureMode = z.infer<typeof CaptureMode>;

export const Viewport = z.object({
  width: z.number().positive(),
  height: z.number().positive(),
  dpr: z.number().positive(),
  scrollX: z.number(),
  scrollY: z.number(),
});

export type Viewport = z.infer<typeof Viewport>;

/** Why regions hold less than 90 % of a page's words. */
export const CoverageReason = z.enum(['region-cap', 'canvas', 'cross-origin-frame', 'unreadable-text']);

export type CoverageReason = z.infer<typeof CoverageReason>;

/**
 * How much of the page's visible text the regions hold, counted in distinct words
 * (utils/core/text/words.ts). Visible text is the text the page lays out and shows, by the same
 * rules that make an element a region (not `display:none`, `visibility:hidden`, transparent,
 * zero-sized, off the page or `aria-hidden`), in open shadow roots and same-origin frames too.
 */
export const Coverage = z.object({
  /** Distinct visible words on the page. */
  pageWords: z.number().int().nonnegative(),
  /** How many of them fall in some region. */
  regionWords: z.number().int().nonnegative(),
  /** regionWords / pageWords; 1 on a page without words, 0 when its only content cannot be read. */
  share: z.number().min(0).max(1),
  /**
   * The words of the region that holds the most, repeats counted, as a share of all the words
   * the page shows: a region holding a whole page's body text shows here.
   */
  largestShare: z.number().min(0).max(1),
  largestRegionId: RegionId.nullable(),
  /** Distinct page words that only content blocks left out by the region cap hold. */
  capWords: z.number().int().nonnegative(),
  /** Visible canvases and cross-origin frames: content whose words cannot be read from the page. */
  canvases: z.number().int().nonnegative(),
  crossOriginFrames: z.number().int().nonnegative(),
  /** Why the share is below 90 %, the largest cause first; empty at 90 % or more. */
  reasons: z.array(CoverageReason),
});

export type Coverage = z.infer<typeof Coverage>;

/** What region extraction returns: at most 200 regions, and how many were left out. */
export const Extraction = z.object({
  regions: z.array(Region).max(200),
  omitted: z.number().int().nonnegative(),
  coverage: Coverage,
  viewport: Viewport,
  document: z.object({ width: z.number().nonnegative(), height: z.number().nonnegative() }),
  elementCount: z.number().int().nonnegative(),
  /** Time spent in the page, in ms. */
  ms: z.number().nonnegative(),
});

export type Extraction = z.infer<typeof Extraction>;

/** The live page frozen for the mockup (utils/page/freeze.ts): inert HTML with tokens for what the background fetches. */
export const FrozenPage = z.object({
  html: z.string(),
  nonce: z.string().regex(/^[0-9a-f]{32}$/),
  images: z.array(
    z.object({
      token: z.string(),
      url: z.string(),
      width: z.number().nonnegative(),
      height: z.number().nonnegative(),
    }),
  ),
  stylesheets: z.array(z.object({ token: z.string(), url: z.string() })),
  /** Regions whose element is marked, and those whose element the snapshot does not hold. */
  marked: z.number().int().nonnegative(),
  unmarked: z.array(RegionId),
  viewport: z.object({ width: z.number().positive(), height: z.number().positive() }),
  documentHeight: z.number().nonnegative(),
  ms: z.number().nonnegative(),
});

export type FrozenPage = z.infer<typeof FrozenPage>;

/** The mockup laid out at a width: each marked region's box, the document's height, its images. */
export const MockupLayout = z.object({
  boxes: z.record(RegionId, Box),
  height: z.number().nonnegative(),
  /** `<img>` elements, how many decoded, and how many are placeholders for images not read. */
  images: z.number().int().nonnegative(),
  decoded: z.number().int().nonnegative(),
  placeholders: z.number().int().nonnegative(),
  ms: z.number().nonnegative(),
});

export type MockupLayout = z.infer<typeof MockupLayout>;

/**
 * What a capture produced, already masked for privacy. The pixels themselves are a PNG Blob
 * kept in IndexedDB (utils/history), never shipped through messages.
 */
export const Shot = z.object({
  mode: CaptureMode,
  /** Image size in device pixels. */
  width: z.number().int().positive(),
  height: z.number().int().positive(),
  dpr: z.number().positive(),
  /** The page area the image shows, in page CSS pixels. */
  area: Box,
  ms: z.number().nonnegative(),
  bytes: z.number().int().nonnegative(),
  masked: z.number().int().nonnegative(),
  notes: z.array(z.string()),
});

export type Shot = z.infer<typeof Shot>;

/** The page side of a full-page capture, as `beginFrames` reports it. */
export const PageSize = z.object({
  width: z.number(),
  height: z.number(),
  viewportWidth: z.number(),
  viewportHeight: z.number(),
  dpr: z.number(),
});

export type PageSize = z.infer<typeof PageSize>;

/** An html2canvas render of the page or of one element, or why there is none. */
export const DomRender = z.discriminatedUnion('ok', [
  z.object({
    ok: z.literal(true),
    dataUrl: z.string().startsWith('data:image/png;base64,'),
    width: z.number().int().positive(),
    height: z.number().int().positive(),
    area: Box,
    masked: z.number().int().nonnegative(),
    ms: z.number(),
  }),
  z.object({ ok: z.literal(false), reason: z.string() }),
]);

export type DomRender = z.infer<typeof DomRender>;

/** The element the user picked. */
export const Picked = z.object({
  selector: z.string(),
  /** Page CSS pixels. */
  box: Box,
  /** Whether the element fits one viewport decides between a viewport and a full-page capture. */
  viewportHeight: z.number(),
});

export type Picked = z.infer<typeof Picked>;

/** Private areas to paint over, in viewport CSS pixels. */
export const MaskRects = z.object({
  rects: z.array(Box),
  viewport: Viewport,
  /** Elements that may hold a closed shadow root this browser cannot open: among `rects`, masked whole. */
  unopened: z.number().int().nonnegative().default(0),
});

export type MaskRects = z.infer<typeof MaskRects>;

/**
 * One frame of a full-page capture, as `frame` reports it: the masks, and the document's
 * height right then, so the capture can tell when the page grew or shrank under it.
 */
export const FrameMasks = MaskRects.extend({ pageHeight: z.number().nonnegative() });

export type FrameMasks = z.infer<typeof FrameMasks>;

/** What the panel knows about the tab it critiques. */
export const TabStatus = z.object({
  tabId: TabId,
  title: z.string(),
  url: z.string(),
  critiquable: z.boolean(),
  /** A plain sentence saying why not, when `critiquable` is false. */
  reason: z.string().nullable(),
});

export type TabStatus = z.infer<typeof TabStatus>;

export const PageProbe = z.object({
  url: z.string(),
  title: z.string(),
  elementCount: z.number().int().nonnegative(),
});

export type PageProbe = z.infer<typeof PageProbe>;

// ---------------------------------------------------------------------------------------------
// Jobs: a critique runs as named stages in the background (utils/jobs), saved after each one.
