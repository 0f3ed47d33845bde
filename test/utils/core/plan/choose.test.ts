import { describe, expect, it } from 'vitest';
import { measure } from '@/utils/core/measure';
import {
  choosePlan,
  carryOfflineFixes,
  offlinePlan,
  predictedScore,
  withoutLosses,
} from '@/utils/core/plan/choose';
import { score } from '@/utils/core/measure/score';
import { button, region, rgba, syntheticRegions } from '@/test/fixtures/regions';

const viewport = { width: 1280, height: 800 };

const offlinePatch = (regions: ReturnType<typeof syntheticRegions>) =>
  offlinePlan(regions, measure(regions, viewport), viewport).cssPatch;

describe('choosePlan', () => {
  const regions = syntheticRegions(60);
  const offline = offlinePatch(regions);

  it('keeps the offline plan when the model’s predicts a lower score, and says why', () => {
    expect(offline.length).toBeGreaterThan(3);
    // Fewer fixes, and one that makes a nav link rival the page's lead.
    const weak = [{ regionId: 'r2', declarations: { 'font-size': '40px', 'font-weight': '700' } }];
    const choice = choosePlan(weak, offline, regions, viewport);
    expect(choice.modelScore).toBeLessThan(choice.offlineScore);
    expect(choice.used).toBe('offline');
    expect(choice.patch).toBe(offline);
    expect(choice.sentence).toBe(
      `Offline plan kept: the model’s predicted ${choice.modelScore} vs ${choice.offlineScore}.`,
    );
  });

  it('uses the model’s plan when it predicts at least the offline score', () => {
    const choice = choosePlan(offline, offline, regions, viewport);
    expect(choice.used).toBe('model');
    expect(choice.modelScore).toBe(choice.offlineScore);
    expect(choice.sentence).toMatch(/^Model plan used: predicted \d+ vs offline \d+\.$/);
  });

  it('never shows a plan that predicts a lower score than the plan it replaced', () => {
    for (const count of [20, 45, 90]) {
      const page = syntheticRegions(count);
      const base = offlinePatch(page);
      for (const model of [[], base.slice(0, 1), base.slice(1), base]) {
        const choice = choosePlan(model, base, page, viewport);
        const shown = predictedScore(page, choice.patch, viewport);
        expect(shown).toBeGreaterThanOrEqual(predictedScore(page, base, viewport));
      }
    }
  });
});

describe('carryOfflineFixes', () => {
  const pale = button('r2', { style: { color: rgba('#bbbbbb') } });
  const tiny = button('r3', { box: { width: 14, height: 14 }, text: 'x' });
  const page = [region('r1'), pale, tiny];
  const offline = [
    { regionId: 'r2', declarations: { color: '#595959' } },
    {
      regionId: 'r3',
      declarations: {
        'padding-top': '6px',
        'padding-bottom': '6px',
        'padding-left': '6px',
        'padding-right': '6px',
      },
    },
  ];

  it('keeps the offline contrast and target fixes the model left out', () => {
    const { patch, carried } = carryOfflineFixes(
      [{ regionId: 'r1', declarations: { 'font-weight': '700' } }],
      offline,
      page,
    );
    expect(carried).toBe(2);
    expect(patch).toEqual([{ regionId: 'r1', declarations: { 'font-weight': '700' } }, ...offline]);
  });

  it('keeps the model’s own fix where it fixes the same region as well or better', () => {
    const better = [{ regionId: 'r2', declarations: { color: '#000000' } }];
    const { patch, carried } = carryOfflineFixes(better, offline.slice(0, 1), page);
    expect(carried).toBe(0);
    expect(patch).toEqual(better);
  });
});

describe('withoutLosses', () => {
  const regions = syntheticRegions(60);
  const now = score(measure(regions, viewport)).value;

  it('takes out the entries that cost score, until the plan predicts at least the page as it is', () => {
    const good = offlinePatch(regions);
    // A nav link made to rival the page's lead: the self-check takes it back out.
    const harmful = { regionId: 'r2', declarations: { 'font-size': '40px', 'font-weight': '700' } };
    const patch = [...good, harmful];
    expect(predictedScore(regions, patch, viewport)).toBeLessThan(predictedScore(regions, good, viewport));
    // Held to what the good plan predicts, the harmful entry goes and the rest stays.
    const bar = predictedScore(regions, good, viewport);
    const kept = withoutLosses(patch, regions, viewport, bar);
    expect(kept).toEqual(good);
    expect(predictedScore(regions, kept, viewport)).toBeGreaterThanOrEqual(bar);
    // A plan that already predicts at least the page's own score is left whole.
    expect(withoutLosses(patch, regions, viewport, now)).toBe(patch);
  });

  it('leaves a plan that gains as it is', () => {
    const good = offlinePatch(regions);
    expect(predictedScore(regions, good, viewport)).toBeGreaterThanOrEqual(now);
    expect(withoutLosses(good, regions, viewport, now)).toBe(good);
  });
});
