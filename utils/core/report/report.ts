/**
 * The critique as one self-contained HTML file, for people first. It opens with a summary: the
 * score, the three findings that cost the most with their fixes, the annotated screenshot and,
 * when they exist, the page before and with the plan previewed, the verification, and the
 * generated image with its OCR check and what the model cost. All findings and the content
 * check follow; the score by category, the blueprint, the CSS patch and the timings are
 * collapsed at the end. Every string from the page, a model or a file is escaped; every image
 * is a data URL inside the file, and the only other file it names is a relative link.
 */
import { basisLabel } from '@/utils/core/measure/format';
import { SCORE_WEIGHTS } from '@/utils/core/measure/score';
import { contentCheckPassed, describeContentCheck, isSameContent } from '@/utils/core/plan/validate';
import { structureLine } from '@/utils/core/render/structure';
import { escapeHtml as e, htmlDocument } from '@/utils/core/render/html';
import type { Finding } from '@/utils/core/schemas/finding';
import type { ContentCheck } from '@/utils/core/schemas/plan';
import type { Critique } from '@/utils/core/schemas/record';
import { generatedHtml, spendHtml } from '@/utils/core/report/modelHtml';
import { REPORT_CSS } from '@/utils/core/report/reportStyle';
import { topFindings } from '@/utils/core/report/topFindings';
import { verifyHtml } from '@/utils/core/report/verifyHtml';

/** Pictures for the report, each a `data:image/…;base64,` URL; anything else is left out. */
export interface ReportImages {
  /** `annotated.png`: the capture with the regions with findings numbered. */
  annotated?: string;
  /** The capture as taken, and the capture of the page with the plan previewed (`after.png`). */
  before?: string;
  after?: string;
  /** The image model's picture of the next state. */
  generated?: string;
  /** A screenshot of the HTML mockup. */
  mockup?: string;
}

export interface ReportInput {
  critique: Critique;
  images: ReportImages;
  /** The mockup's relative href, e.g. `mockup.html`: a link, never loaded by the report. */
  mockupFile?: string;
}

/** Nothing loads from anywhere: images are data URLs, styles are inline. */
export const REPORT_CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:";

const SEVERITIES: readonly Finding['severity'][] = ['critical', 'major', 'minor', 'info'];

/** `'Go' is smaller than 24 × 24 px. Fix: add padding 5 px 3 px.`: a finding in one plain line. */
export const findingLine = (f: Finding) => `${f.title}${f.fix ? `. Fix: ${f.fix}` : ''}`;
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

/**
 * One finding: its title, why it matters and what to change when it says so, else its detail;
 * the raw measures (the detail) on a quiet line below a fix.
 */
function findingHtml(f: Finding, heading: 'h3' | 'h4'): string {
  const advice = f.fix
    ? `<p class="fix"><strong>Fix:</strong> ${e(f.fix)}</p><p class="meta">${e(f.detail)}</p>`
    : `<p>${e(f.detail)}</p>`;
  return (
    `<article class="finding ${f.severity}"><${heading}>${e(f.title)}</${heading}>` +
    (f.why ? `<p class="why">${e(f.why)}</p>` : '') +
    advice +
    `<p class="meta">${e(f.severity)} · ${e(f.category)} · basis: ${e(basisLabel(f))} · confidence ${Math.round(f.confidence * 100)}%` +
    `${f.rule ? ` · ${e(f.rule)}` : ''}</p>` +
    `${f.regionIds.length > 0 ? `<p>Regions ${badges(f.regionIds)}</p>` : ''}</article>`
  );
}

function findingsHtml(findings: readonly Finding[]): string {
  if (findings.length === 0) return none('No findings.');
  return SEVERITIES.flatMap((severity) => {
    const group = findings.filter((f) => f.severity === severity);
    if (group.length === 0) return [];
    return [
      `<h3>${e(severity[0]?.toUpperCase() + severity.slice(1))} (${group.length})</h3>`,
      ...group.map((f) => findingHtml(f, 'h4')),
    ];
  }).join('\n');
}

/** Findings the user ignored on this page, folded, with their reasons; they still count in the score. */
function ignoredHtml({ ignored }: Critique): string {
  if (ignored.length === 0) return '';
  const items = ignored.map(
    ({ finding: f, reason }) =>
      `<li>${e(f.title)} <span class="meta">(${e(f.severity)} · ${e(f.category)}) · ${reason ? `reason: ${e(reason)}` : 'no reason given'}</span></li>`,
  );
  return collapsed(
    `Ignored (${ignored.length})`,
    `<p class="meta">Ignored in the side panel for this page; still counted in the score.</p><ul>${items.join('')}</ul>`,
  );
}

const collapsed = (title: string, content: string) =>
  `<details><summary>${e(title)}</summary>\n${content}\n</details>`;

function picture(src: string, alt: string, caption: string): string {
  return `<figure><img class="shot" src="${e(src)}" alt="${e(alt)}"><figcaption>${e(caption)}</figcaption></figure>`;
}

/** The score, and with a preview, what it becomes with the plan on the page. */
function scoreHtml(critique: Critique): string {
  if (!critique.score) return none('No score: the critique ended before its measure stage.');
  const after = critique.verify
    ? ` → <strong>${Math.round(critique.verify.scoreAfter)}</strong> / 100 with the plan on the page`
    : '';
  return `<p class="score" data-score><strong>${e(String(Math.round(critique.score.value)))}</strong> / 100${after}</p>`;
}

function summaryHtml(critique: Critique, images: Record<keyof ReportImages, string | null>): string {
  const top = topFindings(critique.findings);
  const { verify } = critique;
  const parts = [
    '<h2 id="summary">Summary</h2>',
    scoreHtml(critique),
    `<h2 id="top">${top.length > 0 ? `The ${top.length === 1 ? 'finding' : `${top.length} findings`} to fix first` : 'Findings to fix first'}</h2>`,
    top.length > 0
      ? top.map((f) => findingHtml(f, 'h3')).join('\n')
      : none('Nothing to fix: no finding costs the page any score.'),
    '<h2 id="annotated">Annotated screenshot</h2>',
    images.annotated
      ? picture(
          images.annotated,
          'Screenshot of the page with numbered regions',
          'Numbered: the regions with findings. Faint outlines: the other regions.',
        )
      : none('No screenshot was captured.'),
  ];
  if (images.after)
    parts.push(
      '<h2 id="before-after">Before and after</h2>',
      `<div class="pair">${images.before ? picture(images.before, 'The page before', 'Before') : ''}` +
        `${picture(images.after, 'The page with the plan previewed on it', 'With the plan (after.png)')}</div>`,
    );
  if (verify)
    parts.push(
      '<h2 id="verify">Verification</h2>',
      `<p class="counts" data-verify-counts>${verify.resolved.length} resolved · ${verify.still.length} still · ${verify.new.length} new · ${verify.gone.length} gone</p>`,
      verifyHtml(verify, badges),
    );
  parts.push(generatedHtml(critique, images.generated, badges));
  const spend = spendHtml(critique);
  if (spend) parts.push('<h3 id="spend">What the model cost</h3>', spend);
  return parts.filter(Boolean).join('\n');
}

function alternativeHtml(critique: Critique, mockupFile: string | null, mockupPng: string | null): string {
  const { contentCheck: check } = critique;
  if (!check) return none('No plan: the critique ended before its plan stage.');
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
    mockupPng ? picture(mockupPng, 'Screenshot of the HTML mockup', 'The HTML mockup') : '',
    mockupFile ? `<p><a href="${e(mockupFile)}">Open the HTML mockup</a> (next to this file)</p>` : '',
  ].join('\n');
}

function blueprintHtml({ blueprint }: Critique): string {
  if (!blueprint) return none('No blueprint.');
  return [
    `<p>Type scale ${e(String(blueprint.typeScale.base))}px × ${e(String(blueprint.typeScale.ratio))}, spacing unit ${blueprint.spacingUnit}px.</p>`,
    table(
      ['Section', 'Source', 'Emphasis', 'Regions'],
      blueprint.sections.map((s) => [e(s.id), e(s.source), e(s.emphasis), badges(s.regionIds)]),
    ),
  ].join('\n');
}

function cssPatchHtml({ cssPatch }: Critique): string {
  if (!cssPatch || cssPatch.length === 0) return none('No CSS changes.');
  return list(
    cssPatch.map(
      (p) =>
        `${badges([p.regionId])} ${Object.entries(p.declarations)
          .map(([property, value]) => `<code>${e(`${property}: ${value ?? ''}`)}</code>`)
          .join(' ')}`,
    ),
  );
}

export function renderReport(input: ReportInput): string {
  const { critique } = input;
  const image = (src: string | undefined) => (src && IMAGE_DATA_URL.test(src) ? src : null);
  const images = {
    annotated: image(input.images.annotated),
    before: image(input.images.before),
    after: image(input.images.after),
    generated: image(input.images.generated),
    mockup: image(input.images.mockup),
  };
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
      `<p>Page <code>${e(critique.url)}</code> · engine <code>${e(critique.engine)}</code> · ${critique.regions.length} regions · ${critique.findings.length} findings</p>`,
      '<p class="caveat">The score is a heuristic for comparing versions of one page, not a conformance verdict. The alternative is a plan to check, not a fact.</p>',
      summaryHtml(critique, images),
      `<h2 id="findings">All findings (${critique.findings.length})</h2>`,
      findingsHtml(critique.findings),
      ignoredHtml(critique),
      '<h2 id="alternative">Clearer alternative</h2>',
      alternativeHtml(critique, relative(input.mockupFile), images.mockup),
      '<h2 id="more">More</h2>',
      collapsed('Score by category', table(['Category', 'Score', 'Weight'], breakdown)),
      collapsed('Blueprint', blueprintHtml(critique)),
      collapsed('CSS patch', cssPatchHtml(critique)),
      collapsed('Timings', table(['Step', 'Time'], timings)),
      collapsed(`Notes (${critique.notes.length})`, messages(critique.notes, 'No notes.')),
      '<h2 id="errors">Errors</h2>',
      messages(critique.errors, 'No errors.'),
      '</main></body>',
    ],
  });
}
