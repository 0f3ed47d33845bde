import type { CritiqueRecord } from '@/utils/core/schemas/record';

/**
 * Ignoring or restoring a finding in the critique shown: the finding moves between `findings`
 * and `ignored` at once, and nothing else changes (the score already counts both).
 */
export function ignoreInRecord(
  record: CritiqueRecord,
  findingId: string,
  reason: string | null,
  at: number,
): CritiqueRecord {
  const finding = record.draft.findings.find((f) => f.id === findingId);
  if (!finding) return record;
  const draft = {
    ...record.draft,
    findings: record.draft.findings.filter((f) => f !== finding),
    ignored: [...record.draft.ignored, { finding, reason, at }],
  };
  return { ...record, draft, updatedAt: at };
}

export function restoreInRecord(record: CritiqueRecord, findingId: string, at: number): CritiqueRecord {
  const entry = record.draft.ignored.find((i) => i.finding.id === findingId);
  if (!entry) return record;
  const draft = {
    ...record.draft,
    findings: [...record.draft.findings, entry.finding],
    ignored: record.draft.ignored.filter((i) => i !== entry),
  };
  return { ...record, draft, updatedAt: at };
}
