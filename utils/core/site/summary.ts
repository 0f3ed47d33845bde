/**
 * `summary.json` of a site run (`npm run critique -- --urls FILE`): every page with its state,
 * score and folder, the worst findings across the site and the findings that repeat on every
 * page. Parsed with this schema wherever it is read back.
 */
import { z } from 'zod';
import { Finding, Severity } from '@/utils/core/schemas/finding';

export const SitePage = z.object({
  /** The line of the list or the sitemap's `loc`, as given. */
  target: z.string(),
  /** The URL the browser opened (a local file is served on 127.0.0.1); null when it never opened. */
  url: z.string().nullable(),
  /** The page's folder under the output folder, also its name in the index. */
  slug: z.string().regex(/^[a-z0-9]+(-[a-z0-9]+)*$/),
  state: z.enum(['done', 'failed']),
  /** Why a page failed, in one plain sentence; null when it was done. */
  reason: z.string().nullable(),
  title: z.string().nullable(),
  score: z.number().min(0).max(100).nullable(),
  findings: z.number().int().nonnegative(),
  seconds: z.number().nonnegative(),
  /** Whether the page's folder was written (a failed job still writes what it has). */
  written: z.boolean(),
});
export type SitePage = z.infer<typeof SitePage>;

/** A finding among the worst of the site: its page, and what the page's score loses to it. */
export const SiteFinding = Finding.pick({
  title: true,
  severity: true,
  category: true,
  fix: true,
  rule: true,
}).extend({
  slug: z.string(),
  /** Score points the page would gain without it (utils/core/report/topFindings.ts). */
  cost: z.number(),
});
export type SiteFinding = z.infer<typeof SiteFinding>;

/** A kind of finding raised on every page that was done: a site-wide problem, shown once. */
export const RepeatingFinding = z.object({
  /** The finding's rule, or for a finding without one its category and title with the page's own words taken out. */
  kind: z.string(),
  category: Finding.shape.category,
  /** The most severe the kind is on any page. */
  severity: Severity,
  /** The first page's finding of this kind, as an example. */
  example: z.object({ slug: z.string(), title: z.string() }),
  /** Findings of this kind across all pages (a page may raise it more than once). */
  findings: z.number().int().positive(),
});
export type RepeatingFinding = z.infer<typeof RepeatingFinding>;

export const SiteSummary = z.object({
  schemaVersion: z.literal(1),
  source: z.object({ kind: z.enum(['urls', 'sitemap']), location: z.string() }),
  jobs: z.number().int().min(1),
  startedAt: z.iso.datetime(),
  /** Wall time of the run, from starting the browsers to the last page written. */
  seconds: z.number().nonnegative(),
  /** Pages done per minute of that wall time. */
  pagesPerMinute: z.number().nonnegative(),
  /** Notes on the run as a whole, e.g. that a sitemap was cut at `--limit`. */
  notes: z.array(z.string()),
  pages: z.array(SitePage),
  worst: z.array(SiteFinding),
  repeating: z.array(RepeatingFinding),
});
export type SiteSummary = z.infer<typeof SiteSummary>;
