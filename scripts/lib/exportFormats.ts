/**
 * The critique CLI's `--format md|issue`: the same texts the panel's Export menu copies, written
 * next to `critique.json` (`critique.md`, `issue.md`), from the written critique alone.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { critiqueMarkdown, issueText } from '@/utils/core/report/exportText';
import type { Critique } from '@/utils/core/schemas/record';

export const EXPORT_FORMATS = ['md', 'issue'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];
const FILES: Record<ExportFormat, string> = { md: 'critique.md', issue: 'issue.md' };

/** `--format md --format issue` or `--format md,issue`; null names the value it does not know. */
export function parseFormats(values: readonly string[]): ExportFormat[] | { unknown: string } {
  const formats = new Set<ExportFormat>();
  for (const value of values.flatMap((v) => v.split(','))) {
    const name = value.trim();
    if (!(EXPORT_FORMATS as readonly string[]).includes(name)) return { unknown: name };
    formats.add(name as ExportFormat);
  }
  return [...formats];
}

/** Restage's version, from package.json (the panel reads the same from its manifest). */
export function restageVersion(): string {
  const file = join(import.meta.dirname, '..', '..', 'package.json');
  return z.object({ version: z.string() }).parse(JSON.parse(readFileSync(file, 'utf8'))).version;
}

/** Writes each format's file into `out`; returns the names written. */
export function writeFormats(
  formats: readonly ExportFormat[],
  critique: Critique,
  out: string,
  options: { annotated: boolean; createdAt?: number },
): string[] {
  const input = {
    critique,
    version: restageVersion(),
    createdAt: options.createdAt ?? Date.now(),
    annotatedFile: options.annotated ? 'annotated.png' : null,
  };
  for (const format of formats) {
    const text = format === 'md' ? critiqueMarkdown(input) : issueText(input).text;
    writeFileSync(join(out, FILES[format]), text);
  }
  return formats.map((f) => FILES[f]);
}
