/**
 * The critique as one self-contained HTML file: score, findings with their basis, the annotated
 * screenshot, the verification (when there is one), the content check, the blueprint, the CSS patch, timings, notes and errors.
 * Every string from the page, a model or a file is escaped; the only embedded image is a data
 * URL and the only other files it points at are relative ones next to it.
 */
import { SCORE_WEIGHTS } from '@/utils/measure/score';
import { contentCheckPassed, describeContentCheck, isSameContent } from '@/utils/plan/validate';
import { structureLine } from '@/utils/render/structure';
import { escapeHtml as e, htmlDocument } from '@/utils/render/html';
import type { ContentCheck, Critique, Finding } from '@/utils/schemas';
import { REPORT_CSS } from './reportStyle';
import { verifyHtml } from './verifyHtml';

export interface ReportInput {
  critique: Critique;
  /** The annotated screenshot as a `data:image/…` URL; empty when none was taken. */
  annotatedPng: string;
  /** The mockup's relative href, e.g. `mockup.html`. */
  mockupFile: string;
  mockupPng?: string;
}

export const REPORT_CSP =
  "default-src 'none'; style-src 'unsafe-inline'; img-src data: 'self'; frame-src 'self'";

const SEVERITIES: readonly Finding['severity'][] = ['critical', 'major', 'minor', 'info'];
const IMAGE_DATA_URL = /^data:image\/(png|jpeg|webp);base64,[a-z0-9+/=]+$/i;
/** A path next to the report: no scheme (`javascript:`, `https:`), no `//host`, no absolute path. */
const RELATIVE_HREF = /^(?![a-z][a-z0-9+.-]*:)(?![/\\])[^\s"'<>\\]+$/i;

const relative = (href: string | undefined) => (href && RELATIVE_HREF.test(href) ? href : null);
const list = (items: readonly string[]) => `<ul>${items.map((i) => `<li>${i}</li>`).join('')}</ul>`;
const none = (text: string) => `<p class="quiet">${e(text)}</p>`;
const table = (head: readonly string[], rows: readonly (readonly string[])[]) =>
  `<table><thead><tr>${head.map((h) => `<th scope="col">${e(h)}</th>`).join('')}</tr></thead><tbody>${rows
    .map((row) => `<tr>${row.map((cell) => `<td>${cell}</td>`).join('')}</tr>`)
    .join('')}</tbody></table>`;

/** Region numbers as the overlay draws them: `r4` shows as 4. */
export const badges = (ids: readonly string[]) =>
  ids.map((id) => `<span class="badge" title="${e(id)}">${e(id.replace(/^r/, ''))}</span>`).join(' ');

export function contentCheckSentence(check: ContentCheck): string {
  if (!isSameContent(check))
    return `Content check failed (${describeContentCheck(check)}): the alternative does not show the same content.`;
  const words = `the alternative keeps all ${check.kept} of ${check.regions} content regions (${check.wordsKept} of ${check.words} words), each exactly once, and adds none`;
  if (check.structure === null)
    return `Content check not passed: ${words}, but the mockup’s layout was not measured.`;
  const layout = structureLine(check.structure);
  return contentCheckPassed(check)
    ? `Content check passed: ${words}; layout: ${layout}.`
    : `Content check not passed: ${words}, but the mockup loses the page’s structure (${layout}).`;
}

function findingsHtml(findings: readonly Finding[]): string {
  if (findings.length === 0) return none('No findings.');
  return SEVERITIES.flatMap((severity) => {
    const group = findings.filter((f) => f.severity === severity);
    if (group.length === 0) return [];
    const items = group.map(
      (f) =>
        `<article class="finding ${severity}"><h4>${e(f.title)}</h4>` +
        `<p class="meta">${e(f.category)} · basis: ${e(f.basis)} · confidence ${Math.round(f.confidence * 100)}%` +
        `${f.rule ? ` · ${e(f.rule)}` : ''}</p><p>${e(f.detail)}</p>` +
        `${f.regionIds.length > 0 ? `<p>Regions ${badges(f.regionIds)}</p>` : ''}</article>`,
    );
    return [`<h3>${e(severity[0]?.toUpperCase() + severity.slice(1))} (${group.length})</h3>`, ...items];
  }).join('\n');
}

function alternativeHtml(critique: Critique, mockupFile: string | null, mockupPng: string | null): string {
  const { contentCheck: check, blueprint, cssPatch } = critique;
  if (!check || !blueprint || !cssPatch) return none('No plan: the critique ended before its plan stage.');
  const ids = (names: readonly string[]) => e(names.join(', ') || 'none');
  return [
    `<p class="${contentCheckPassed(check) ? 'pass' : 'fail'}">${e(contentCheckSentence(check))}</p>`,
    table(
      ['Content regions', 'Kept', 'Missing', 'Duplicated', 'Invented'],
      [
        [
          String(check.regions),
          String(check.kept),
          ids(check.missing),
          ids(check.duplicated),
          ids(check.invented),
        ],
      ],
    ),
    mockupFile
      ? `<p><a href="${e(mockupFile)}">Open the HTML mockup</a></p><iframe src="${e(mockupFile)}" sandbox="" title="HTML mockup of the clearer alternative"></iframe>`
      : none('No mockup file.'),
    mockupPng ? `<img class="shot" src="${e(mockupPng)}" alt="Screenshot of the HTML mockup">` : '',
    `<h3>Blueprint</h3><p>Type scale ${e(String(blueprint.typeScale.base))}px × ${e(String(blueprint.typeScale.ratio))}, spacing unit ${blueprint.spacingUnit}px.</p>`,
    table(
      ['Section', 'Source', 'Emphasis', 'Regions'],
      blueprint.sections.map((s) => [e(s.id), e(s.source), e(s.emphasis), badges(s.regionIds)]),
    ),
    '<h3>CSS patch</h3>',
    cssPatch.length === 0
      ? none('No CSS changes.')
      : list(
          cssPatch.map(
            (p) =>
              `${badges([p.regionId])} ${Object.entries(p.declarations)
                .map(([property, value]) => `<code>${e(`${property}: ${value ?? ''}`)}</code>`)
                .join(' ')}`,
          ),
        ),
  ].join('\n');
}

export function renderReport(input: ReportInput): string {
  const { critique } = input;
  const shot = IMAGE_DATA_URL.test(input.annotatedPng) ? input.annotatedPng : null;
  const breakdown = Object.entries(critique.score?.breakdown ?? {}).map(([category, value]) => [
    e(category),
    e(String(Math.round(value))),
    e(String(SCORE_WEIGHTS[category as Finding['category']] ?? '—')),
  ]);
  const timings = Object.entries(critique.timings).map(([name, ms]) => [e(name), e(`${Math.round(ms)} ms`)]);
  const messages = (items: readonly string[], empty: string) =>
    items.length > 0 ? list(items.map(e)) : none(empty);
  return htmlDocument({
    lang: 'en',
    csp: REPORT_CSP,
    title: `Restage report: ${critique.url}`,
    head: [`<style>${REPORT_CSS}</style>`],
    body: [
      '<body><main>',
      '<h1>Restage critique</h1>',
      `<p>Page <code>${e(critique.url)}</code> · engine <code>${e(critique.engine)}</code> · ${critique.regions.length} regions</p>`,
      '<p class="caveat">The score is a heuristic for comparing versions of one page, not a conformance verdict. The alternative is a plan to check, not a fact.</p>',
      '<h2>Score</h2>',
      critique.score
        ? `<p class="score"><strong>${e(String(Math.round(critique.score.value)))}</strong> / 100</p>${table(['Category', 'Score', 'Weight'], breakdown)}`
        : none('No score: the critique ended before its measure stage.'),
      `<h2>Findings (${critique.findings.length})</h2>`,
      findingsHtml(critique.findings),
      '<h2>Annotated screenshot</h2>',
      shot
        ? `<img class="shot" src="${e(shot)}" alt="Screenshot of the page with numbered regions">`
        : none('No screenshot was captured.'),
      ...(critique.verify ? ['<h2>Verification</h2>', verifyHtml(critique.verify, badges)] : []),
      '<h2>Clearer alternative</h2>',
      alternativeHtml(critique, relative(input.mockupFile), relative(input.mockupPng)),
      '<h2>Timings</h2>',
      table(['Step', 'Time'], timings),
      '<h2>Notes</h2>',
      messages(critique.notes, 'No notes.'),
      '<h2>Errors</h2>',
      messages(critique.errors, 'No errors.'),
      '</main></body>',
    ],
  });
}
