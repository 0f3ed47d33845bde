import { useState } from 'react';
import { sendMessage } from '@/utils/messaging/protocol';
import type { ConnectionResult, Settings } from '@/utils/core/schemas/settings';

type State = { state: 'idle' } | { state: 'testing' } | { state: 'done'; result: ConnectionResult };

/**
 * "Test connection": sends the settings as entered (not yet saved) to the background, which
 * owns every model call, and shows the answer as one plain sentence. `check` validates first
 * and returns null (after showing the field errors) when there is nothing to test yet.
 */
export function TestConnection({
  check,
  onResult,
}: {
  check: () => Settings | null;
  onResult?: (result: ConnectionResult) => void;
}) {
  const [state, setState] = useState<State>({ state: 'idle' });

  const run = async () => {
    const settings = check();
    if (!settings) return;
    setState({ state: 'testing' });
    let result: ConnectionResult;
    try {
      result = await sendMessage('testConnection', settings);
    } catch (error) {
      result = {
        ok: false,
        kind: 'error',
        message: `The test could not run: ${(error as Error).message}`,
        models: [],
      };
    }
    setState({ state: 'done', result });
    onResult?.(result);
  };

  return (
    <>
      <div className="settings__actions">
        <button
          type="button"
          className="button--secondary"
          onClick={run}
          disabled={state.state === 'testing'}
        >
          Test connection
        </button>
        {state.state === 'testing' && <span className="muted">Testing…</span>}
      </div>
      {state.state === 'done' && (
        <p
          role="status"
          data-testid="connection-result"
          className={`connection ${state.result.ok ? 'connection--ok' : 'connection--bad'}`}
        >
          {state.result.message}
        </p>
      )}
    </>
  );
}
