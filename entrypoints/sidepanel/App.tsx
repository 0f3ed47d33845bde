import { browser } from '#imports';
import { useRef } from 'react';
import { Workspace, type WorkspaceHandle } from '@/components/shell/Workspace';
import { TabHeader } from '@/components/TabHeader';
import { useTargetTab } from '@/entrypoints/sidepanel/useTargetTab';

export function App() {
  const target = useTargetTab();
  const workspace = useRef<WorkspaceHandle>(null);
  const critiquable = target.state === 'ready' && target.status.critiquable;
  return (
    <main className="panel">
      {/* First in the tab order: past the header, the views and up to 200 regions in one step. */}
      {critiquable && (
        <a
          href="#findings"
          className="skip-link"
          onClick={(event) => {
            event.preventDefault();
            workspace.current?.showFindings();
          }}
        >
          Skip to findings
        </a>
      )}
      <header className="panel__brand">
        <h1>Restage</h1>
        <a href={browser.runtime.getURL('/options.html')} target="_blank" rel="noreferrer">
          Settings
        </a>
      </header>
      {target.state === 'loading' && <p className="muted">Looking at the current tab…</p>}
      {target.state === 'error' && <p role="alert">{target.message}</p>}
      {target.state === 'ready' && (
        <TabHeader status={target.status} probe={target.probe} probeError={target.probeError} />
      )}
      {target.state === 'ready' && target.status.critiquable && (
        <Workspace key={target.status.tabId} status={target.status} ref={workspace} />
      )}
    </main>
  );
}
