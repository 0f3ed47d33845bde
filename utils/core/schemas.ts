/**
 * The shapes every context shares: one source of truth, parsed at each trust boundary
 * (messages, storage, model output, files the CLI loads). Types are inferred from them.
 * Contracts: ../shared/DESIGN.md, "Contracts that checks rely on".
 */
import { z } from 'zod';
import { privateSelectorProblem } from '@/utils/core/privateSelector';
import { checkDeclaration } from '@/utils/core/plan/cssGrammar';
import { ALLOWED_CSS_PROPERTIES } from '@/utils/core/plan/cssProperties';

export const TabId = z.number().int().nonnegative();

/** `r1`, `r2`, … in reading order: the Set-of-Mark numbers drawn on the screenshot. */
export const RegionId = z.string().regex(/^r[1-9]\d*$/, 'region ids look like r1, r2, …');
export type RegionId = z.infer<typeof RegionId>;

/** A rectangle in page CSS pixels (document coordinates, not viewport). */
export const Box = z.object({
  x: z.number(),
  y: z.number(),
  width: z.number().nonnegative(),
  height: z.number().nonnegative(),
});
export type Box = z.infer<typeof Box>;

export const RegionKind = z.enum(['heading', 'text', 'control', 'media', 'field', 'container']);
export type RegionKind = z.infer<typeof RegionKind>;

export const RegionStyle = z.object({
  fontSize: z.number().nonnegative(),
  fontWeight: z.number().int().min(1).max(1000),
  /** Used line height in px; `null` when the computed value is `normal`. */
  lineHeight: z.number().nonnegative().nullable(),
  fontFamily: z.string(),
  /** Text color as `rgba(r, g, b, a)`. */
  color: z.string(),
  /** Effective background after compositing ancestors, as `rgba(…)`. */
  background: z.string(),
  /** Whether the text sits over a solid color, or over an image or gradient we cannot see through. */
  backgroundKind: z.enum(['solid', 'image/gradient']),
  /** WCAG 2.x contrast ratio of color over background; `null` when it cannot be known. */
  contrast: z.number().min(1).max(21).nullable(),
  /**
   * Computed `text-align`, with `-webkit-center` and the like folded into `center`, `left`,
   * `right`. Absent in records saved before it existed, read as `start`.
   */
  textAlign: z.enum(['start', 'end', 'left', 'right', 'center', 'justify']).optional(),
});
export type RegionStyle = z.infer<typeof RegionStyle>;

export const Region = z.object({
  id: RegionId,
  /** Stable across recaptures of the same page: a hash of tag, selector and text (utils/core/regions/key.ts). */
  key: z.string().regex(/^k[0-9a-f]{8}$/),
  selector: z.string().min(1),
  box: Box,
  kind: RegionKind,
  tag: z.string(),
  role: z.string().nullable(),
  /** Accessible name, trimmed and capped. */
  name: z.string(),
  /**
   * The whole visible text, whitespace collapsed and never capped (views cap it for display);
   * `•••` for masked private content. Text regions do not overlap (a block's text belongs to
   * one region), so all regions' text together is at most the text the page itself shows.
   * Containers carry no text of their own; a block that holds both loose text and other
   * blocks carries only its loose text.
   */
  text: z.string(),
  /** Length of `text`: the whole visible text's, or 3 for masked private content. */
  textLength: z.number().int().nonnegative(),
  /** The nearest enclosing region (a card, a landmark), or null at the top level. */
  parentId: RegionId.nullable(),
  /** The landmark or section the region sits in: `header`, `nav`, `main`, `aside`, `footer`, `section:<label>`, or null. */
  landmark: z.string().nullable(),
  headingLevel: z.number().int().min(1).max(6).nullable(),
  style: RegionStyle,
  flags: z.object({
    interactive: z.boolean(),
    aboveFold: z.boolean(),
    fixed: z.boolean(),
    private: z.boolean(),
    /** A disabled control: WCAG 1.4.3 exempts its text from contrast. */
    disabled: z.boolean(),
    /**
     * Some of its text is the colour of its background (utils/core/regions/sameColor.ts): no one
     * sees it, so it stays out of the model's input. Absent in records saved before it existed.
     */
    sameColorText: z.boolean().default(false),
    /** Draws a border on all four sides, like an outlined button. Absent in older records. */
    bordered: z.boolean().default(false),
    /**
     * A target in a line of text (utils/page/regions/controlFacts.ts): WCAG 2.5.8's inline exception
     * applies. Absent in older records.
     */
    inText: z.boolean().default(false),
  }),
  /**
   * What a control is for, where that rules it in or out as the page's call to action: it
   * submits a form (`submit`) or a search form or quick menu (`search`), or it is a tab, a
   * menu item or a pagination link. Null for anything else, and in older records.
   */
  purpose: z.enum(['submit', 'search', 'tab', 'menu', 'pagination']).nullable().default(null),
  /**
   * The region's place among the regions in document order (ids follow reading order, which
   * can differ in columns and floats). Null in older records.
   */
  domOrder: z.number().int().nonnegative().nullable().default(null),
});
export type Region = z.infer<typeof Region>;

export { ALLOWED_CSS_PROPERTIES } from '@/utils/core/plan/cssProperties';

/**
 * Each value must pass the CSS grammar (utils/core/plan/cssGrammar.ts): per property, lengths,
 * numbers, opaque colours and keywords only, within bounds that hold for any region. The
 * bounds that depend on the region are applied before this, by sanitizePatch.
 */
export const CssDeclarations = z
  .partialRecord(z.enum(ALLOWED_CSS_PROPERTIES), z.string())
  .superRefine((declarations, ctx) => {
    for (const [property, value] of Object.entries(declarations)) {
      const checked = checkDeclaration(property, value ?? '');
      if (!checked.ok) ctx.addIssue({ code: 'custom', path: [property], message: checked.reason });
    }
  });

export const CssPatch = z.array(z.object({ regionId: RegionId, declarations: CssDeclarations }));
export type CssPatch = z.infer<typeof CssPatch>;

/**
 * A patch read back from storage or an exported file: a declaration saved before the grammar
 * was this strict is dropped, rather than the whole critique failing to load.
 */
export const SavedCssPatch = z.preprocess(
  (value) =>
    Array.isArray(value)
      ? value.map((entry: unknown) => {
          const declarations = (entry as { declarations?: unknown } | null)?.declarations;
          if (!declarations || typeof declarations !== 'object') return entry;
          const kept = Object.entries(declarations).filter(
            ([property, v]) => typeof v === 'string' && checkDeclaration(property, v).ok,
          );
          return { ...(entry as object), declarations: Object.fromEntries(kept) };
        })
      : value,
  CssPatch,
);

export const Severity = z.enum(['critical', 'major', 'minor', 'info']);
export const Basis = z.enum(['measured', 'seen', 'inferred']);
export type Basis = z.infer<typeof Basis>;

export const Finding = z.object({
  id: z.string().min(1),
  title: z.string().min(1),
  /** Carries the numbers behind the finding, e.g. "r4 1.00, r7 0.97". */
  detail: z.string(),
  /** One sentence on why it matters to the people using the page. */
  why: z.string().optional(),
  /** One concrete change, with values ("make it 18 px bold, #1a1a1a on white: 15.9:1"). */
  fix: z.string().optional(),
  severity: Severity,
  category: z.enum(['contrast', 'hierarchy', 'typography', 'spacing', 'targets', 'density']),
  basis: Basis,
  /** What a measured finding was measured from, when not the DOM: `pixels` for an image's own pixels. */
  source: z.enum(['pixels']).optional(),
  /** The rule behind the finding when there is one, e.g. `wcag-1.4.3`; `needs-review` outcomes say so here too. */
  rule: z.string().optional(),
  regionIds: z.array(RegionId),
  confidence: z.number().min(0).max(1),
  /**
   * How much of the page the finding covers: its regions' share of the area of all regions
   * with text (0–1). The score weighs a finding by it; a model finding may leave it out.
   */
  extent: z.number().min(0).max(1).optional(),
  /**
   * The declarations that fix this finding alone (utils/core/measure/advice.ts), for "Preview this
   * fix"; absent or empty when no honest CSS change can be derived (records saved before it
   * existed have none).
   */
  fixPatch: SavedCssPatch.optional(),
});
export type Finding = z.infer<typeof Finding>;

/**
 * A finding the user set aside with **Ignore** (utils/extension/ignores.ts): kept with the critique,
 * out of its findings list, still counted by the score (utils/core/measure/score.ts).
 */
export const IgnoredFinding = z.object({
  finding: Finding,
  /** The user's reason, when they gave one. */
  reason: z.string().max(500).nullable(),
  /** When it was ignored (ms since the epoch). */
  at: z.number(),
});
export type IgnoredFinding = z.infer<typeof IgnoredFinding>;

export const Emphasis = z.enum(['primary', 'secondary', 'tertiary']);

/**
 * A same-content layout plan. It names regions only by id and introduces no text of its
 * own, so "same content" holds by construction; the validator checks the rest.
 */
export const Blueprint = z.object({
  sections: z.array(
    z.object({
      id: z.string().min(1),
      /** Which landmark or section of the page this came from (not new content). */
      source: z.string(),
      emphasis: Emphasis,
      regionIds: z.array(RegionId).min(1),
    }),
  ),
  typeScale: z.object({ base: z.number().positive(), ratio: z.number().min(1) }),
  spacingUnit: z.union([z.literal(4), z.literal(8)]),
});
export type Blueprint = z.infer<typeof Blueprint>;

export const CaptureMode = z.enum(['viewport', 'full', 'element', 'dom']);
export type CaptureMode = z.infer<typeof CaptureMode>;

export const Score = z.object({
  value: z.number().min(0).max(100),
  /** Each category's own 0–100 score. */
  breakdown: z.record(z.string(), z.number()),
});
export type Score = z.infer<typeof Score>;

/**
 * How much of the page's layout the mockup keeps, measured on both laid out at the page's
 * viewport width (utils/core/render/structure.ts defines each figure).
 */
export const MockupStructure = z.object({
  /** Pairs of content regions side by side on the page, and how many stay side by side in the mockup. */
  pairs: z.number().int().nonnegative(),
  pairsKept: z.number().int().nonnegative(),
  /** The mockup's document height over the page's, at the same width. */
  heightRatio: z.number().nonnegative(),
  /** Pairs one above the other on the page that the mockup puts the other way round (plan reorders aside). */
  outOfOrder: z.number().int().nonnegative(),
  orderKept: z.boolean(),
});
export type MockupStructure = z.infer<typeof MockupStructure>;

export const ContentCheck = z.object({
  regions: z.number().int().nonnegative(),
  kept: z.number().int().nonnegative(),
  /** Words (utils/core/text/words.ts) of all content regions, repeats counted. */
  words: z.number().int().nonnegative(),
  /** Words of the content regions the blueprint lists; equal to `words` when nothing is dropped. */
  wordsKept: z.number().int().nonnegative(),
  /** Image regions among the content regions, and how many of them the blueprint lists. */
  images: z.number().int().nonnegative(),
  imagesKept: z.number().int().nonnegative(),
  missing: z.array(RegionId),
  duplicated: z.array(RegionId),
  invented: z.array(z.string()),
  /** The mockup's layout against the page's; null until the mockup is rendered and measured. */
  structure: MockupStructure.nullable().default(null),
});
export type ContentCheck = z.infer<typeof ContentCheck>;

/** The schema version of saved critiques and of `critique.json`; see utils/core/history/migrate.ts. */
export const SCHEMA_VERSION = 2;

/** An earlier or later finding as verification names it: enough to list it, and its regions. */
export const VerifiedFinding = Finding.pick({
  id: true,
  title: true,
  category: true,
  rule: true,
  severity: true,
  regionIds: true,
}).extend({
  basis: Basis.optional(),
  /** Why it came out as it did, when the group alone does not say (e.g. regions that are gone). */
  note: z.string().optional(),
});
export type VerifiedFinding = z.infer<typeof VerifiedFinding>;

/** The plan's intents verification checks on the later page. */
export const Intent = z.enum(['emphasis-order', 'grouping', 'one-primary', 'contrast']);
export type Intent = z.infer<typeof Intent>;

/** Counts a record saved before they existed lacks: derived from what it kept. */
function withRegionCounts(value: unknown): unknown {
  if (typeof value !== 'object' || value === null || 'matched' in value) return value;
  const m = value as Record<string, unknown>;
  const count = (key: string) => (typeof m[key] === 'number' ? m[key] : 0);
  const matched = count('byKey') + count('byText') + count('byPosition');
  const gone = Array.isArray(m.unmatched) ? m.unmatched.length : 0;
  return { ...m, matched, gone, added: Math.max(0, count('after') - matched) };
}

/**
 * A later critique of a page checked against an earlier one (utils/verify): which earlier
 * measured findings were fixed, which remain (and whether they shrank), which are new, which
 * could not be checked because their regions are gone, which a model saw and a check does not
 * re-check, the score before and after, and which intents of the earlier plan the page now
 * meets. Region ids in `resolved`, `still`, `gone` and `notRechecked` are the earlier
 * critique's; `regionIdsNow` and `new` use the later one's.
 */
export const Verify = z.object({
  scoreBefore: z.number().min(0).max(100),
  scoreAfter: z.number().min(0).max(100),
  /**
   * The later score over the same regions: later measured findings on matched regions (and
   * page-wide ones), with the earlier findings that could not be re-checked counted as they
   * were. Absent in checks saved before it existed.
   */
  scoreAfterMatched: z.number().min(0).max(100).optional(),
  resolved: z.array(VerifiedFinding),
  still: z.array(
    VerifiedFinding.extend({
      /** The later finding it matched. */
      nowId: z.string(),
      regionIdsNow: z.array(RegionId),
      /** A grouped finding that now covers fewer of its regions: still there, but smaller. */
      smaller: z.boolean(),
      /** Earlier regions the finding no longer names. */
      cleared: z.array(RegionId),
      note: z.string(),
    }),
  ),
  new: z.array(VerifiedFinding),
  /** Earlier findings none of whose regions is on the later page: not checked, not resolved. */
  gone: z.array(VerifiedFinding).default([]),
  /** Earlier findings a model saw or inferred: a check measures, so it cannot say. */
  notRechecked: z.array(VerifiedFinding).default([]),
  intents: z.array(
    z.object({
      intent: Intent,
      /** null when the earlier critique has nothing to check it against (no plan). */
      met: z.boolean().nullable(),
      reason: z.string(),
    }),
  ),
  matched: z.preprocess(
    withRegionCounts,
    z.object({
      before: z.number().int().nonnegative(),
      after: z.number().int().nonnegative(),
      /** Earlier regions with a counterpart on the later page. */
      matched: z.number().int().nonnegative(),
      /** Earlier regions with no counterpart (`unmatched`), and later regions with no earlier one. */
      gone: z.number().int().nonnegative(),
      added: z.number().int().nonnegative(),
      byKey: z.number().int().nonnegative(),
      byText: z.number().int().nonnegative(),
      byPosition: z.number().int().nonnegative(),
      /** Earlier regions with no counterpart on the later page. */
      unmatched: z.array(RegionId),
    }),
  ),
});
export type Verify = z.infer<typeof Verify>;

export const DEFAULT_BASE_URL = 'https://api.openai.com/v1';

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

/** Where model calls go. Each preset fixes the client and which fields the options page shows. */
export const Provider = z.enum(['openai', 'azure', 'ollama', 'lmstudio', 'compatible']);
export type Provider = z.infer<typeof Provider>;

export const ImageQuality = z.enum(['low', 'medium', 'high', 'auto']);
export type ImageQuality = z.infer<typeof ImageQuality>;

const Usd = (max: number, label: string) =>
  z
    .number({ error: `${label} must be a number of US dollars` })
    .min(0, `${label} cannot be negative`)
    .max(max, `${label} is at most $${max}`);

/** A CSS selector whose matches are masked; one the browser cannot parse is refused by name. */
export const PrivateSelector = z
  .string()
  .trim()
  .min(1)
  .max(200)
  .superRefine((selector, ctx) => {
    const problem = privateSelectorProblem(selector);
    if (problem) ctx.addIssue({ code: 'custom', message: problem });
  });

export const Settings = z.object({
  provider: Provider,
  /** Empty means "no key": with the OpenAI or Azure preset everything runs on the built-in engine. */
  apiKey: z.string().trim().max(400),
  baseUrl: z.url({ protocol: /^https?$/, error: 'Base URL must be an http(s) URL' }),
  /** Azure OpenAI resource endpoint, e.g. https://my-resource.openai.azure.com */
  azureEndpoint: z.union([
    z.literal(''),
    z.url({ protocol: /^https?$/, error: 'Azure endpoint must be an http(s) URL' }),
  ]),
  /** The Azure deployment that plans (a vision model); the image model field names the image deployment. */
  azureDeployment: z.string().trim().max(100),
  azureApiVersion: z.string().trim().max(40),
  plannerModel: z.string().trim().min(1, 'Planner model is required').max(100),
  imageModel: z.string().trim().min(1, 'Image model is required').max(100),
  imageQuality: ImageQuality,
  imageGeneration: z.boolean(),
  /** Spending caps in USD; an estimate above either is refused before anything is sent. */
  capPerCritiqueUsd: Usd(100, 'Cap per critique'),
  capPerDayUsd: Usd(1000, 'Cap per day'),
  /** Extra CSS selectors whose content is masked before any pixels or text leave the page. */
  privateSelectors: z.array(PrivateSelector).max(50),
});
export type Settings = z.infer<typeof Settings>;

export const DEFAULT_SETTINGS: Settings = {
  provider: 'openai',
  apiKey: '',
  baseUrl: DEFAULT_BASE_URL,
  azureEndpoint: '',
  azureDeployment: '',
  azureApiVersion: '2025-04-01-preview',
  plannerModel: 'gpt-5.4-mini',
  imageModel: 'gpt-image-2',
  imageQuality: 'medium',
  imageGeneration: false,
  capPerCritiqueUsd: 0.25,
  capPerDayUsd: 2,
  privateSelectors: [],
};

/** The answer to "Test connection": a plain sentence, and the models the server listed. */
export const ConnectionResult = z.object({
  ok: z.boolean(),
  /** `connected`, or the fault kind (`bad-key`, `forbidden`, `unknown-model`, `network`, `timeout`, …). */
  kind: z.string(),
  message: z.string(),
  models: z.array(z.string()),
});
export type ConnectionResult = z.infer<typeof ConnectionResult>;

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

export const StageName = z.enum([
  'regions',
  'measure',
  'capture',
  'plan',
  'model-plan',
  'text-images',
  'render',
  'image',
  'image-check',
  'preview',
  'verify',
]);
export type StageName = z.infer<typeof StageName>;

/** A critique, or a check of the page now (after a preview or a real change) against one. */
export const JobKind = z.enum(['critique', 'check']);
export type JobKind = z.infer<typeof JobKind>;

export const StageStatus = z.enum(['pending', 'running', 'done', 'failed', 'skipped', 'cancelled']);
export type StageStatus = z.infer<typeof StageStatus>;

export const StageRecord = z.object({
  name: StageName,
  status: StageStatus,
  /** Wall time the runner measured for the stage; null until it ends. */
  ms: z.number().nonnegative().nullable(),
  error: z.string().nullable(),
});
export type StageRecord = z.infer<typeof StageRecord>;

/** queued → running(stage) → done | failed | cancelled; `interrupted` when the worker was stopped. */
export const JobState = z.enum(['queued', 'running', 'done', 'failed', 'cancelled', 'interrupted']);
export type JobState = z.infer<typeof JobState>;

export const JobStatus = z.object({
  state: JobState,
  /** The stage running now, or the one that was running when the job ended badly. */
  stage: StageName.nullable(),
  stages: z.array(StageRecord),
  /** The last progress sentence of the running stage ("Frame 3 of 7"). */
  progress: z.string().nullable(),
  error: z.string().nullable(),
  /** Wall time from start to end, once the job has ended. */
  ms: z.number().nonnegative().nullable(),
  /** The last save failed because storage is full: what the job found is kept in memory only. */
  storageFull: z.boolean(),
});
export type JobStatus = z.infer<typeof JobStatus>;

/** Where a job's saved image or document lives in IndexedDB, and whether it could be saved. */
export const ArtifactRef = z.object({
  id: z.string(),
  stored: z.boolean(),
  /** Counts stores of the same artifact (partial images, then the final one); readers refetch on a change. */
  version: z.number().int().nonnegative().optional(),
});
export type ArtifactRef = z.infer<typeof ArtifactRef>;

/**
 * Whether a generated image shows the regions' text: words are compared after the
 * normalisation in utils/core/ocr/words.ts. An image with no readable text never passes.
 */
export const ImageCheck = z.object({
  /** Words in the (non-private) regions' text. */
  expectedWords: z.number().int().nonnegative(),
  /** How many of those the image shows. */
  foundWords: z.number().int().nonnegative(),
  /** Expected words the image does not show, one entry per lost occurrence, as the page spells them. */
  missing: z.array(z.string()),
  /** Words read in the image that are in no region's text, as read. */
  invented: z.array(z.string()),
  /** Regions with at least one missing word, for the panel to mark. */
  lostRegionIds: z.array(RegionId),
  pass: z.boolean(),
  /** The verdict in a plain sentence. */
  reason: z.string(),
});
export type ImageCheck = z.infer<typeof ImageCheck>;

/** Tokens as a server reported them (zeros and `reported: false` when it reported none). */
export const ModelUsage = z.object({
  inputTokens: z.number().int().nonnegative(),
  outputTokens: z.number().int().nonnegative(),
  imageTokens: z.number().int().nonnegative().nullable(),
  totalTokens: z.number().int().nonnegative(),
  reported: z.boolean(),
});

/** What the planner did: which plan won, what it was estimated to cost and what it did cost. */
export const PlannerRun = z.object({
  status: z.enum(['model', 'offline']),
  /** Why the offline plan stayed, in a plain sentence; null when the model's plan was used. */
  note: z.string().nullable(),
  /** The kind of fault that kept the model's plan out (`bad-key`, `quota`, …; utils/background/model/faults.ts). */
  fault: z.string().optional(),
  model: z.string(),
  api: z.enum(['responses', 'chat-schema', 'chat-json']).nullable(),
  repaired: z.boolean(),
  estimate: z.object({
    inputTokens: z.number().nonnegative(),
    imageTokens: z.number().nonnegative(),
    usd: z.number().nonnegative(),
    imageUsd: z.number().nonnegative(),
    totalUsd: z.number().nonnegative(),
  }),
  usage: ModelUsage,
  costUsd: z.number().nonnegative(),
  requestBytes: z.number().int().nonnegative(),
  /** The screenshot as sent: its size and its estimated token cost. */
  image: z
    .object({ width: z.number(), height: z.number(), tokens: z.number(), bytes: z.number() })
    .nullable(),
  calls: z.number().int().nonnegative(),
  /**
   * When the model's plan passed validation: which plan is shown and why, by the score each
   * plan predicts (utils/core/plan/choose.ts). Null when the model's plan never got that far.
   */
  choice: z
    .object({
      used: z.enum(['model', 'offline']),
      modelScore: z.number(),
      offlineScore: z.number(),
      /** Offline contrast and target fixes carried into the model's plan. */
      carried: z.number().int().nonnegative(),
      sentence: z.string(),
    })
    .nullable()
    .default(null),
});
export type PlannerRun = z.infer<typeof PlannerRun>;

/** What the image model did. Its picture is labelled everywhere as generated. */
export const ImageRun = z.object({
  status: z.enum(['done', 'failed']),
  note: z.string().nullable(),
  model: z.string(),
  size: z.string(),
  estimateUsd: z.number().nonnegative(),
  usage: ModelUsage,
  costUsd: z.number().nonnegative(),
  requestBytes: z.number().int().nonnegative(),
  partials: z.number().int().nonnegative(),
});
export type ImageRun = z.infer<typeof ImageRun>;

/** `model:<name>` only when the model's plan passed validation and is the plan shown. */
export const Engine = z.union([z.literal('offline'), z.templateLiteral(['model:', z.string()])]);

/** A region the model says a change must leave alone, and why. */
export const DoNotTouch = z.object({ regionIds: z.array(RegionId), reason: z.string() });
export type DoNotTouch = z.infer<typeof DoNotTouch>;

/**
 * A critique as saved and exported (`critique.json`). The plan parts are null when the job
 * ended before its plan stage: a failed or cancelled job keeps what it found.
 */
export const Critique = z.object({
  schemaVersion: z.literal(SCHEMA_VERSION),
  url: z.string(),
  title: z.string(),
  engine: Engine,
  mode: CaptureMode,
  request: z.string().nullable(),
  regions: z.array(Region),
  findings: z.array(Finding),
  /** Findings the user ignored on this page, with their reasons; absent in older files. */
  ignored: z.array(IgnoredFinding).default([]),
  score: Score.nullable(),
  blueprint: Blueprint.nullable(),
  cssPatch: SavedCssPatch.nullable(),
  contentCheck: ContentCheck.nullable(),
  /** The share of the page's visible words the regions hold; null for critiques from 0.1.0. */
  coverage: Coverage.nullable(),
  /** Milliseconds per stage as the job runner timed it, plus `total`. */
  timings: z.record(z.string(), z.number().nonnegative()),
  /** The model stages, when a model was configured: estimates, usage and cost. */
  planner: PlannerRun.nullable(),
  imageRun: ImageRun.nullable(),
  doNotTouch: z.array(DoNotTouch),
  /** The OCR check of the generated image's text against the regions'. */
  imageCheck: ImageCheck.nullable(),
  /** Against an earlier critique (`--against`), or of the previewed plan (`--preview`). */
  verify: Verify.nullable(),
  notes: z.array(z.string()),
  errors: z.array(z.string()),
});
export type Critique = z.infer<typeof Critique>;

/**
 * What a round made of its request (utils/core/plan/commands.ts, refine.ts): the commands it applied
 * and what each changed, those it refused and why, and what it could not read offline.
 */
export const Refinement = z.object({
  applied: z.array(z.object({ command: z.string(), change: z.string() })),
  refused: z.array(z.object({ command: z.string(), reason: z.string() })),
  /** Parts of the request that are not commands; offline they need a model, with one a model read them. */
  unread: z.array(z.string()),
  /** Whether a model was configured to read the request as free text. */
  model: z.boolean(),
});
export type Refinement = z.infer<typeof Refinement>;

/** What the stages have found so far; each field is filled by one stage and saved with the job. */
export const Draft = z.object({
  extraction: Extraction.omit({ regions: true }).nullable(),
  regions: z.array(Region),
  findings: z.array(Finding),
  /**
   * Findings that match an ignore saved for this page (utils/extension/ignores.ts), moved out of
   * `findings` by the stage that found them. Absent in records saved before it existed.
   */
  ignored: z.array(IgnoredFinding).default([]),
  score: Score.nullable(),
  shot: Shot.extend({ image: ArtifactRef }).nullable(),
  plan: z.object({ blueprint: Blueprint, cssPatch: SavedCssPatch, contentCheck: ContentCheck }).nullable(),
  mockup: ArtifactRef.nullable(),
  annotated: ArtifactRef.nullable(),
  /**
   * A small picture of the page for lists (History, rounds): the annotated capture's top, at most
   * 240 × 160 px, as JPEG. Null when there was no capture (and in records saved before it existed).
   */
  thumb: ArtifactRef.nullable().default(null),
  /** The labelled screenshot a model planner is sent, downscaled to its image-token budget. */
  labelled: z.object({ image: ArtifactRef, width: z.number().int(), height: z.number().int() }).nullable(),
  engine: Engine,
  planner: PlannerRun.nullable(),
  doNotTouch: z.array(DoNotTouch),
  /** The generated picture of the next state (a plan to check, not a fact). */
  image: ArtifactRef.nullable(),
  imageRun: ImageRun.nullable(),
  imageCheck: ImageCheck.nullable(),
  /**
   * The image regions whose text OCR read and measured from pixels (the text-images stage); null
   * when that stage did not run. A check judges a pixel finding only on an image it read again.
   */
  imagesRead: z.array(RegionId).nullable().default(null),
  /** A check, or a critique made against an earlier one: what changed since. */
  verify: Verify.nullable(),
  /** A round: what it made of its request. Null for a first critique and a check. */
  refinement: Refinement.nullable().default(null),
  /** From the start of the job until the numbered boxes are on the page. */
  firstLabelsMs: z.number().nullable(),
  notes: z.array(z.string()),
  errors: z.array(z.string()),
});
export type Draft = z.infer<typeof Draft>;

/** One critique job as saved in history: what was asked, how the job went, what it found. */
export const CritiqueRecord = z.object({
  id: z.string().min(1),
  schemaVersion: z.literal(SCHEMA_VERSION),
  kind: JobKind,
  /** A check: the critique it compares the page with. */
  against: z.string().nullable(),
  /** A check: whether it applies that critique's CSS patch to the page first. */
  preview: z.boolean(),
  /**
   * A round of refinement: the critique (round) it refines, whose constraints, locks and content
   * it keeps. Null for a first critique and for checks.
   */
  refines: z.string().nullable().default(null),
  /** 1 for a critique, 2, 3, … for the rounds refining it; a check carries its critique's round. */
  round: z.number().int().min(1).default(1),
  url: z.string(),
  title: z.string(),
  tabId: TabId,
  mode: CaptureMode,
  request: z.string().nullable(),
  createdAt: z.number(),
  updatedAt: z.number(),
  job: JobStatus,
  draft: Draft,
});
export type CritiqueRecord = z.infer<typeof CritiqueRecord>;

/** Events pushed to the panel over its port; each names its job and tab. */
export const JobEvent = z.discriminatedUnion('type', [
  z.object({ type: z.literal('stage'), jobId: z.string(), tabId: TabId, job: JobStatus }),
  z.object({
    type: z.literal('partial'),
    jobId: z.string(),
    tabId: TabId,
    /** The draft fields a stage just filled. */
    draft: Draft.partial(),
  }),
  z.object({ type: z.literal('done'), jobId: z.string(), tabId: TabId, record: CritiqueRecord }),
  z.object({
    type: z.literal('error'),
    jobId: z.string(),
    tabId: TabId,
    message: z.string(),
    record: CritiqueRecord,
  }),
]);
export type JobEvent = z.infer<typeof JobEvent>;

/** What the panel says over its port: which tab's jobs it wants to hear about. */
export const PanelMessage = z.object({ type: z.literal('watch'), tabId: TabId });
export type PanelMessage = z.infer<typeof PanelMessage>;

/** A PNG, JPEG or WebP image as a base64 data URL (how images cross a message boundary). */
export const ImageDataUrl = z.string().regex(/^data:image\/(png|jpeg|webp);base64,[A-Za-z0-9+/]+=*$/, {
  message: 'expected a base64 PNG, JPEG or WebP data URL',
});

/** A word tesseract read in an image; `box` is in image pixels. */
export const OcrWord = z.object({
  text: z.string(),
  /** Tesseract's word confidence (0–100) scaled to 0–1. */
  confidence: z.number().min(0).max(1),
  box: Box,
});
export type OcrWord = z.infer<typeof OcrWord>;

/** What the OCR engine read in one image, and how long it took. */
export const OcrReading = z.object({
  /** In tesseract's reading order: blocks, then lines, then words. */
  words: z.array(OcrWord),
  /** Image size in pixels. */
  width: z.number().int().positive(),
  height: z.number().int().positive(),
  /** Starting the engine (worker, core, English model) for this image; null when it was already warm. */
  workerStartMs: z.number().nonnegative().nullable(),
  recognizeMs: z.number().nonnegative(),
});
export type OcrReading = z.infer<typeof OcrReading>;

/** An OcrReading as the background returns it, with the cost of opening the offscreen document. */
export const ImageText = OcrReading.extend({
  /** Creating the offscreen document for this image; null when it was already open. */
  documentStartMs: z.number().nonnegative().nullable(),
});
export type ImageText = z.infer<typeof ImageText>;
