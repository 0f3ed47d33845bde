/**
 * A critique as text to hand off: Markdown (with an HTML flavour for editors that take one,
 * the annotated image inline), and an issue for GitHub or Jira with each finding's fix and the
 * CSS that implements it. The panel's Export menu and the CLI's `--format` write the same texts.
 * They are built from the exported critique alone (`critique.json`'s shape): no setting, key
 * or unmasked text reaches them, because none is in it.
 */
import { basisLabel } from '@/utils/core/measure/format';
import { escapeHtml as e } from '@/utils/core/render/html';
import type { Finding } from '@/utils/core/schemas/finding';
import type { Critique } from '@/utils/core/schemas/record';
import { patchCss } from '@/utils/core/report/exportCss';
import { numberedFindings, type NumberedFinding } from '@/utils/core/report/findingNumbers';

export interface ExportInput {
  /** The critique, with `verify` when it is exported with a check of it. */
  critique: Critique;
  /** Restage's version, for the closing line. */
  version: string;
  /** When the critique was made (ms since the epoch). */
  createdAt: number;
  /** The annotated image's file name, which the Markdown references; null when there is none. */
  annotatedFile: string | null;
}

/** `2026-12-05`: the day in UTC, so a name does not depend on where it was made. */
const day = (at: number) => new Date(at).toISOString().slice(0, 10);

/** `restage-example-com-pricing-2026-12-05-annotated.png`: named after the page and the day. */
export function exportFileName(url: string, createdAt: number, part: string, ext: string): string {
  let page = url;
  try {
    const parsed = new URL(url);
    page = `${parsed.host}${parsed.pathname === '/' ? '' : parsed.pathname}`;
  } catch {
    // Not a URL (a file name from an old record): its characters are slugged below all the same.
  }
  const slug =
    page
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-+|-+$/g, '')
      .slice(0, 48)
      .replace(/-+$/, '') || 'page';
  return `restage-${slug}-${day(createdAt)}-${part}.${ext}`;
}

/**
 * Page text inside Markdown, never at the start of a line: one line, with the characters that
 * could start inline markup there escaped (CommonMark lets any ASCII punctuation be escaped).
 * `(`, `!` and `#` need none once `[` is escaped and the text is not first on its line; an
 * entity (`&lt;`) is kept as written.
 */
export const md = (text: string) =>
  text
    .replace(/\s+/g, ' ')
    .replace(/([\\`*_[\]<>|~])/g, '\\$1')
    .replace(/&(?=#?[a-z0-9]+;)/gi, '\\&');

const scoreText = (c: Critique) => (c.score ? `${Math.round(c.score.value)}/100` : 'no score');
const pageName = (c: Critique) => c.title.trim() || c.url;
const generated = (version: string) => `Generated with Restage ${version}`;
const regionsText = (f: Finding) => (f.regionIds.length > 0 ? f.regionIds.join(', ') : 'the whole page');

/** What a check of the critique says about a finding, by the critique's own finding id. */
function verdicts(c: Critique): Map<string, string> {
  const v = c.verify;
  const out = new Map<string, string>();
  if (!v) return out;
  for (const f of v.resolved) out.set(f.id, 'resolved');
  for (const f of v.still) out.set(f.id, f.smaller ? 'still there, on fewer regions' : 'still there');
  for (const f of v.gone) out.set(f.id, 'gone with its regions');
  for (const f of v.notRechecked) out.set(f.id, 'not re-checked (a model saw it)');
  return out;
}

/** Before and after in figures: the score, and with a check the score after and the findings' fate. */
function beforeAfter(c: Critique): string[] {
  const v = c.verify;
  if (!v)
    return [
      `Before: ${scoreText(c)}, ${c.findings.length} findings.`,
      'After: not checked yet. Preview the plan and press Check again in Restage, or run `npm run critique -- <page> --preview`.',
    ];
  const same =
    v.scoreAfterMatched === undefined
      ? ''
      : ` (${Math.round(v.scoreAfterMatched)}/100 over the same regions)`;
  return [
    `Before: ${Math.round(v.scoreBefore)}/100, ${c.findings.length} findings.`,
    `After: ${Math.round(v.scoreAfter)}/100${same}: ${v.resolved.length} resolved, ${v.still.length} still, ${v.new.length} new, ${v.gone.length} gone.`,
  ];
}

function findingMarkdown({ n, finding: f }: NumberedFinding, verdict: string | undefined): string {
  const lines = [`${n}. **${md(f.title)}** (${f.severity}, ${f.category}; regions ${regionsText(f)})`];
  if (f.why) lines.push(`   Why: ${md(f.why)}`);
  lines.push(f.fix ? `   Fix: ${md(f.fix)}` : `   Detail: ${md(f.detail)}`);
  lines.push(
    `   Basis: ${basisLabel(f)}, ${Math.round(f.confidence * 100)}% sure${f.rule ? `, ${md(f.rule)}` : ''}${verdict ? `. Check: ${verdict}` : ''}`,
  );
  return lines.join('  \n');
}

function header(input: ExportInput): string[] {
  const c = input.critique;
  return [
    `Page: <${c.url.replace(/[<>\s]/g, encodeURIComponent)}>`,
    `Score: **${scoreText(c)}** · engine ${md(c.engine)} · ${c.regions.length} regions · ${c.findings.length} findings · ${day(input.createdAt)}`,
  ];
}

/** The critique as Markdown: the page, the score, the annotated image by file name, every finding numbered. */
export function critiqueMarkdown(input: ExportInput): string {
  const c = input.critique;
  const said = verdicts(c);
  const numbered = numberedFindings(c.findings);
  const parts = [`# Restage critique: ${md(pageName(c))}`, header(input).join('  \n')];
  if (input.annotatedFile)
    parts.push(`![Annotated screenshot: regions numbered r1, r2, …](${encodeURI(input.annotatedFile)})`);
  parts.push(`## Findings (${numbered.length})`);
  parts.push(
    numbered.length > 0
      ? numbered.map((nf) => findingMarkdown(nf, said.get(nf.finding.id))).join('\n\n')
      : 'No findings.',
  );
  if (c.verify) parts.push('## Check', beforeAfter(c).join('  \n'));
  parts.push('---', generated(input.version));
  return `${parts.join('\n\n')}\n`;
}

/**
 * The page's address as a link only when it is a web page or a file: a critique.json brought in
 * from elsewhere could name a `javascript:` or `data:` address, which an editor pasting this
 * HTML would turn into a link that runs.
 */
const pageLink = (url: string) =>
  /^(https?|file):/i.test(url) ? `<a href="${e(url)}">${e(url)}</a>` : e(url);

/** The same as HTML, for the clipboard's `text/html`: the annotated image inline as a data URL. */
export function critiqueHtml(input: ExportInput & { annotatedDataUrl: string | null }): string {
  const c = input.critique;
  const said = verdicts(c);
  const numbered = numberedFindings(c.findings);
  const item = ({ n, finding: f }: NumberedFinding) => {
    const verdict = said.get(f.id);
    return (
      `<li value="${n}"><strong>${e(f.title)}</strong> (${e(f.severity)}, ${e(f.category)}; regions ${e(regionsText(f))})` +
      (f.why ? `<br>Why: ${e(f.why)}` : '') +
      (f.fix ? `<br>Fix: ${e(f.fix)}` : `<br>Detail: ${e(f.detail)}`) +
      `<br>Basis: ${e(basisLabel(f))}, ${Math.round(f.confidence * 100)}% sure${f.rule ? `, ${e(f.rule)}` : ''}` +
      `${verdict ? `. Check: ${e(verdict)}` : ''}</li>`
    );
  };
  const image = input.annotatedDataUrl?.match(/^data:image\/(png|jpeg|webp);base64,[a-z0-9+/=]+$/i)
    ? `<p><img src="${input.annotatedDataUrl}" alt="Annotated screenshot: regions numbered r1, r2, …" style="max-width:100%"></p>`
    : '';
  return [
    `<h1>Restage critique: ${e(pageName(c))}</h1>`,
    `<p>Page: ${pageLink(c.url)}<br>Score: <strong>${e(scoreText(c))}</strong> · engine ${e(c.engine)} · ${c.regions.length} regions · ${c.findings.length} findings · ${day(input.createdAt)}</p>`,
    image,
    `<h2>Findings (${numbered.length})</h2>`,
    numbered.length > 0 ? `<ol>${numbered.map(item).join('')}</ol>` : '<p>No findings.</p>',
    c.verify ? `<h2>Check</h2><p>${beforeAfter(c).map(e).join('<br>')}</p>` : '',
    `<p><em>${e(generated(input.version))}</em></p>`,
  ]
    .filter(Boolean)
    .join('\n');
}

export interface IssueText {
  title: string;
  body: string;
  /** The title as a heading, then the body: what is copied. */
  text: string;
}

/** Text to paste into a GitHub or Jira issue: numbered findings, each with its fix and its CSS. */
export function issueText(input: ExportInput): IssueText {
  const c = input.critique;
  const said = verdicts(c);
  const numbered = numberedFindings(c.findings).filter(({ finding }) => finding.severity !== 'info');
  const notes = c.findings.length - numbered.length;
  const name = pageName(c).replace(/\s+/g, ' ');
  const title = `Visual hierarchy: ${numbered.length} finding${numbered.length === 1 ? '' : 's'} on ${name.length > 80 ? `${name.slice(0, 79)}…` : name} (score ${scoreText(c)})`;
  const findings = numbered.map(({ n, finding: f }) => {
    const css = f.fixPatch && f.fixPatch.length > 0 ? patchCss(c.regions, f.fixPatch) : '';
    const verdict = said.get(f.id);
    return [
      `### ${n}. ${md(f.title)}`,
      `${f.severity} · ${f.category} · basis ${basisLabel(f)} · regions ${regionsText(f)}${f.rule ? ` · ${md(f.rule)}` : ''}${verdict ? ` · check: ${verdict}` : ''}`,
      ...(f.why ? [`Why: ${md(f.why)}`] : []),
      f.fix ? `**Fix:** ${md(f.fix)}` : `**Detail:** ${md(f.detail)}`,
      css
        ? `CSS:\n\n\`\`\`css\n${css.replace(/```/g, '')}\n\`\`\``
        : 'CSS: none derived for this fix; it is a change to make by hand.',
    ].join('\n\n');
  });
  const body = [
    '## Summary',
    [
      `Restage critiqued <${c.url.replace(/[<>\s]/g, encodeURIComponent)}> on ${day(input.createdAt)}: score ${scoreText(c)}, ${numbered.length} findings to fix${notes > 0 ? ` and ${notes} info notes (not listed)` : ''}.`,
      'The score is a heuristic for comparing versions of one page, not a conformance verdict.',
      'Each finding’s CSS is written plainly; Restage’s Copy CSS gives the whole plan with `!important`, as its preview applies it.',
    ].join(' '),
    '## Before and after',
    beforeAfter(c)
      .map((line) => `- ${line}`)
      .join('\n'),
    `## Findings (${numbered.length})`,
    ...(findings.length > 0 ? findings : ['No findings to fix.']),
    '---',
    `_${generated(input.version)}_`,
  ].join('\n\n');
  return { title, body, text: `# ${md(title)}\n\n${body}\n` };
}
