import { describe, expect, it } from 'vitest';
import { callsToAction } from '@/utils/core/measure/primaryAction';
import { pageBackground, rawWeight, surroundingsOf } from '@/utils/core/measure/weight';
import { offlinePlan } from '@/utils/core/plan/choose';
import { parseRequest } from '@/utils/core/plan/commands';
import { lockedIds } from '@/utils/core/plan/constraints';
import { predictPatch } from '@/utils/core/plan/predict';
import { pairKey, refinePlan, type RefineInput, type SiblingOrder } from '@/utils/core/plan/refine';
import { sanitizePatch } from '@/utils/core/plan/sanitizePatch';
import { checkContent, isSameContent } from '@/utils/core/plan/validate';
import { withCommands } from '@/utils/background/jobs/stages/modelPlan';
import { measure } from '@/utils/core/measure';
import { CssPatch } from '@/utils/core/schemas/plan';
import { type Region } from '@/utils/core/schemas/region';
import { button, heading, region, rgba } from '@/test/fixtures/regions';

const viewport = { width: 1280, height: 800 };
const regions: Region[] = [
  region('r1', { kind: 'container', tag: 'main', text: '', box: { x: 0, y: 0, width: 1280, height: 700 } }),
  heading('r2', 1, 30, { parentId: 'r1', box: { x: 40, y: 40, width: 600, height: 40 } }),
  region('r3', {
    parentId: 'r1',
    text: 'A paragraph about the product.',
    box: { x: 40, y: 100, width: 600, height: 24 },
  }),
  button('r4', {
    parentId: 'r1',
    text: 'Buy now',
    flags: { bordered: true },
    box: { x: 40, y: 150, width: 120, height: 40 },
  }),
  button('r5', {
    parentId: 'r1',
    text: 'Learn more',
    flags: { bordered: true },
    box: { x: 180, y: 150, width: 120, height: 40 },
  }),
  region('r6', {
    parentId: 'r1',
    kind: 'media',
    tag: 'img',
    text: '',
    name: 'Hero',
    box: { x: 40, y: 220, width: 400, height: 200 },
  }),
  region('r7', {
    parentId: 'r1',
    text: 'Small print',
    box: { x: 40, y: 460, width: 600, height: 20 },
    style: { fontSize: 14, lineHeight: 20 },
  }),
];

const plan = offlinePlan(regions, measure(regions, viewport), viewport);
const base: RefineInput = {
  regions,
  blueprint: plan.blueprint,
  cssPatch: plan.cssPatch,
  doNotTouch: [],
  viewport,
  round: 2,
};
const run = (request: string, input: Partial<RefineInput> = {}) =>
  refinePlan({ ...base, ...input }, parseRequest(request).commands);
const entry = (patch: CssPatch, id: string) => patch.find((e) => e.regionId === id)?.declarations ?? {};
const sizeOf = (patch: CssPatch, id: string) =>
  predictPatch(regions, patch).find((r) => r.id === id)!.style.fontSize;

describe('a round’s commands on the previous plan', () => {
  it('“bigger” sets the next step of the page’s type scale and leaves every other change as it was', () => {
    const refined = run('r3 bigger');
    const { base: scaleBase, ratio } = plan.blueprint.typeScale;
    const before = sizeOf(plan.cssPatch, 'r3');
    const after = sizeOf(refined.cssPatch, 'r3');
    expect(after).toBeGreaterThan(before);
    // On the scale: some whole step k of base × ratio^k, rounded as the plan rounds sizes.
    const k = Math.log(after / scaleBase) / Math.log(ratio);
    expect(Math.abs(after - Math.round(scaleBase * ratio ** Math.round(k)))).toBeLessThanOrEqual(0.5);
    expect(refined.cssPatch.filter((e) => e.regionId !== 'r3')).toEqual(
      plan.cssPatch.filter((e) => e.regionId !== 'r3'),
    );
    expect(refined.applied).toEqual([{ command: 'r3 bigger', change: expect.stringContaining('r3 text') }]);
    // Its line height stays in proportion: unitless, the 24/16 it had.
    expect(entry(refined.cssPatch, 'r3')['line-height']).toBe('1.5');
    // Still a valid, sanitized patch: the schema takes it and the floors change nothing.
    expect(CssPatch.parse(refined.cssPatch)).toEqual(refined.cssPatch);
    expect(sanitizePatch(refined.cssPatch, regions).rejected).toEqual([]);
    expect(isSameContent(checkContent(plan.blueprint, regions))).toBe(true);
  });

  it('“bigger” again, in the next round, goes one more step up', () => {
    const round2 = run('r3 bigger');
    const round3 = run('r3 bigger', { cssPatch: round2.cssPatch, round: 3 });
    expect(sizeOf(round3.cssPatch, 'r3')).toBeGreaterThan(sizeOf(round2.cssPatch, 'r3'));
  });

  it('refuses “bigger” on an image, a group and text already at the largest size, in plain words', () => {
    expect(run('r6 bigger').refused[0]?.reason).toMatch(/r6 is an image/);
    expect(run('r1 bigger').refused[0]?.reason).toMatch(/r1 is a group of other regions/);
    const huge = regions.map((r) =>
      r.id === 'r2' ? { ...r, style: { ...r.style, fontSize: 190, lineHeight: 228 } } : r,
    );
    const refined = refinePlan({ ...base, regions: huge, cssPatch: [] }, parseRequest('r2 bigger').commands);
    expect(refined.refused[0]?.reason).toMatch(/largest size/);
    expect(refined.cssPatch).toEqual([]);
  });

  it('refuses a region the page does not have', () => {
    expect(run('r99 bigger').refused).toEqual([
      { command: 'r99 bigger', reason: 'There is no r99 on this page; its regions are r1 to r7.' },
    ]);
  });

  it('“primary” makes the region the heaviest call to action on its screen', () => {
    const refined = run('r5 primary');
    const drawn = predictPatch(regions, refined.cssPatch);
    const byId = new Map(drawn.map((r) => [r.id, r]));
    const page = pageBackground(drawn);
    const weight = (id: string) => rawWeight(byId.get(id)!, surroundingsOf(byId.get(id)!, byId, page));
    const rivals = callsToAction(regions).filter((r) => r.id !== 'r5');
    expect(rivals.length).toBeGreaterThan(0);
    for (const rival of rivals) expect(weight('r5')).toBeGreaterThan(weight(rival.id));
    expect(refined.applied[0]?.change).toMatch(/r5 is the strongest call to action/);
    expect(sanitizePatch(refined.cssPatch, regions).rejected).toEqual([]);
  });

  it('says so when the floors keep the region from leading (a fill that would lower its contrast)', () => {
    const filled = regions.map((r) =>
      r.id === 'r4'
        ? {
            ...r,
            box: { ...r.box, width: 220, height: 64 },
            style: {
              ...r.style,
              fontSize: 32,
              fontWeight: 700,
              background: rgba('#1a4fd6'),
              color: rgba('#ffffff'),
              contrast: 6.7,
            },
          }
        : r,
    );
    const own = offlinePlan(filled, measure(filled, viewport), viewport);
    const refined = refinePlan(
      { ...base, regions: filled, blueprint: own.blueprint, cssPatch: own.cssPatch },
      parseRequest('r5 primary').commands,
    );
    expect(refined.applied[0]?.change).toMatch(/still not the strongest/);
    expect(refined.applied[0]?.change).toMatch(
      /Left out: r5 \{ background-color: #[0-9a-f]{6} \} was refused: contrast/,
    );
    expect(sanitizePatch(refined.cssPatch, filled).rejected).toEqual([]);
  });

  it('refuses “primary” on anything but an enabled control', () => {
    expect(run('r3 primary').refused[0]?.reason).toMatch(/only an enabled button or link/);
  });

  it('“keep” takes the region and what is inside it out of this plan and every later one', () => {
    const refined = run('keep r1');
    expect(refined.cssPatch).toEqual([]);
    expect(refined.doNotTouch).toEqual([{ regionIds: ['r1'], reason: 'kept as is by request in round 2' }]);
    const next = run('r3 bigger', { cssPatch: refined.cssPatch, doNotTouch: refined.doNotTouch, round: 3 });
    expect(next.refused[0]?.reason).toMatch(/r3 is kept as it is/);
    expect(next.cssPatch).toEqual([]);
  });

  it('changes nothing on a region the user keeps as is, whatever the command', () => {
    const doNotTouch = [{ regionIds: ['r3'], reason: 'kept as is by the user' }];
    const refined = run('r3 bigger, more space around r3, keep r3', { doNotTouch });
    expect(entry(refined.cssPatch, 'r3')).toEqual({});
    expect(refined.refused.map((r) => r.command)).toEqual(['r3 bigger', 'more space around r3']);
    expect(refined.applied[0]?.change).toMatch(/already kept/);
    expect([...lockedIds(regions, refined.doNotTouch)]).toEqual(['r3']);
  });

  it('“more space” sets margins of at least the gap there now plus two spacing units', () => {
    const refined = run('more space around r3');
    const extra = 2 * plan.blueprint.spacingUnit;
    const d = entry(refined.cssPatch, 'r3');
    // r2 ends at 80, r3 starts at 100: 20 px above; r4 starts at 150, r3 ends at 124: 26 px below.
    expect(parseFloat(d['margin-top']!)).toBeGreaterThanOrEqual(20 + extra);
    expect(parseFloat(d['margin-bottom']!)).toBeGreaterThanOrEqual(26 + extra);
  });

  it('“more space” in a row of buttons goes beside the region, so it stays in line', () => {
    const d = entry(run('more space around r5').cssPatch, 'r5');
    expect(d['margin-top']).toBeUndefined();
    expect(parseFloat(d['margin-left']!)).toBeGreaterThanOrEqual(20 + 2 * plan.blueprint.spacingUnit);
    // Nothing to its right: its margin there is not known, so it is left alone.
    expect(d['margin-right']).toBeUndefined();
  });

  it('refuses “more space” around a region with no neighbour to make room from', () => {
    expect(run('more space around r1').refused[0]?.reason).toMatch(/no neighbour/);
  });

  it('“before” sets CSS order on the items of one flex container, and refuses anywhere else', () => {
    const flex: SiblingOrder = {
      container: 'flex',
      items: [
        { regionId: 'r4', order: 0 },
        { regionId: 'r5', order: 0 },
      ],
    };
    const refined = run('r5 before r4', { siblings: new Map([[pairKey('r5', 'r4'), flex]]) });
    expect(entry(refined.cssPatch, 'r5').order).toBe('0');
    expect(entry(refined.cssPatch, 'r4').order).toBe('1');
    expect(refined.applied[0]?.change).toMatch(/CSS order; the reading and tab order stay/);

    const block: SiblingOrder = { container: null, reason: 'They are not items of one container.' };
    expect(
      run('r5 before r4', { siblings: new Map([[pairKey('r5', 'r4'), block]]) }).refused[0]?.reason,
    ).toBe('They are not items of one container.');
    const mixed: SiblingOrder = { container: 'grid', items: [...flex.items, { regionId: null, order: 0 }] };
    expect(
      run('r5 before r4', { siblings: new Map([[pairKey('r5', 'r4'), mixed]]) }).refused[0]?.reason,
    ).toMatch(/items that are not regions/);
    expect(run('r5 before r4').refused[0]?.reason).toMatch(/read from the page/);
  });

  it('“before” starts from the order the previous plan set, not only the page’s', () => {
    const items: SiblingOrder = {
      container: 'flex',
      items: ['r3', 'r4', 'r5'].map((regionId) => ({ regionId, order: 0 })),
    };
    const siblings = new Map([
      [pairKey('r5', 'r3'), items],
      [pairKey('r4', 'r5'), items],
    ]);
    // Round 2 puts r5 first; round 3 then puts r4 before r5: r4, r5, r3.
    const round2 = run('r5 before r3', { siblings });
    const round3 = run('r4 before r5', { cssPatch: round2.cssPatch, siblings, round: 3 });
    const order = (id: string) => Number(entry(round3.cssPatch, id).order);
    expect(['r3', 'r4', 'r5'].sort((a, b) => order(a) - order(b))).toEqual(['r4', 'r5', 'r3']);
  });
});

describe('a round’s commands bind a model’s plan', () => {
  it('lays the declarations the commands changed over the model’s patch, and nothing else', () => {
    const previous = [{ regionId: 'r3', declarations: { 'line-height': '1.5' } }];
    const baseline = [
      { regionId: 'r3', declarations: { 'line-height': '1.5', 'font-size': '20px' } },
      { regionId: 'r5', declarations: { 'font-weight': '700' } },
    ];
    const model = [
      { regionId: 'r3', declarations: { 'font-size': '16px', 'line-height': '1.3' } },
      { regionId: 'r2', declarations: { 'font-size': '40px' } },
    ];
    expect(withCommands(model, baseline, previous)).toEqual([
      { regionId: 'r3', declarations: { 'font-size': '20px', 'line-height': '1.3' } },
      { regionId: 'r2', declarations: { 'font-size': '40px' } },
      { regionId: 'r5', declarations: { 'font-weight': '700' } },
    ]);
  });
});
