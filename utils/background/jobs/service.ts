/**
 * The background's critique service: one job runner over the offline stages, saving to
 * IndexedDB and reporting over the panel ports, and the messages that drive it.
 */
import { history } from '@/utils/extension/history/db';
import { getRecord, readArtifact } from '@/utils/extension/history/read';
import { saveArtifact, saveRecord } from '@/utils/background/history/store';
import { recordFromCritique } from '@/utils/core/jobs/record';
import { onMessage, sendMessage } from '@/utils/messaging/protocol';
import { createModelClient } from '@/utils/background/model/client';
import { usesModel } from '@/utils/core/providers';
import { loadSettings } from '@/utils/extension/settings/storage';
import { getTabStatus, pinPage } from '@/utils/background/tabs/status';
import { openChannel } from '@/utils/background/jobs/channel';
import { keepAlive } from '@/utils/background/jobs/keepAlive';
import { markInterrupted } from '@/utils/background/jobs/recover';
import type { JobRequest } from '@/utils/core/jobs/record';
import { JobRunner } from '@/utils/background/jobs/runner';
import { CHECK_STAGES, CRITIQUE_STAGES, ROUND_STAGES } from '@/utils/background/jobs/stages';
import { pageOf } from '@/utils/extension/settings/locks';

const putBack = (tabId: number) => void sendMessage('hideOverlay', undefined, tabId).catch(() => undefined);

export function startJobService(): JobRunner {
  const db = history();
  const channel = openChannel(putBack);
  // Before any new job: whatever was running when the worker last stopped is interrupted now.
  const recovered = markInterrupted(db).catch((error: unknown) =>
    console.error('Restage: recovery failed', error),
  );
  const runner = new JobRunner({
    stages: { critique: CRITIQUE_STAGES, check: CHECK_STAGES, round: ROUND_STAGES },
    save: (record) => saveRecord(record, db),
    saveArtifact: (jobId, kind, blob) => saveArtifact(jobId, kind, blob, db),
    readArtifact: (id) => readArtifact(id, db),
    load: (id) => getRecord(id, db),
    latestCheck: async (critiqueId) => {
      const rows = await db.critiques
        .where('url')
        .anyOf(await urlsOf(critiqueId))
        .sortBy('createdAt');
      const row = rows.findLast(
        (r) => r.kind === 'check' && r.against === critiqueId && r.job.state === 'done',
      );
      return row ? getRecord(row.id, db) : null;
    },
    emit: (event) => channel.emit(event),
    settings: loadSettings,
    keepAlive,
    model: (settings) =>
      usesModel(settings) ? { settings, client: (purpose) => createModelClient(settings, purpose) } : null,
    pinPage,
    // A job that ends after its panel closed leaves no boxes behind on the page.
    onEnd: (record) => channel.isWatched(record.tabId) || putBack(record.tabId),
  });

  const urlsOf = async (id: string) => {
    const record = await db.critiques.get(id);
    return record ? [record.url] : [];
  };
  const start = async (
    tabId: number,
    job: Pick<JobRequest, 'kind' | 'mode' | 'request' | 'against' | 'preview' | 'refines' | 'round'>,
  ) => {
    await recovered;
    if (runner.running(tabId)) throw new Error('A critique of this tab is already running.');
    const status = await getTabStatus(tabId);
    if (!status.critiquable) throw new Error(status.reason ?? 'This page cannot be critiqued.');
    if (job.against && !(await getRecord(job.against, db)))
      throw new Error('The critique to check against is no longer in history.');
    return runner.start({ ...job, tabId, url: status.url, title: status.title });
  };
  onMessage('startCritique', ({ tabId, mode, request, against }) =>
    start(tabId, { kind: 'critique', mode, request: request || null, against, preview: false }),
  );
  onMessage('startCheck', async ({ tabId, against, preview }) => {
    const critique = await getRecord(against, db);
    return start(tabId, {
      kind: 'check',
      mode: 'viewport',
      request: null,
      against,
      preview,
      round: critique?.round ?? 1,
    });
  });
  onMessage('startRound', async ({ tabId, refines, request }) => {
    const parent = runner.inMemory(refines) ?? (await getRecord(refines, db));
    if (!parent || parent.kind !== 'critique')
      throw new Error('The round to refine is no longer in history.');
    const status = await getTabStatus(tabId);
    // Region numbers in the request are the refined round's: they mean nothing on another page.
    if (pageOf(status.url) !== pageOf(parent.url))
      throw new Error('This tab shows another page than the critique; open its page to refine it.');
    return start(tabId, {
      kind: 'critique',
      mode: parent.mode,
      request,
      against: null,
      preview: false,
      refines,
      round: parent.round + 1,
    });
  });
  onMessage('importCritique', async ({ critique }) => {
    const record = recordFromCritique(critique, crypto.randomUUID(), Date.now());
    await saveRecord(record, db);
    return record.id;
  });
  onMessage('cancelJob', ({ jobId }) => runner.cancel(jobId));
  onMessage('resumeJob', async ({ jobId }) => {
    const record = await getRecord(jobId, db);
    const status = record && (await getTabStatus(record.tabId).catch(() => null));
    if (!record || !status)
      throw new Error('The tab of this critique is closed; start a new critique instead.');
    return runner.resume(jobId, status.url);
  });
  onMessage('getJob', async ({ tabId }) => {
    await recovered;
    const running = runner.running(tabId);
    const status = await getTabStatus(tabId).catch(() => null);
    const saved = status ? await db.critiques.where('url').equals(status.url).sortBy('createdAt') : [];
    const latest = async (kind: 'critique' | 'check', against?: string) => {
      if (running?.kind === kind && (!against || running.against === against)) return running;
      const row = saved.findLast((r) => r.kind === kind && (!against || r.against === against));
      return row ? getRecord(row.id, db) : null;
    };
    const critique = await latest('critique');
    return { critique, check: critique ? await latest('check', critique.id) : null };
  });
  onMessage('getRecord', async ({ jobId }) => runner.inMemory(jobId) ?? getRecord(jobId, db));
  onMessage('retrySave', ({ jobId }) => runner.retrySave(jobId));
  return runner;
}
