import { describe, expect, it } from 'vitest';
import { advise } from '@/utils/core/measure/advice';
import { hasSpacing, pointerTargets, targetFindings } from '@/utils/core/measure/targets';
import { button, region } from '@/test/fixtures/regions';

const icon = (id: string, x: number, size = 16) =>
  button(id, { text: '', box: { x, y: 0, width: size, height: size } });

describe('target size (WCAG 2.5.8)', () => {
  it('flags 16×16 targets crowded together, in one finding that lists them all', () => {
    const findings = targetFindings([icon('r1', 0), icon('r2', 20)]);
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({
      title: '2 targets smaller than 24 × 24 px',
      rule: 'wcag-2.5.8',
      severity: 'major',
      regionIds: ['r1', 'r2'],
      detail: 'r1 16px × 16px, r2 16px × 16px, too close to other targets for the spacing exception',
    });
  });

  it('passes 24×24 targets and undersized ones with room (the spacing exception)', () => {
    expect(targetFindings([icon('r1', 0, 24), icon('r2', 24, 24)])).toEqual([]);
    expect(targetFindings([icon('r1', 0), icon('r2', 100)])).toEqual([]);
  });

  it('measures the 24px circle against other targets’ boxes', () => {
    const small = icon('r1', 0, 20);
    // The circle's centre is at x = 10: a box from x = 25 is 15px away, one from x = 20 only 10px.
    expect(hasSpacing(small, [small, button('r2', { box: { x: 25, y: 0, width: 44, height: 44 } })])).toBe(
      true,
    );
    expect(hasSpacing(small, [small, button('r2', { box: { x: 20, y: 0, width: 44, height: 44 } })])).toBe(
      false,
    );
  });

  it('leaves out inline links, disabled controls and non-interactive regions', () => {
    const sentence = region('r1', { box: { width: 600 } });
    const link = button('r2', { tag: 'a', box: { width: 30, height: 18 }, flags: { inText: true } });
    const disabled = icon('r3', 0);
    const targets = pointerTargets([
      sentence,
      link,
      { ...disabled, flags: { ...disabled.flags, disabled: true } },
    ]);
    expect(targets).toEqual([]);
  });

  it("an inline target is exempt itself, but another target's circle must clear it", () => {
    const inline = button('r1', {
      tag: 'a',
      box: { x: 0, y: 0, width: 30, height: 18 },
      flags: { inText: true },
    });
    expect(targetFindings([inline])).toEqual([]);
    // A 16 px icon touching its right edge: its circle reaches into the inline link's box.
    expect(targetFindings([inline, icon('r2', 30)])[0]?.regionIds).toEqual(['r2']);
    expect(targetFindings([inline, icon('r2', 60)])).toEqual([]);
  });

  it('says why and how to fix it', () => {
    const page = [icon('r1', 0), icon('r2', 20)];
    const [finding] = advise(
      targetFindings(page).map((f, i) => ({ id: `targets-${i + 1}`, ...f })),
      page,
    );
    expect(finding?.why).toMatch(/hard to hit/);
    expect(finding?.fix).toMatch(/24 × 24/);
  });
});
