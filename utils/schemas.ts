/**
 * The shapes every context shares: one source of truth, parsed at each trust boundary
 * (messages, storage, model output, files the CLI loads). Types are inferred from them.
 * Contracts: ../shared/DESIGN.md, "Contracts that checks rely on".
 */
import { z } from 'zod';

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
});
export type RegionStyle = z.infer<typeof RegionStyle>;

export const Region = z.object({
  id: RegionId,
  selector: z.string().min(1),
  box: Box,
  kind: RegionKind,
  tag: z.string(),
  role: z.string().nullable(),
  /** Accessible name, trimmed and capped. */
  name: z.string(),
  /** Visible text, trimmed and capped at 300 characters; `•••` for masked private content. */
  text: z.string(),
  /** Length of the whole visible text before the cap. */
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
  }),
});
export type Region = z.infer<typeof Region>;

export const Severity = z.enum(['critical', 'major', 'minor', 'info']);
export const Basis = z.enum(['measured', 'seen', 'inferred']);
export type Basis = z.infer<typeof Basis>;

export const Finding = z.object({
  id: z.string().min(1),
  title: z.string().min(1),
  /** Carries the numbers behind the finding, e.g. "r4 1.00, r7 0.97". */
  detail: z.string(),
  severity: Severity,
  category: z.enum(['contrast', 'hierarchy', 'typography', 'spacing', 'targets', 'density']),
  basis: Basis,
  /** The rule behind the finding when there is one, e.g. `wcag-1.4.3`; `needs-review` outcomes say so here too. */
  rule: z.string().optional(),
  regionIds: z.array(RegionId),
  confidence: z.number().min(0).max(1),
});
export type Finding = z.infer<typeof Finding>;

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

/** Layout and typography only: nothing that can load, run or hide content. */
export const ALLOWED_CSS_PROPERTIES = [
  'font-size',
  'font-weight',
  'line-height',
  'letter-spacing',
  'color',
  'background-color',
  'margin-top',
  'margin-bottom',
  'margin-left',
  'margin-right',
  'padding-top',
  'padding-bottom',
  'padding-left',
  'padding-right',
  'gap',
  'order',
  'max-width',
  'text-align',
] as const;

const FORBIDDEN_CSS_VALUE = /url\(|@import|expression|javascript:|[;{}<>]/i;

export const CssDeclarations = z
  .partialRecord(z.enum(ALLOWED_CSS_PROPERTIES), z.string().max(80))
  .refine((d) => Object.values(d).every((v) => !FORBIDDEN_CSS_VALUE.test(v ?? '')), {
    message: 'CSS values may not contain url(, @import, expression, javascript: or ; { } < >',
  });

export const CssPatch = z.array(z.object({ regionId: RegionId, declarations: CssDeclarations }));
export type CssPatch = z.infer<typeof CssPatch>;

export const ContentCheck = z.object({
  regions: z.number().int().nonnegative(),
  kept: z.number().int().nonnegative(),
  missing: z.array(RegionId),
  duplicated: z.array(RegionId),
  invented: z.array(z.string()),
});
export type ContentCheck = z.infer<typeof ContentCheck>;

export const Critique = z.object({
  url: z.string(),
  engine: z.union([z.literal('offline'), z.templateLiteral(['model:', z.string()])]),
  regions: z.array(Region),
  findings: z.array(Finding),
  score: z.object({ value: z.number().min(0).max(100), breakdown: z.record(z.string(), z.number()) }),
  blueprint: Blueprint,
  cssPatch: CssPatch,
  contentCheck: ContentCheck,
  timings: z.object({
    captureMs: z.number(),
    regionsMs: z.number(),
    measureMs: z.number(),
    planMs: z.number(),
    renderMs: z.number(),
    totalMs: z.number(),
  }),
  notes: z.array(z.string()),
  errors: z.array(z.string()),
});
export type Critique = z.infer<typeof Critique>;

export const DEFAULT_BASE_URL = 'https://api.openai.com/v1';

export const Viewport = z.object({
  width: z.number().positive(),
  height: z.number().positive(),
  dpr: z.number().positive(),
  scrollX: z.number(),
  scrollY: z.number(),
});
export type Viewport = z.infer<typeof Viewport>;

/** What region extraction returns: at most 200 regions, and how many were left out. */
export const Extraction = z.object({
  regions: z.array(Region).max(200),
  omitted: z.number().int().nonnegative(),
  viewport: Viewport,
  document: z.object({ width: z.number().nonnegative(), height: z.number().nonnegative() }),
  elementCount: z.number().int().nonnegative(),
  /** Time spent in the page, in ms. */
  ms: z.number().nonnegative(),
});
export type Extraction = z.infer<typeof Extraction>;

export const CaptureMode = z.enum(['viewport', 'full', 'element', 'dom']);
export type CaptureMode = z.infer<typeof CaptureMode>;

/** Pixels of the page, already masked for privacy. */
export const Shot = z.object({
  mode: CaptureMode,
  dataUrl: z.string().startsWith('data:image/png;base64,'),
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

/** Private areas to paint over, in viewport CSS pixels. */
export const MaskRects = z.object({ rects: z.array(Box), viewport: Viewport });
export type MaskRects = z.infer<typeof MaskRects>;

export const Settings = z.object({
  /** Empty means "no key": everything runs on the built-in measurement engine. */
  apiKey: z.string().trim().max(400),
  baseUrl: z.url({ protocol: /^https?$/, error: 'Base URL must be an http(s) URL' }),
  plannerModel: z.string().trim().min(1, 'Planner model is required').max(100),
  imageModel: z.string().trim().min(1, 'Image model is required').max(100),
  imageGeneration: z.boolean(),
  /** Extra CSS selectors whose content is masked before any pixels or text leave the page. */
  privateSelectors: z.array(z.string().trim().min(1).max(200)).max(50),
});
export type Settings = z.infer<typeof Settings>;

export const DEFAULT_SETTINGS: Settings = {
  apiKey: '',
  baseUrl: DEFAULT_BASE_URL,
  plannerModel: 'gpt-4.1',
  imageModel: 'gpt-image-1',
  imageGeneration: false,
  privateSelectors: [],
};

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
