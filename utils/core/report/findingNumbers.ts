/**
 * The numbers exports give findings (#1, #2, …): worst first, in the order the panel lists
 * them, so the Markdown, the issue text and the stylesheet's comments name the same finding
 * by the same number.
 */
import type { Finding } from '@/utils/core/schemas/finding';

const SEVERITIES: readonly Finding['severity'][] = ['critical', 'major', 'minor', 'info'];

export interface NumberedFinding {
  n: number;
  finding: Finding;
}

export function numberedFindings(findings: readonly Finding[]): NumberedFinding[] {
  return [...findings]
    .sort((a, b) => SEVERITIES.indexOf(a.severity) - SEVERITIES.indexOf(b.severity))
    .map((finding, i) => ({ n: i + 1, finding }));
}
