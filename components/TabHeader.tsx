import type { PageProbe, TabStatus } from '@/utils/core/schemas/capture';

type Props = { status: TabStatus; probe: PageProbe | null; probeError: string | null };

/** The tab under critique: its title and URL, and whether Restage can work on it. */
export function TabHeader({ status, probe, probeError }: Props) {
  return (
    <section className="tab" aria-label="Current page">
      <h2 className="tab__title" data-testid="tab-title">
        {status.title || 'Untitled page'}
      </h2>
      <p className="tab__url" data-testid="tab-url" title={status.url}>
        {status.url}
      </p>
      {!status.critiquable && (
        <p className="tab__verdict tab__verdict--no" data-testid="tab-verdict">
          {status.reason}
        </p>
      )}
      {status.critiquable && probe && (
        <p className="tab__verdict" data-testid="tab-verdict">
          Ready to critique · {probe.elementCount.toLocaleString('en-US')} elements on the page
        </p>
      )}
      {status.critiquable && probeError && (
        <p className="tab__verdict tab__verdict--no" role="alert" data-testid="tab-verdict">
          {probeError}
        </p>
      )}
      {status.critiquable && !probe && !probeError && <p className="muted">Reaching the page…</p>}
    </section>
  );
}
