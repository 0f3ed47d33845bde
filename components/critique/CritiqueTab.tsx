import { useState } from 'react';
import { isRunning } from '@/utils/panel/jobState';
import { sendMessage } from '@/utils/messaging/protocol';
import type { CaptureMode } from '@/utils/core/schemas/capture';
import type { CritiqueRecord, Draft } from '@/utils/core/schemas/record';
import { ExportMenu } from '@/components/export/ExportMenu';
import type { CritiqueJob } from '@/components/critique/useCritiqueJob';
import { AnnotatedShot } from '@/components/critique/AnnotatedShot';
import { EngineSummary } from '@/components/critique/EngineSummary';
import { FindingList } from '@/components/critique/FindingList';
import { LabelsToggle } from '@/components/critique/LabelsToggle';
import { RegionList } from '@/components/critique/RegionList';
import { ScoreCard } from '@/components/critique/ScoreCard';
import { StageProgress } from '@/components/critique/StageProgress';
import { useFixPreview } from '@/components/critique/useFixPreview';
import { useTriage } from '@/components/critique/useTriage';
import { Rounds } from '@/components/rounds/Rounds';

const MODES: { mode: CaptureMode; label: string }[] = [
  { mode: 'viewport', label: 'Viewport' },
  { mode: 'full', label: 'Full page' },
  { mode: 'element', label: 'Pick element' },
  { mode: 'dom', label: 'DOM render' },
];

/** Requests a model reads well; any other words work too. The offline engine notes them. */
const PRESETS = [
  'Clarify hierarchy',
  'Make the primary action stand out',
  'Improve readability',
  'Accessibility pass',
];

/** How many old critiques to offer to delete when storage is full. */
const MAKE_ROOM = 5;

const kb = (bytes: number) => `${Math.round(bytes / 1024).toLocaleString('en-US')} KB`;
const ms = (value: number) => `${Math.round(value).toLocaleString('en-US')} ms`;

/** The job's notes and errors, less the model sentences the engine summary already shows. */
function notesOf(draft: Draft): string[] {
  const shown = new Set([draft.planner?.note, draft.planner?.choice?.sentence, draft.imageRun?.note]);
  return [...draft.notes, ...draft.errors].filter((note) => !shown.has(note));
}

function JobNotice({ record, job }: { record: CritiqueRecord; job: CritiqueJob }) {
  /** What making room did, for the critique it was made for. */
  const [room, setRoom] = useState<{ id: string; sentence: string } | null>(null);
  const { state, error } = record.job;
  if (record.job.storageFull) {
    const makeRoom = async () => {
      const deleted = await sendMessage('makeRoom', { count: MAKE_ROOM });
      const saved = await job.retrySave();
      setRoom({
        id: record.id,
        sentence: saved
          ? `Deleted ${deleted} old critique${deleted === 1 ? '' : 's'}; this one is saved now.`
          : `Deleted ${deleted}, but there is still not enough room. Delete more in History.`,
      });
    };
    return (
      <div role="alert" className="notice notice--bad" data-testid="storage-full">
        <p>
          The browser’s storage for Restage is full, so this critique is not saved yet; everything saved
          before is still there.
        </p>
        <button type="button" onClick={() => void makeRoom()}>
          Delete the {MAKE_ROOM} oldest critiques and save this one
        </button>
        {room && <p>{room.sentence}</p>}
      </div>
    );
  }
  // Saved at last, the job is no longer storage-full, and the notice above goes: its outcome stays.
  if (room?.id === record.id)
    return (
      <p className="notice" role="status" data-testid="storage-full">
        {room.sentence}
      </p>
    );
  if (state === 'interrupted' || state === 'failed')
    return (
      <div role="alert" className="notice notice--bad" data-testid="job-notice">
        <p>{error}</p>
        <button type="button" onClick={() => void job.resume()}>
          Resume
        </button>
      </div>
    );
  if (state === 'cancelled')
    return (
      <p className="notice" role="status" data-testid="job-notice">
        Cancelled. What was found before is kept below.
      </p>
    );
  return null;
}

/** Start a critique, follow its stages, and read what it found; `tabId` lets a finding's fix be previewed there. */
export function CritiqueTab({ job, tabId }: { job: CritiqueJob; tabId?: number }) {
  const [mode, setMode] = useState<CaptureMode>('viewport');
  const [request, setRequest] = useState('');
  const { record } = job;
  const fixPreview = useFixPreview(tabId ?? -1, record);
  const triage = useTriage(record, job.replace);
  const running = isRunning(record);
  const draft = record?.draft;
  return (
    <div className="critique" data-job-state={record?.job.state ?? 'none'} data-job-id={record?.id}>
      <div className="critique__controls">
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
        <button
          type="button"
          className="primary"
          onClick={() => void job.start(mode, request.trim() || null)}
          disabled={running}
        >
          Critique this page
        </button>
        <input
          className="critique__request"
          aria-label="Request"
          placeholder="What should change? (optional)"
          list="restage-request-presets"
          maxLength={2000}
          value={request}
          onChange={(e) => setRequest(e.target.value)}
        />
        <datalist id="restage-request-presets">
          {PRESETS.map((preset) => (
            <option key={preset} value={preset} />
          ))}
        </datalist>
      </div>
      {job.error && (
        <p role="alert" className="notice notice--bad">
          {job.error}
        </p>
      )}
      {record && (running || record.job.state !== 'done') && (
        <StageProgress job={record.job} onCancel={running ? () => void job.cancel() : undefined} />
      )}
      {record && <JobNotice record={record} job={job} />}
      {draft && draft.score && (
        <ScoreCard
          score={draft.score}
          coverage={draft.extraction?.coverage ?? null}
          ignored={draft.ignored.length}
        />
      )}
      {draft && <EngineSummary draft={draft} />}
      {record && !running && draft!.regions.length > 0 && <ExportMenu record={record} check={null} />}
      {record && (
        <Rounds job={job} renderExport={(round, check) => <ExportMenu record={round} check={check} />} />
      )}
      {draft && draft.regions.length > 0 && (
        <p className="muted" data-testid="label-summary">
          {draft.regions.length} regions · {draft.findings.length} findings
          {draft.firstLabelsMs !== null && ` · first labels in ${ms(draft.firstLabelsMs)}`}
          {draft.shot &&
            ` · ${draft.shot.mode} capture ${draft.shot.width}×${draft.shot.height} px, ${kb(draft.shot.bytes)}, ${ms(draft.shot.ms)}`}
          {draft.shot && draft.shot.masked > 0 && ` · ${draft.shot.masked} private areas masked`}
        </p>
      )}
      {draft && draft.regions.length > 0 && tabId !== undefined && <LabelsToggle tabId={tabId} />}
      {draft &&
        notesOf(draft).map((note) => (
          <p key={note} className="note" data-testid="capture-note">
            {note}
          </p>
        ))}
      {draft?.shot && <AnnotatedShot shot={draft.shot} regions={draft.regions} findings={draft.findings} />}
      {draft && draft.findings.length + draft.regions.length > 0 && (
        <FindingList
          findings={draft.findings}
          regions={draft.regions}
          ignored={draft.ignored}
          preview={tabId === undefined ? undefined : fixPreview}
          triage={triage}
        />
      )}
      {draft && draft.regions.length > 0 && <RegionList regions={draft.regions} url={record!.url} />}
    </div>
  );
}
