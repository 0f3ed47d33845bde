import { browser } from '#imports';
import { useEffect, useState } from 'react';
import { sendMessage } from '@/utils/messaging/protocol';
import { watchLabels } from '@/utils/extension/labels';
import { LABELS_COMMAND } from '@/utils/core/constants';

/** The tab's Hide labels state, as the background keeps it, and the shortcut bound to it now. */
function useLabels(tabId: number) {
  const [hidden, setHidden] = useState(false);
  const [shortcut, setShortcut] = useState('');
  useEffect(() => watchLabels(tabId, setHidden), [tabId]);
  useEffect(() => {
    let live = true;
    // The user may have changed or cleared it at chrome://extensions/shortcuts.
    void browser.commands
      ?.getAll()
      .then((all) => live && setShortcut(all.find((c) => c.name === LABELS_COMMAND)?.shortcut ?? ''))
      .catch(() => undefined);
    return () => {
      live = false;
    };
  }, []);
  return { hidden, shortcut };
}

/**
 * **Hide labels**: takes the numbered boxes off the page, and puts them back. The critique
 * stays here; only the page changes. The shortcut does the same from the page.
 */
export function LabelsToggle({ tabId }: { tabId: number }) {
  const { hidden, shortcut } = useLabels(tabId);
  return (
    <label className="labels-toggle">
      <input
        type="checkbox"
        checked={hidden}
        data-testid="hide-labels"
        aria-keyshortcuts={shortcut || undefined}
        onChange={(event) =>
          void sendMessage('setLabelsHidden', { tabId, hidden: event.target.checked }).catch(() => undefined)
        }
      />{' '}
      Hide labels on the page
      {shortcut && <kbd className="muted">{shortcut}</kbd>}
    </label>
  );
}
