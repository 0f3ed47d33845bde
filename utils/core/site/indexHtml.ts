/**
 * `index.html` of a site run: one self-contained page with every page's score and a link to its
 * report, the problems every page shares (shown once), the worst findings across the site, and
 * the pages that failed with their reason. It loads nothing: thumbnails are data URLs, styles
 * inline, and the only files it names are the pages' folders beside it.
 */
import { REPORT_CSP } from '@/utils/core/report/report';
import { REPORT_CSS } from '@/utils/core/report/reportStyle';
import { escapeHtml as e, htmlDocument } from '@/utils/core/render/html';
import type { SitePage, SiteSummary } from '@/utils/core/site/summary';

const SITE_CSS = `
.thumb { width: 120px; height: 80px; object-fit: cover; object-position: top; border: 1px solid #d0d7de; display: block; }
.failed { color: #cf222e; font-weight: 600; }
td.num { text-align: right; font-variant-numeric: tabular-nums; }
.sev { text-transform: uppercase; font-size: 12px; font-weight: 600; }
`;
const IMAGE_DATA_URL = /^data:image\/(png|jpeg);base64,[a-z0-9+/=]+$/i;

const reportLink = (page: SitePage, text: string) =>
  page.written ? `<a href="${e(page.slug)}/report.html">${text}</a>` : text;

function pagesTable(summary: SiteSummary, thumbs: Readonly<Record<string, string>>): string {
  const rows = summary.pages.map((page) => {
    const thumb = thumbs[page.slug];
    const picture = thumb && IMAGE_DATA_URL.test(thumb) ? `<img class="thumb" src="${thumb}" alt="">` : '';
    const name = `${reportLink(page, e(page.title || page.slug))}<br><code>${e(page.target)}</code>`;
    const state =
      page.state === 'done'
        ? 'done'
        : `<span class="failed">failed</span><br>${e(page.reason ?? 'Unknown error.')}`;
    return [
      picture,
      name,
      state,
      page.score === null ? '–' : String(Math.round(page.score)),
      page.state === 'done' || page.written ? String(page.findings) : '–',
      `${page.seconds.toFixed(1)} s`,
    ];
  });
  const head = ['', 'Page', 'State', 'Score', 'Findings', 'Time'];
  return `<table><thead><tr>${head.map((h) => `<th scope="col">${h}</th>`).join('')}</tr></thead><tbody>${rows
    .map(
      (cells) =>
        `<tr>${cells.map((cell, i) => `<td${i >= 3 ? ' class="num"' : ''}>${cell}</td>`).join('')}</tr>`,
    )
    .join('')}</tbody></table>`;
}

function repeatingHtml(summary: SiteSummary, done: number): string {
  if (done < 2) return '<p class="quiet">Fewer than two pages were done: nothing can repeat.</p>';
  if (summary.repeating.length === 0)
    return '<p class="quiet">No kind of finding is raised on every page.</p>';
  return `<ul>${summary.repeating
    .map(
      (r) =>
        `<li><span class="sev">${e(r.severity)}</span> <code>${e(r.kind)}</code> (${e(r.category)}), ${r.findings} findings on ${done} pages. For example, on ${e(r.example.slug)}: ${e(r.example.title)}</li>`,
    )
    .join('')}</ul>`;
}

function worstHtml(summary: SiteSummary): string {
  if (summary.worst.length === 0) return '<p class="quiet">No finding costs any page score.</p>';
  const bySlug = new Map(summary.pages.map((p) => [p.slug, p]));
  return `<ol>${summary.worst
    .map((f) => {
      const page = bySlug.get(f.slug);
      const where = page ? reportLink(page, e(page.title || page.slug)) : e(f.slug);
      return `<li><span class="sev">${e(f.severity)}</span> ${e(f.title)}, on ${where} (−${f.cost} ${f.cost === 1 ? 'point' : 'points'})${f.fix ? `<br>Fix: ${e(f.fix)}` : ''}</li>`;
    })
    .join('')}</ol>`;
}

export function renderSiteIndex(summary: SiteSummary, thumbs: Readonly<Record<string, string>> = {}): string {
  const done = summary.pages.filter((p) => p.state === 'done').length;
  const failed = summary.pages.length - done;
  return htmlDocument({
    lang: 'en',
    csp: REPORT_CSP,
    title: `Restage site critique: ${summary.source.location}`,
    head: [`<style>${REPORT_CSS}${SITE_CSS}</style>`],
    body: [
      '<body><main>',
      '<h1>Restage site critique</h1>',
      `<p>${summary.source.kind === 'sitemap' ? 'Sitemap' : 'List'} <code>${e(summary.source.location)}</code> · ${summary.pages.length} pages: ${done} done, ${failed} failed · ${summary.jobs} browsers · ${summary.seconds.toFixed(1)} s (${summary.pagesPerMinute.toFixed(1)} pages a minute)</p>`,
      ...summary.notes.map((note) => `<p class="quiet">${e(note)}</p>`),
      '<p class="caveat">Each score is a heuristic for comparing versions of one page, not a conformance verdict.</p>',
      `<h2 id="pages">Pages (${summary.pages.length})</h2>`,
      pagesTable(summary, thumbs),
      `<h2 id="repeating">On every page (${summary.repeating.length})</h2>`,
      repeatingHtml(summary, done),
      `<h2 id="worst">Worst findings (${summary.worst.length})</h2>`,
      '<p class="quiet">Costliest first, in points of their page’s score; those on every page are listed above instead.</p>',
      worstHtml(summary),
      '</main></body>',
    ],
  });
}
