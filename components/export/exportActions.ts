/**
 * What each Export menu item does with a saved critique (and the check of it, when there is
 * one): it reads the record's images from IndexedDB, builds the text with the same builders as
 * the CLI (utils/core/report/), and puts it on the clipboard or downloads it. Each returns the
 * sentence the menu shows. Nothing here reads settings: a record holds no key, and its images
 * and text were masked before they were saved.
 */
import { blobToDataUrl } from '@/utils/core/dataUrl';
import { readArtifact } from '@/utils/extension/history/read';
import { toCritique } from '@/utils/core/jobs/record';
import { planStylesheet } from '@/utils/core/report/exportCss';
import { critiqueHtml, critiqueMarkdown, exportFileName, issueText } from '@/utils/core/report/exportText';
import { renderReport } from '@/utils/core/report/report';
import type { ArtifactRef, Critique, CritiqueRecord } from '@/utils/core/schemas/record';
import { mockupPng } from '@/components/export/mockupPng';

export interface ExportSource {
  record: CritiqueRecord;
  /** A check of the record: its verification goes into every export, its capture is `after`. */
  check: CritiqueRecord | null;
  /** Restage's version, from the manifest. */
  version: string;
}

/** The critique as `critique.json` has it, with the check's verification when there is one. */
export function exportedCritique({ record, check }: ExportSource): Critique {
  const critique = toCritique(record);
  const verify = check?.job.state === 'done' ? check.draft.verify : null;
  return verify ? { ...critique, verify } : critique;
}

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

async function blobOf(ref: ArtifactRef | null | undefined): Promise<Blob | null> {
  return ref?.stored ? readArtifact(ref.id) : null;
}

const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

/**
 * The image as PNG bytes. Captures are PNG; a generated image is stored as the server sent it,
 * which may be JPEG or WebP whatever the blob's type says, so the bytes decide.
 */
async function asPng(blob: Blob): Promise<Blob> {
  const head = new Uint8Array(await blob.slice(0, 8).arrayBuffer());
  if (PNG_SIGNATURE.every((byte, i) => head[i] === byte)) return new Blob([blob], { type: 'image/png' });
  const bitmap = await createImageBitmap(blob);
  const canvas = new OffscreenCanvas(bitmap.width, bitmap.height);
  canvas.getContext('2d')!.drawImage(bitmap, 0, 0);
  bitmap.close();
  return canvas.convertToBlob({ type: 'image/png' });
}

/**
 * A download through an `<a download>` and a blob URL, which needs no `downloads` permission.
 * The URL is revoked a minute later, long after the browser has started reading it.
 */
function download(blob: Blob, name: string): void {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  a.hidden = true;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

const name = (source: ExportSource, part: string, ext: string) =>
  exportFileName(source.record.url, source.record.createdAt, part, ext);

/** The record's pictures as the report and the image downloads name them. */
export interface ExportImages {
  annotated: Blob | null;
  before: Blob | null;
  after: Blob | null;
  generated: Blob | null;
}

export async function exportImages({ record, check }: ExportSource): Promise<ExportImages> {
  const [annotated, before, after, generated] = await Promise.all([
    blobOf(record.draft.annotated),
    blobOf(record.draft.shot?.image),
    blobOf(check?.preview ? check.draft.shot?.image : null),
    blobOf(record.draft.image),
  ]);
  return { annotated, before, after, generated };
}

export async function copyMarkdown(source: ExportSource): Promise<string> {
  const critique = exportedCritique(source);
  const { annotated } = await exportImages(source);
  const input = {
    critique,
    version: source.version,
    createdAt: source.record.createdAt,
    annotatedFile: annotated ? name(source, 'annotated', 'png') : null,
  };
  const markdown = critiqueMarkdown(input);
  const html = critiqueHtml({
    ...input,
    annotatedDataUrl: annotated ? await blobToDataUrl(annotated) : null,
  });
  await navigator.clipboard.write([
    new ClipboardItem({
      'text/plain': new Blob([markdown], { type: 'text/plain' }),
      'text/html': new Blob([html], { type: 'text/html' }),
    }),
  ]);
  return `Copied ${plural(critique.findings.length, 'finding')} as Markdown.`;
}

export async function copyIssue(source: ExportSource): Promise<string> {
  const critique = exportedCritique(source);
  const issue = issueText({
    critique,
    version: source.version,
    createdAt: source.record.createdAt,
    annotatedFile: null,
  });
  await navigator.clipboard.writeText(issue.text);
  const fixes = critique.findings.filter((f) => f.severity !== 'info').length;
  return `Copied the issue “${issue.title}” with ${plural(fixes, 'finding')} and their fixes.`;
}

export async function copyCss(source: ExportSource): Promise<string> {
  const sheet = planStylesheet(exportedCritique(source));
  if (sheet.rules === 0) throw new Error('The plan changes no CSS, so there is nothing to copy.');
  await navigator.clipboard.writeText(sheet.css);
  const left =
    sheet.skipped.length > 0
      ? ` (${plural(sheet.skipped.length, 'region')} inside a shadow root or frame left out, named in a comment)`
      : '';
  return `Copied the plan’s CSS: ${plural(sheet.rules, 'rule')}, one per region${left}.`;
}

export async function downloadReport(source: ExportSource): Promise<string> {
  const critique = exportedCritique(source);
  const images = await exportImages(source);
  // The CLI's report shows the mockup's picture too; one that cannot be drawn is left out, said.
  const mockup = await mockupImage(source).catch(() => undefined);
  const url = async (blob: Blob | null | undefined) => (blob ? blobToDataUrl(blob) : undefined);
  const html = renderReport({
    critique,
    images: {
      annotated: await url(images.annotated),
      before: await url(images.before),
      after: await url(images.after),
      generated: await url(images.generated && (await asPng(images.generated))),
      mockup: await url(mockup),
    },
  });
  const file = name(source, 'report', 'html');
  download(new Blob([html], { type: 'text/html' }), file);
  const missing =
    mockup === undefined && source.record.draft.mockup?.stored
      ? ' The mockup could not be drawn, so its picture is left out.'
      : '';
  return `Downloaded ${file} (${Math.round(html.length / 1024).toLocaleString('en-US')} KB, every picture inside it).${missing}`;
}

export async function downloadJson(source: ExportSource): Promise<string> {
  const file = name(source, 'critique', 'json');
  const json = `${JSON.stringify(exportedCritique(source), null, 2)}\n`;
  download(new Blob([json], { type: 'application/json' }), file);
  return `Downloaded ${file}.`;
}

/** The mockup drawn as a PNG at the page's viewport size (./mockupPng.ts); null when none was saved. */
async function mockupImage({ record }: ExportSource): Promise<Blob | null> {
  const html = await blobOf(record.draft.mockup);
  const viewport = record.draft.extraction?.viewport;
  if (!html || !viewport) return null;
  return mockupPng(await html.text(), viewport.width, viewport.height);
}

export async function downloadImages(source: ExportSource): Promise<string> {
  const images = await exportImages(source);
  let mockup: Blob | null = null;
  let failed = '';
  try {
    mockup = await mockupImage(source);
  } catch (error) {
    failed = ` The mockup could not be drawn (${(error as Error).message}); Download mockup saves its HTML.`;
  }
  const files: [Blob | null, string][] = [
    [images.annotated, 'annotated'],
    [images.after, 'after'],
    [mockup, 'mockup'],
    [images.generated, 'generated'],
  ];
  const present = files.filter((f): f is [Blob, string] => f[0] !== null);
  if (present.length === 0) throw new Error(`This critique saved no images.${failed}`);
  const names: string[] = [];
  for (const [blob, part] of present) {
    const file = name(source, part, 'png');
    download(await asPng(blob), file);
    names.push(file);
  }
  return `Downloaded ${plural(names.length, 'image')}: ${names.join(', ')}.${failed}`;
}

export async function downloadMockup(source: ExportSource): Promise<string> {
  const blob = await blobOf(source.record.draft.mockup);
  if (!blob) throw new Error('The mockup was not saved.');
  const file = name(source, 'mockup', 'html');
  download(new Blob([blob], { type: 'text/html' }), file);
  return `Downloaded ${file}.`;
}
