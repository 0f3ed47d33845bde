import { useImperativeHandle, useRef, useState, type KeyboardEvent, type Ref } from 'react';
import { flushSync } from 'react-dom';
import type { TabStatus } from '@/utils/core/schemas/capture';
import { AlternativeTab } from '@/components/alternative/AlternativeTab';
import { CritiqueTab } from '@/components/critique/CritiqueTab';
import { FINDINGS_ID } from '@/components/critique/FindingList';
import { useCritiqueJob } from '@/components/critique/useCritiqueJob';
import { RegionFocusProvider } from '@/components/focus/RegionFocus';
import { HistoryExport } from '@/components/history/HistoryExport';
import { HistoryTab } from '@/components/history/HistoryTab';
import { VerifyTab } from '@/components/verify/VerifyTab';

const VIEWS = ['Critique', 'Alternative', 'Verify', 'History'] as const;
type View = (typeof VIEWS)[number];

const id = (name: View, part: string) => `view-${name.toLowerCase()}-${part}`;

export interface WorkspaceHandle {
  /** The panel's "Skip to findings": shows the Critique view and focuses its findings (or the view, before any). */
  showFindings(): void;
}

/**
 * The panel's views as ARIA tabs (https://www.w3.org/WAI/ARIA/apg/patterns/tabs/): arrow
 * keys move between tabs, and only the selected tab is in the tab order. Every view stays
 * mounted (hidden when not selected), so a view keeps its state, such as a preview being on.
 */
export function Workspace({ status, ref }: { status: TabStatus; ref?: Ref<WorkspaceHandle> }) {
  const [view, setView] = useState<View>('Critique');
  useImperativeHandle(ref, () => ({
    showFindings() {
      // Rendered now, so the findings are shown before they take focus.
      flushSync(() => setView('Critique'));
      const target = document.getElementById(FINDINGS_ID) ?? document.getElementById(id('Critique', 'panel'));
      target?.focus();
    },
  }));
  const job = useCritiqueJob(status.tabId);
  const tabs = useRef<(HTMLButtonElement | null)[]>([]);
  const onKey = (event: KeyboardEvent) => {
    const step = event.key === 'ArrowRight' ? 1 : event.key === 'ArrowLeft' ? -1 : 0;
    if (!step) return;
    const next = VIEWS[(VIEWS.indexOf(view) + step + VIEWS.length) % VIEWS.length]!;
    setView(next);
    tabs.current[VIEWS.indexOf(next)]?.focus();
  };
  return (
    <RegionFocusProvider tabId={status.tabId}>
      <div role="tablist" aria-label="Restage views" className="views" onKeyDown={onKey}>
        {VIEWS.map((name, i) => (
          <button
            key={name}
            ref={(el) => {
              tabs.current[i] = el;
            }}
            type="button"
            role="tab"
            id={id(name, 'tab')}
            aria-selected={view === name}
            aria-controls={id(name, 'panel')}
            tabIndex={view === name ? 0 : -1}
            className="views__tab"
            onClick={() => setView(name)}
          >
            {name}
          </button>
        ))}
      </div>
      {VIEWS.map((name) => (
        <section
          key={name}
          role="tabpanel"
          id={id(name, 'panel')}
          aria-labelledby={id(name, 'tab')}
          hidden={view !== name}
          tabIndex={-1}
          className="views__panel"
        >
          {name === 'Critique' && <CritiqueTab job={job} tabId={status.tabId} />}
          {name === 'Alternative' && <AlternativeTab job={job} tabId={status.tabId} />}
          {name === 'Verify' && <VerifyTab job={job} />}
          {name === 'History' && (
            <HistoryTab
              url={status.url}
              version={view === 'History' ? (job.record?.updatedAt ?? 0) : -1}
              onOpen={(jobId, kind) => {
                setView(kind === 'check' ? 'Verify' : 'Critique');
                void job.open(jobId);
              }}
              renderActions={(entry) => <HistoryExport entry={entry} />}
            />
          )}
        </section>
      ))}
    </RegionFocusProvider>
  );
}
