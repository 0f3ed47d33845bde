/**
 * A job that was `queued` or `running` when the worker stopped can never finish by itself:
 * on the next start it is marked `interrupted`, with the stage it stopped in, so the panel
 * offers to resume it from its last finished stage instead of showing an endless spinner.
 */
import type { HistoryDb } from '@/utils/extension/history/db';
import { CritiqueRecord } from '@/utils/core/schemas/record';

export async function markInterrupted(db: HistoryDb): Promise<string[]> {
  const stale = await db.critiques.where('job.state').anyOf('queued', 'running').toArray();
  const ids: string[] = [];
  for (const row of stale) {
    const parsed = CritiqueRecord.safeParse(row);
    if (!parsed.success) continue;
    const record = parsed.data;
    const stage = record.job.stage ?? record.job.stages.find((s) => s.status !== 'done')?.name ?? null;
    for (const entry of record.job.stages) {
      if (entry.status === 'running')
        Object.assign(entry, { status: 'failed', error: 'stopped with the worker' });
    }
    record.job = {
      ...record.job,
      state: 'interrupted',
      stage,
      progress: null,
      error: `The browser stopped Restage’s background worker${stage ? ` during the ${stage} stage` : ''}; Resume continues from the last finished stage, or start a new critique.`,
    };
    record.updatedAt = Date.now();
    await db.critiques.put(record);
    ids.push(record.id);
  }
  return ids;
}
