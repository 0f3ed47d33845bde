/** A plan: the CSS patch (every value checked against the CSS grammar), blueprint and mockup structure. */
import { z } from 'zod';
import { checkDeclaration } from '@/utils/core/plan/cssGrammar';
import { ALLOWED_CSS_PROPERTIES } from '@/utils/core/plan/cssProperties';
import { RegionId } from '@/utils/core/schemas/region';

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
