/**
 * Judges a `web-ext lint` report (Mozilla's addons-linter, the checks addons.mozilla.org runs) on
 * the Firefox build: any error fails, and so does any warning that is not one of the known ones
 * below. A known warning is recognised by its code, its file and the bundled source it points
 * at, so a new finding of the same code elsewhere still fails.
 */
import { z } from 'zod';

const LintMessage = z.object({
  code: z.string(),
  message: z.string(),
  file: z.string().optional(),
  line: z.number().optional(),
  column: z.number().optional(),
});
export type LintMessage = z.infer<typeof LintMessage>;

/** The part of `web-ext lint --output json` read here. */
export const LintReport = z.object({
  summary: z.object({ errors: z.number(), warnings: z.number(), notices: z.number() }),
  errors: z.array(LintMessage),
  warnings: z.array(LintMessage),
  notices: z.array(LintMessage),
});
export type LintReport = z.infer<typeof LintReport>;

export interface KnownWarning {
  code: string;
  file: RegExp;
  /** Text found within 400 characters of the warning's line and column. */
  source: RegExp;
  why: string;
}

/** Every warning the Firefox build is allowed, with its reason (also listed in the README). */
export const KNOWN_WARNINGS: KnownWarning[] = [
  {
    code: 'DANGEROUS_EVAL',
    file: /^(background\.js|content-scripts\/page\.js|chunks\/[\w-]+\.js)$/,
    source: /jitless[\s\S]*Function\(``\)/,
    why: "zod 4's check whether it may compile validators with `new Function` (`Function('')` in a try). What it would compile is generated from Restage's own schemas, never from page or model text; where the CSP forbids eval (extension pages) the check fails and zod validates without compiling.",
  },
  {
    code: 'UNSAFE_VAR_ASSIGNMENT',
    file: /^chunks\/[\w-]+\.js$/,
    source: /dangerouslySetInnerHTML/,
    why: "React DOM's `dangerouslySetInnerHTML` branch. Restage never passes that property, so the branch never runs.",
  },
  {
    code: 'UNSAFE_VAR_ASSIGNMENT',
    file: /^(content-scripts\/page\.js|chunks\/html2canvas-[\w-]+\.js)$/,
    source: /innerHTML=typeof``\.repeat==`function`\?`&#128104;`\.repeat\(10\)/,
    why: "html2canvas's font-support probe writes a fixed string (ten `&#128104;` entities) into its own test element; no page or model text goes through it.",
  },
];

export interface LintVerdict {
  ok: boolean;
  /** One line per problem: each error and each unknown warning. */
  problems: string[];
  /** The known warnings met, each with its reason. */
  known: { warning: LintMessage; why: string }[];
}

const where = (m: LintMessage) => `${m.file ?? 'manifest'}${m.line ? `:${m.line}:${m.column ?? 0}` : ''}`;

/** `readSource(file, line)` returns that line of the built file, or null. */
export function judgeLint(
  report: LintReport,
  readSource: (file: string, line: number) => string | null,
): LintVerdict {
  const problems = report.errors.map((m) => `error ${m.code} at ${where(m)}: ${m.message}`);
  const known: LintVerdict['known'] = [];
  for (const warning of report.warnings) {
    const text = warning.file && warning.line ? (readSource(warning.file, warning.line) ?? '') : '';
    const column = warning.column ?? 0;
    const near = text.slice(Math.max(0, column - 400), column + 400);
    const match = KNOWN_WARNINGS.find(
      (k) => k.code === warning.code && k.file.test(warning.file ?? '') && k.source.test(near),
    );
    if (match) known.push({ warning, why: match.why });
    else problems.push(`warning ${warning.code} at ${where(warning)}: ${warning.message}`);
  }
  return { ok: problems.length === 0, problems, known };
}
