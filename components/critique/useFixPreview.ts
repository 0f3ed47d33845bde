import { useCallback, useState } from 'react';
import { sendMessage } from '@/utils/messaging/protocol';
import { withoutLocked } from '@/utils/core/plan/constraints';
import type { Finding } from '@/utils/core/schemas/finding';
import type { CritiqueRecord } from '@/utils/core/schemas/record';
import { keptNow } from '@/utils/extension/settings/locks';

export interface FixPreview {
  /** The finding whose fix is on the page, or null. */
  active: string | null;
  problem: string | null;
  /** Puts this finding's fix alone on the page, replacing any preview there; again takes it off. */
  toggle(finding: Finding): Promise<void>;
}

/**
 * "Preview this fix": one finding's declarations put on the page through the same stylesheet as
 * the whole plan's preview (applyPreview replaces whatever preview is there), with the same
 * guards: regions kept as they are get nothing, and a fix that hides a region is taken off again.
 */
export function useFixPreview(tabId: number, record: CritiqueRecord | null): FixPreview {
  const [on, setOn] = useState<{ critique: string; finding: string } | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const url = record?.url ?? '';
  const regions = record?.draft.regions;
  const doNotTouch = record?.draft.doNotTouch;
  // Another critique's findings are other findings, even under the same ids: none shows as previewed.
  const critique = record?.id ?? '';
  const active = on?.critique === critique ? on.finding : null;
  const setActive = useCallback(
    (finding: string | null) => setOn(finding === null ? null : { critique, finding }),
    [critique],
  );

  const toggle = useCallback(
    async (finding: Finding) => {
      if (!regions) return;
      setProblem(null);
      try {
        if (active === finding.id) {
          setActive(null);
          await sendMessage('revertPreview', undefined, tabId);
          return;
        }
        const { locked } = await keptNow(url, regions, doNotTouch);
        const { patch } = withoutLocked(finding.fixPatch ?? [], locked);
        if (patch.length === 0) {
          setProblem('This fix only touches regions kept as they are.');
          return;
        }
        const result = await sendMessage(
          'applyPreview',
          { patch, regions: regions.map(({ id, selector }) => ({ id, selector })), kept: [...locked] },
          tabId,
        );
        if (result.hidden.length > 0) {
          await sendMessage('revertPreview', undefined, tabId);
          setActive(null);
          setProblem('This fix would hide part of the page, so it was taken off again.');
          return;
        }
        setActive(finding.id);
      } catch (error) {
        setActive(null);
        setProblem(error instanceof Error ? error.message : String(error));
      }
    },
    [active, setActive, tabId, url, regions, doNotTouch],
  );
  return { active, problem, toggle };
}
