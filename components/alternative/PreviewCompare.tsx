import { useMemo } from 'react';
import type { CritiqueRecord } from '@/utils/core/schemas/record';
import type { Region } from '@/utils/core/schemas/region';
import { flaggedRegionIds } from '@/utils/core/render/marks';
import { matchRegions } from '@/utils/core/verify/match';
import { useArtifactUrl } from '@/components/focus/useArtifactUrl';
import { CompareSlider } from '@/components/alternative/CompareSlider';

/**
 * The page before and with the plan previewed on it: the critique's screenshot against the
 * check's capture of the previewed page. Both are numbered with the critique's region numbers
 * (the check's regions matched to them as verification matches them), so the same number marks
 * the same content; a region only the check found shows its own number after a `+`. As on the
 * annotated screenshot, only regions with findings are numbered: the critique's, and those only
 * the check found that its findings point at.
 */
export function PreviewCompare({ record, check }: { record: CritiqueRecord; check: CritiqueRecord }) {
  const before = useArtifactUrl(record.draft.shot?.image);
  const after = useArtifactUrl(check.draft.shot?.image);
  const match = useMemo(
    () => matchRegions(record.draft.regions, check.draft.regions),
    [record.draft.regions, check.draft.regions],
  );
  const number = (r: Region) => match.before.get(r.id)?.slice(1) ?? `+${r.id.slice(1)}`;
  const flagged = useMemo(() => flaggedRegionIds(record.draft.findings), [record.draft.findings]);
  const flaggedNow = useMemo(() => flaggedRegionIds(check.draft.findings), [check.draft.findings]);
  // After: the critique's numbered regions, and regions only the check found that it flags.
  const numberedAfter = (r: Region) => {
    const was = match.before.get(r.id);
    return was ? flagged.has(was) : flaggedNow.has(r.id);
  };
  const beforeShot = record.draft.shot;
  const afterShot = check.draft.shot;
  if (!beforeShot || !afterShot) return null;
  if (!before || !after) return <p className="muted">Loading the pictures…</p>;
  return (
    <CompareSlider
      before={{
        label: 'Before',
        src: before,
        area: beforeShot.area,
        regions: record.draft.regions.filter((r) => flagged.has(r.id)),
      }}
      after={{
        label: 'With the plan',
        src: after,
        area: afterShot.area,
        regions: check.draft.regions.filter(numberedAfter),
        number,
      }}
    />
  );
}
