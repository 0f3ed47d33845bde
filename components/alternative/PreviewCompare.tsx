import type { CritiqueRecord } from '@/utils/schemas';
import { useArtifactUrl } from '../focus/useArtifactUrl';
import { CompareSlider } from './CompareSlider';

/**
 * The page before and with the plan previewed on it: the critique's screenshot against the
 * check's capture of the previewed page, each numbered with its own regions.
 */
export function PreviewCompare({ record, check }: { record: CritiqueRecord; check: CritiqueRecord }) {
  const before = useArtifactUrl(record.draft.shot?.image);
  const after = useArtifactUrl(check.draft.shot?.image);
  const beforeShot = record.draft.shot;
  const afterShot = check.draft.shot;
  if (!beforeShot || !afterShot) return null;
  if (!before || !after) return <p className="muted">Loading the pictures…</p>;
  return (
    <CompareSlider
      before={{ label: 'Before', src: before, area: beforeShot.area, regions: record.draft.regions }}
      after={{ label: 'With the plan', src: after, area: afterShot.area, regions: check.draft.regions }}
    />
  );
}
