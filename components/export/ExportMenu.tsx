import { browser } from '#imports';
import { useEffect, useId, useRef, useState, type KeyboardEvent } from 'react';
import { isRunning } from '@/utils/panel/jobState';
import type { CritiqueRecord } from '@/utils/core/schemas/record';
import {
  copyCss,
  copyIssue,
  copyMarkdown,
  downloadImages,
  downloadJson,
  downloadMockup,
  downloadReport,
  type ExportSource,
} from '@/components/export/exportActions';
import '@/components/export/ExportMenu.css';

interface Item {
  label: string;
  run: (source: ExportSource) => Promise<string>;
  /** Why it cannot run for this record, shown in place of the button's action. */
  unavailable?: string | null;
  hint?: string;
}

function items(record: CritiqueRecord): Item[] {
  const { draft } = record;
  return [
    { label: 'Copy as Markdown', run: copyMarkdown, hint: 'with an HTML copy that shows the image' },
    { label: 'Copy as issue', run: copyIssue, hint: 'for GitHub or Jira: fixes and their CSS' },
    {
      label: 'Copy CSS',
      run: copyCss,
      unavailable: draft.plan && draft.plan.cssPatch.length > 0 ? null : 'no plan with CSS',
      hint: 'the plan’s patch, a rule per region',
    },
    { label: 'Download report', run: downloadReport, hint: 'report.html, every picture inside it' },
    {
      label: 'Download images',
      run: downloadImages,
      unavailable:
        draft.annotated?.stored || draft.image?.stored || draft.mockup?.stored ? null : 'no images saved',
      hint: 'annotated, after, mockup and generated, as PNG',
    },
    {
      label: 'Download mockup',
      run: downloadMockup,
      unavailable: draft.mockup?.stored ? null : 'no mockup saved',
      hint: 'mockup.html, the page frozen with the plan on it',
    },
    { label: 'Download JSON', run: downloadJson, hint: 'critique.json, the CLI’s schema' },
  ];
}

/**
 * Export a saved critique, and the check of it when there is one: copy it as Markdown, as an
 * issue or as CSS, or download the report, the images, the mockup or `critique.json`. A
 * disclosure button with a list of buttons (https://www.w3.org/WAI/ARIA/apg/patterns/disclosure/):
 * Escape closes it and gives focus back; each action says what it did, or why it could not.
 */
export function ExportMenu({
  record,
  check,
  initiallyOpen = false,
}: {
  record: CritiqueRecord;
  check: CritiqueRecord | null;
  /** Opens at once with focus on the toggle: History loads a run only when its Export is pressed. */
  initiallyOpen?: boolean;
}) {
  const [open, setOpen] = useState(initiallyOpen);
  const [busy, setBusy] = useState(false);
  const [said, setSaid] = useState<{ ok: boolean; text: string } | null>(null);
  const toggle = useRef<HTMLButtonElement>(null);
  const listId = useId();
  // What an action said belongs to the record it was said of: another record starts afresh
  // (https://react.dev/learn/you-might-not-need-an-effect#adjusting-some-state-when-a-prop-changes).
  const [saidOf, setSaidOf] = useState(record.id);
  if (saidOf !== record.id) {
    setSaidOf(record.id);
    setSaid(null);
    setOpen(false);
  }
  // The toggle is disabled while an action runs, and a disabled button takes no focus: focus
  // goes back once it is enabled again.
  const focusBack = useRef(initiallyOpen);
  useEffect(() => {
    if (busy || !focusBack.current) return;
    focusBack.current = false;
    toggle.current?.focus();
  }, [busy]);
  const source: ExportSource = {
    record,
    check: check && check.against === record.id ? check : null,
    version: browser.runtime.getManifest().version,
  };
  const run = async (item: Item) => {
    setBusy(true);
    setSaid(null);
    try {
      setSaid({ ok: true, text: await item.run(source) });
    } catch (error) {
      setSaid({ ok: false, text: `${item.label} failed: ${(error as Error).message}` });
    } finally {
      focusBack.current = true;
      setBusy(false);
      setOpen(false);
    }
  };
  const onKey = (event: KeyboardEvent) => {
    if (event.key !== 'Escape' || !open) return;
    event.stopPropagation();
    setOpen(false);
    toggle.current?.focus();
  };
  return (
    <div className="export" onKeyDown={onKey} data-testid="export">
      <button
        ref={toggle}
        type="button"
        className="button--secondary"
        aria-expanded={open}
        aria-controls={listId}
        disabled={isRunning(record) || busy}
        onClick={() => setOpen(!open)}
      >
        Export <span aria-hidden="true">{open ? '▴' : '▾'}</span>
      </button>
      <ul className="export__menu" id={listId} hidden={!open} aria-label="Export">
        {items(record).map((item) => (
          <li key={item.label}>
            <button type="button" disabled={busy || Boolean(item.unavailable)} onClick={() => void run(item)}>
              {item.label}
            </button>
            <span className="muted">
              {item.unavailable ? `Not available: ${item.unavailable}` : item.hint}
            </span>
          </li>
        ))}
      </ul>
      {said && (
        <p
          className={said.ok ? 'export__said' : 'export__said notice--bad'}
          role={said.ok ? 'status' : 'alert'}
        >
          {said.text}
        </p>
      )}
    </div>
  );
}
