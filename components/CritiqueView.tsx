import { useEffect, useState } from 'react';
import { onMessage, sendMessage, type CritiqueRun } from '@/utils/messaging';
import type { CaptureMode } from '@/utils/schemas';
import { AnnotatedShot } from './AnnotatedShot';
import { FindingList } from './FindingList';
import { RegionList } from './RegionList';
import { ScoreCard } from './ScoreCard';

const MODES: { mode: CaptureMode; label: string; busy: string }[] = [
  { mode: 'viewport', label: 'Viewport', busy: 'Measuring and capturing the viewport…' },
  { mode: 'full', label: 'Full page', busy: 'Measuring, then scrolling and capturing the whole page…' },
  { mode: 'element', label: 'Pick element', busy: 'Click an element on the page (Esc cancels)…' },
  { mode: 'dom', label: 'DOM render', busy: 'Measuring, then rendering the page from its DOM…' },
];

type State =
  | { step: 'idle' }
  | { step: 'busy'; message: string }
  | { step: 'error'; message: string }
  | { step: 'done'; run: CritiqueRun };

const kb = (bytes: number) => `${Math.round(bytes / 1024).toLocaleString('en-US')} KB`;
const ms = (value: number) => `${Math.round(value).toLocaleString('en-US')} ms`;

/** Critique the tab, and keep the page's boxes and the panel's boxes in step. */
export function CritiqueView({ tabId }: { tabId: number }) {
  const [mode, setMode] = useState<CaptureMode>('viewport');
  const [state, setState] = useState<State>({ step: 'idle' });
  const [active, setActive] = useState<string | null>(null);

  useEffect(() => onMessage('regionHovered', ({ id }) => setActive(id)), []);

  const run = async () => {
    setState({ step: 'busy', message: MODES.find((m) => m.mode === mode)!.busy });
    try {
      setState({ step: 'done', run: await sendMessage('critiqueTab', { tabId, mode }) });
    } catch (error) {
      setState({ step: 'error', message: (error as Error).message });
    }
  };
  const hover = (id: string | null) => {
    setActive(id);
    void sendMessage('highlightRegion', { id }, tabId).catch(() => undefined);
  };
  const pick = (id: string) => void sendMessage('scrollToRegion', { id }, tabId).catch(() => undefined);

  const done = state.step === 'done' ? state.run : null;
  const regions = done?.critique.regions ?? [];
  return (
    <section className="label" aria-label="Critique">
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
          Critique
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
      {done && (
        <>
          <ScoreCard score={done.critique.score} />
          <p className="muted" data-testid="label-summary">
            {regions.length} regions · {done.critique.findings.length} findings · first labels in{' '}
            {ms(done.firstLabelsMs)}
            {done.shot &&
              ` · ${done.shot.mode} capture ${done.shot.width}×${done.shot.height} px, ${kb(done.shot.bytes)}, ${ms(done.shot.ms)}`}
            {done.shot && done.shot.masked > 0 && ` · ${done.shot.masked} private areas masked`}
          </p>
          {[...done.critique.notes, ...done.critique.errors].map((note) => (
            <p key={note} className="note" data-testid="capture-note">
              {note}
            </p>
          ))}
          {done.shot && (
            <AnnotatedShot shot={done.shot} regions={regions} active={active} onHover={hover} onPick={pick} />
          )}
          <FindingList findings={done.critique.findings} active={active} onHover={hover} onPick={pick} />
          <RegionList regions={regions} active={active} onHover={hover} onPick={pick} />
        </>
      )}
    </section>
  );
}
