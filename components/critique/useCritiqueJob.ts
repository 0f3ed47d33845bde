import { browser } from '#imports';
import { useCallback, useEffect, useRef, useState } from 'react';
import { PANEL_PORT } from '@/utils/core/constants';
import { sendMessage } from '@/utils/messaging/protocol';
import { applyEvent, holds, NO_JOB, withRecord, type PanelJob } from '@/utils/panel/jobState';
import { type CaptureMode } from '@/utils/core/schemas/capture';
import { JobEvent, type CritiqueRecord } from '@/utils/core/schemas/record';

/** The two ways the panel talks to the background; tests pass fakes. */
export interface JobTransport {
  connect(
    onEvent: (event: unknown) => void,
    onClose: () => void,
  ): { watch(tabId: number): void; close(): void };
  send: typeof sendMessage;
}

export const extensionTransport: JobTransport = {
  connect(onEvent, onClose) {
    const port = browser.runtime.connect({ name: PANEL_PORT });
    port.onMessage.addListener(onEvent);
    port.onDisconnect.addListener(onClose);
    return {
      watch: (tabId) => port.postMessage({ type: 'watch', tabId }),
      close: () => port.disconnect(),
    };
  },
  send: sendMessage,
};

/** When the worker restarts, its ports drop: reconnect after a beat and ask again. */
const RECONNECT_MS = 500;

/**
 * The tab's critique and the latest check against it: the records shown (running, or the
 * latest saved for this page) and the actions on them. Events arrive over the panel's port,
 * checked with zod; a reopened panel reattaches by asking for the tab's jobs.
 */
export function useCritiqueJob(tabId: number, transport: JobTransport = extensionTransport) {
  const [state, setState] = useState<PanelJob>(NO_JOB);
  const shown = useRef<PanelJob>(NO_JOB);
  useEffect(() => {
    shown.current = state;
  }, [state]);

  const fail = (error: unknown) =>
    setState((s) => ({ ...s, error: error instanceof Error ? error.message : String(error) }));
  const show = useCallback((record: CritiqueRecord | null) => {
    if (record) setState((s) => withRecord(s, record));
  }, []);

  useEffect(() => {
    let live = true;
    let link: ReturnType<JobTransport['connect']> | null = null;
    let retry: ReturnType<typeof setTimeout> | undefined;
    const refresh = () =>
      transport.send('getJob', { tabId }).then(
        ({ critique, check }) => {
          if (!live) return;
          show(critique);
          show(check);
        },
        () => undefined,
      );
    const onEvent = (raw: unknown) => {
      const parsed = JobEvent.safeParse(raw);
      if (!live || !parsed.success) return;
      const event = parsed.data;
      // A job this panel did not start (the CLI, another window): fetch it whole, then follow it.
      if ((event.type === 'stage' || event.type === 'partial') && !holds(shown.current, event.jobId)) {
        void transport.send('getRecord', { jobId: event.jobId }).then((record) => live && show(record));
        return;
      }
      setState((s) => applyEvent(s, event));
    };
    const open = () => {
      link = transport.connect(onEvent, () => {
        if (live) retry = setTimeout(open, RECONNECT_MS);
      });
      link.watch(tabId);
      void refresh();
    };
    open();
    return () => {
      live = false;
      clearTimeout(retry);
      link?.close();
    };
  }, [tabId, transport, show]);

  const start = useCallback(
    (mode: CaptureMode, request: string | null) =>
      transport.send('startCritique', { tabId, mode, request }).then(show, fail),
    [tabId, transport, show],
  );
  const act = <T>(id: string | undefined, run: (jobId: string) => Promise<T>) =>
    id ? run(id).catch(fail) : Promise.resolve(undefined);
  const critiqueId = () => shown.current.record?.id;
  const startCheck = (preview: boolean, against = critiqueId()) =>
    act(against, (id) => transport.send('startCheck', { tabId, against: id, preview }).then(show));
  const [previewing, setPreviewing] = useState(false);
  return {
    record: state.record,
    check: state.check,
    error: state.error,
    start,
    /** Checks the page now against the critique shown (or `against`), with its plan previewed on the page or not. */
    startCheck,
    /** Whether this panel put a plan on the page (Preview on page, or a round's Preview). */
    previewing,
    /** Puts the plan of the critique shown (or `against`) on the page and checks it, or takes it off. */
    preview: async (on: boolean, against?: string) => {
      setPreviewing(on);
      if (on) return startCheck(true, against);
      await transport.send('revertPreview', undefined, tabId).catch(fail);
    },
    /** Starts a round refining the critique shown (or `refines`) by the request. */
    refine: (request: string, refines = critiqueId()) =>
      act(refines, (id) => transport.send('startRound', { tabId, refines: id, request }).then(show)),
    cancel: (jobId = critiqueId()) => act(jobId, (id) => transport.send('cancelJob', { jobId: id })),
    resume: () => act(critiqueId(), (jobId) => transport.send('resumeJob', { jobId }).then(show)),
    retrySave: () => act(critiqueId(), (jobId) => transport.send('retrySave', { jobId })),
    /** Shows a record changed here in the panel (a finding ignored or restored) in place of the shown one. */
    replace: show,
    /**
     * Shows a saved critique (from History) in place of the current one; a saved check comes
     * with the critique it checked.
     */
    open: (jobId: string) =>
      transport
        .send('getRecord', { jobId })
        .then(async (record) => {
          if (record?.kind !== 'check' || !record.against) return { record, check: null };
          const checked = await transport.send('getRecord', { jobId: record.against });
          if (!checked) throw new Error('The critique this check was made against is no longer in history.');
          return { record: checked, check: record };
        })
        .then(({ record, check }) => {
          if (record) {
            // At once, so an action right after (a round's Preview) acts on this record.
            shown.current = { record, check, error: null };
            setState(shown.current);
          } else
            fail(
              new Error(
                'This saved critique could not be read; it may have been deleted, or saved by an older Restage.',
              ),
            );
        }, fail),
  };
}

export type CritiqueJob = ReturnType<typeof useCritiqueJob>;
