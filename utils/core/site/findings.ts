/**
 * Findings across the pages of a site. A kind of finding that every page raises is a site-wide
 * problem (a style sheet's, a template's): it is shown once, not once per page, and left out of
 * the worst findings so they name what differs from page to page.
 */
import { rankFindings } from '@/utils/core/report/topFindings';
import type { Finding } from '@/utils/core/schemas/finding';
import type { RepeatingFinding, SiteFinding } from '@/utils/core/site/summary';

const SEVERITIES: readonly Finding['severity'][] = ['critical', 'major', 'minor', 'info'];

/** A page that was done: its folder name and findings. */
export interface DonePage {
  slug: string;
  findings: readonly Finding[];
}

/**
 * What makes two findings on different pages the same problem. A measured finding has a rule,
 * and each rule is one kind of finding (utils/core/measure/rules.ts), whatever words of its page the
 * title quotes. A model's finding may have none: then its category and its title with the page's
 * own words (quoted text) and figures taken out, so "'Buy' is 12 px" and "'Save' is 11 px" match.
 */
export function findingKind(finding: Finding): string {
  if (finding.rule) return finding.rule;
  const title = finding.title
    .toLowerCase()
    .replace(/'[^']*'|"[^"]*"|‘[^’]*’|“[^”]*”/g, ' ')
    .replace(/\d+(?:[.,]\d+)*/g, ' ')
    .replace(/[^\p{L}]+/gu, ' ')
    .trim();
  return `${finding.category}:${title}`;
}

/**
 * The kinds of finding raised on every page that was done, at least two pages; most severe
 * first, then the most raised. One page alone repeats nothing.
 */
export function repeatingFindings(pages: readonly DonePage[]): RepeatingFinding[] {
  if (pages.length < 2) return [];
  const kinds = new Map<
    string,
    { pages: Set<string>; all: Finding[]; example: { slug: string; title: string } }
  >();
  for (const page of pages)
    for (const finding of page.findings) {
      const kind = findingKind(finding);
      const entry = kinds.get(kind) ?? {
        pages: new Set(),
        all: [],
        example: { slug: page.slug, title: finding.title },
      };
      entry.pages.add(page.slug);
      entry.all.push(finding);
      kinds.set(kind, entry);
    }
  const slugs = new Set(pages.map((p) => p.slug));
  return [...kinds]
    .filter(([, entry]) => entry.pages.size === slugs.size)
    .map(([kind, entry]) => ({
      kind,
      category: entry.all[0]!.category,
      severity: SEVERITIES[Math.min(...entry.all.map((f) => SEVERITIES.indexOf(f.severity)))]!,
      example: entry.example,
      findings: entry.all.length,
    }))
    .sort(
      (a, b) =>
        SEVERITIES.indexOf(a.severity) - SEVERITIES.indexOf(b.severity) ||
        b.findings - a.findings ||
        a.kind.localeCompare(b.kind),
    );
}

/**
 * The findings that cost their page the most score, across all pages, leaving out info notes and
 * the kinds that repeat on every page; at most `count`, costliest first, then most severe.
 */
export function worstFindings(
  pages: readonly DonePage[],
  repeating: readonly RepeatingFinding[],
  count = 10,
): SiteFinding[] {
  const siteWide = new Set(repeating.map((r) => r.kind));
  const all = pages.flatMap((page, pageIndex) =>
    rankFindings(page.findings)
      .filter(({ finding }) => !siteWide.has(findingKind(finding)))
      .map(({ finding, cost }, rank) => ({ page, finding, cost, pageIndex, rank })),
  );
  all.sort(
    (a, b) =>
      b.cost - a.cost ||
      SEVERITIES.indexOf(a.finding.severity) - SEVERITIES.indexOf(b.finding.severity) ||
      a.rank - b.rank ||
      a.pageIndex - b.pageIndex,
  );
  return all.slice(0, count).map(({ page, finding, cost }) => ({
    slug: page.slug,
    title: finding.title,
    severity: finding.severity,
    category: finding.category,
    rule: finding.rule,
    fix: finding.fix,
    cost,
  }));
}
