import { useEffect, useState } from 'react';
import { onMessage, sendMessage, type Labelled } from '@/utils/messaging';
import type { CaptureMode } from '@/utils/schemas';
import { AnnotatedShot } from './AnnotatedShot';
import { RegionList } from './RegionList';

const MODES: { mode: CaptureMode; label: string; busy: string }[] = [
  { mode: 'viewport', label: 'Viewport', busy: 'Capturing the viewport…' },
  { mode: 'full', label: 'Full page', busy: 'Scrolling and capturing the whole page…' },
  { mode: 'element', label: 'Pick element', busy: 'Click an element on the page (Esc cancels)…' },
  { mode: 'dom', label: 'DOM render', busy: 'Rendering the page from its DOM…' },
];

type State =
  | { step: 'idle' }
  | { step: 'busy'; message: string }
  | { step: 'error'; message: string }
  | { step: 'done'; result: Labelled };

const kb = (bytes: number) => `${Math.round(bytes / 1024).toLocaleString('en-US')} KB`;
const ms = (value: number) => `${Math.round(value).toLocaleString('en-US')} ms`;

/** Capture, label regions, and keep the page's boxes and the panel's boxes in step. */
export function LabelView({ tabId }: { tabId: number }) {
  const [mode, setMode] = useState<CaptureMode>('viewport');
  const [state, setState] = useState<State>({ step: 'idle' });
  const [active, setActive] = useState<string | null>(null);

  useEffect(() => onMessage('regionHovered', ({ id }) => setActive(id)), []);

  const run = async () => {
    setState({ step: 'busy', message: MODES.find((m) => m.mode === mode)!.busy });
    try {
      setState({ step: 'done', result: await sendMessage('labelTab', { tabId, mode }) });
    } catch (error) {
      setState({ step: 'error', message: (error as Error).message });
    }
  };
  const hover = (id: string | null) => {
    setActive(id);
    void sendMessage('highlightRegion', { id }, tabId).catch(() => undefined);
  };
  const pick = (id: string) => void sendMessage('scrollToRegion', { id }, tabId).catch(() => undefined);

  return (
    <section className="label" aria-label="Labelled regions">
      <div className="label__controls">
        <select
          value={mode}
          onChange={(e) => setMode(e.target.value as CaptureMode)}
          aria-label="Capture mode"
        >
          {MODES.map((m) => (
            <option key={m.mode} value={m.mode}>
              {m.label}
            </option>
          ))}
        </select>
        <button type="button" onClick={run} disabled={state.step === 'busy'}>
          Label regions
        </button>
      </div>
      {state.step === 'busy' && (
        <p className="muted" role="status">
          {state.message}
        </p>
      )}
      {state.step === 'error' && (
        <p role="alert" className="tab__verdict--no">
          {state.message}
        </p>
      )}
      {state.step === 'done' && (
        <>
          <p className="muted" data-testid="label-summary">
            {state.result.extraction.regions.length} regions
            {state.result.extraction.omitted > 0 &&
              ` (${state.result.extraction.omitted} more left out)`} · {state.result.shot.mode} capture{' '}
            {state.result.shot.width}×{state.result.shot.height} px, {kb(state.result.shot.bytes)},{' '}
            {ms(state.result.timings.captureMs)} · regions {ms(state.result.timings.regionsMs)}
            {state.result.shot.masked > 0 && ` · ${state.result.shot.masked} private areas masked`}
          </p>
          {state.result.shot.notes.map((note) => (
            <p key={note} className="note" data-testid="capture-note">
              {note}
            </p>
          ))}
          <AnnotatedShot
            shot={state.result.shot}
            regions={state.result.extraction.regions}
            active={active}
            onHover={hover}
            onPick={pick}
          />
          <RegionList
            regions={state.result.extraction.regions}
            active={active}
            onHover={hover}
            onPick={pick}
          />
        </>
      )}
    </section>
  );
}
