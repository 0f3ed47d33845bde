import { describe, expect, it } from 'vitest';
import { CRITIQUE_STAGE_NAMES, emptyRecord } from '@/utils/core/jobs/record';
import type { StageIO } from '@/utils/background/jobs/stage';
import { measureStage } from '@/utils/background/jobs/stages/measure';
import { verifyStage } from '@/utils/background/jobs/stages/verify';
import type { Extraction } from '@/utils/core/schemas/capture';
import type { CritiqueRecord, Draft } from '@/utils/core/schemas/record';
import { saveIgnore } from '@/utils/extension/ignores';
import { region, rgba } from '@/test/fixtures/regions';

const URL_A = 'https://shop.test/';
const pale = [
  region('r1', { style: { color: rgba('#aaaaaa') } }),
  region('r2', { box: { y: 200 }, text: 'Other words here', style: { color: rgba('#bbbbbb') } }),
];
const extraction = {
  viewport: { width: 1280, height: 800, dpr: 1, scrollX: 0, scrollY: 0 },
} as Extraction;
const request = {
  kind: 'critique' as const,
  tabId: 1,
  url: URL_A,
  title: 't',
  mode: 'viewport' as const,
  request: null,
  against: null,
  preview: false,
};

async function critique(): Promise<CritiqueRecord> {
  const record = emptyRecord('c1', request, CRITIQUE_STAGE_NAMES, 0);
  const io = { job: { url: URL_A } } as StageIO;
  const measured = await measureStage.run({ ...record.draft, regions: pale, extraction }, io);
  record.draft = { ...record.draft, ...measured, regions: pale, extraction } as Draft;
  return record;
}

async function check(earlier: CritiqueRecord) {
  const later = await critique();
  const io = { job: { url: URL_A, against: earlier.id }, earlier: async () => earlier } as unknown as StageIO;
  return (await verifyStage.run(later.draft, io)).verify!;
}

describe('a check and ignored findings', () => {
  it('reports an ignored finding neither resolved nor new, even against a critique made before the ignore, and the score does not move', async () => {
    const earlier = await critique();
    const target = earlier.draft.findings.find((f) => f.rule === 'wcag-1.4.3' && f.regionIds.includes('r1'))!;
    expect(target).toBeDefined();
    const plain = await check(earlier);
    expect(plain.still.map((f) => f.id)).toContain(target.id);

    // Ignored after the critique was saved: the earlier record still lists it as raised.
    await saveIgnore(URL_A, target, pale, null, 1);
    const result = await check(earlier);
    const named = [...result.resolved, ...result.still, ...result.new, ...result.gone].map((f) => f.title);
    expect(named).not.toContain(target.title);
    expect(result.still.length).toBe(plain.still.length - 1);
    // Nothing changed on the page, so nothing moved the score: ignoring is not a fix.
    expect(result.scoreAfter).toBe(plain.scoreAfter);
    expect(result.scoreAfterMatched).toBe(plain.scoreAfterMatched);
    expect(result.scoreAfterMatched).toBe(result.scoreBefore);
  });
});
