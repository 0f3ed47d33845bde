import { useState } from 'react';
import { isRunning } from '@/utils/panel/jobState';
import { contentCheckLine } from '@/utils/core/plan/validate';
import type { CritiqueJob } from '@/components/critique/useCritiqueJob';
import { StageProgress } from '@/components/critique/StageProgress';
import { ExportMenu } from '@/components/export/ExportMenu';
import { useArtifactText } from '@/components/focus/useArtifactUrl';
import { GeneratedImage } from '@/components/alternative/GeneratedImage';
import { MockupFrame } from '@/components/alternative/MockupFrame';
import { PreviewCompare } from '@/components/alternative/PreviewCompare';

/**
 * The clearer alternative: the plan previewed on the real page (the primary next state), the
 * page before and after side by side, the HTML mockup (sandboxed: no scripts, no network) with
 * its content check, and the generated image when a model drew one.
 */
export function AlternativeTab({ job }: { job: CritiqueJob; tabId: number }) {
  const { record, check } = job;
  const { previewing } = job;
  const [problem, setProblem] = useState<string | null>(null);
  const mockup = useArtifactText(record?.draft.mockup);
  const plan = record?.draft.plan;
  if (!record || !plan) return <p className="muted">Run a critique first: its plan appears here.</p>;
  const preview = check?.preview ? check : null;
  const toggle = async () => {
    setProblem(null);
    await job.preview(!previewing).catch((e: Error) => setProblem(e.message));
  };
  return (
    <div className="alternative">
      <div className="alternative__controls">
        <button
          type="button"
          aria-pressed={previewing}
          onClick={() => void toggle()}
          disabled={isRunning(record) || isRunning(check)}
        >
          Preview on page
        </button>
        <span className="muted">
          {previewing
            ? 'The plan is on the page; press again to put the page back.'
            : `${plan.cssPatch.length} CSS changes`}
        </span>
      </div>
      {problem && <p role="alert">{problem}</p>}
      <ExportMenu record={record} check={preview && preview.job.state === 'done' ? preview : null} />
      {preview && isRunning(preview) && <StageProgress job={preview.job} />}
      {preview && preview.job.state === 'done' && <PreviewCompare record={record} check={preview} />}
      <p data-testid="content-check">{contentCheckLine(plan.contentCheck)}</p>
      {mockup ? (
        <MockupFrame html={mockup} pageWidth={record.draft.extraction?.viewport.width ?? 0} />
      ) : (
        <p className="muted">The mockup was not saved.</p>
      )}
      <GeneratedImage draft={record.draft} />
    </div>
  );
}
