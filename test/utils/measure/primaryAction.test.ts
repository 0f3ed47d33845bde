import { describe, expect, it } from 'vitest';
import { hierarchyFindings } from '@/utils/measure/hierarchy';
import { primaryAction } from '@/utils/measure/primaryAction';
import { BLACK, WHITE, button, region, rgba } from '../../fixtures/regions';

const viewport = { width: 1280, height: 800 };

describe('primary action', () => {
  const cta = (overrides = {}) =>
    button('r2', {
      box: { width: 100, height: 32 },
      style: { color: WHITE, background: rgba('#0a66c2'), fontSize: 14 },
      ...overrides,
    });
  const navLink = button('r1', {
    tag: 'a',
    landmark: 'nav',
    box: { width: 80, height: 24 },
    style: { fontSize: 18, fontWeight: 700, color: BLACK },
  });

  it('is the first filled control outside page chrome', () => {
    const plain = button('r3');
    expect(primaryAction([navLink, plain, cta()])?.id).toBe('r2');
    expect(primaryAction([navLink, plain])).toBeUndefined();
  });

  it('flags a primary action lighter than navigation items', () => {
    const intro = region('r3', { box: { y: 100, width: 800, height: 96 } });
    const findings = hierarchyFindings([navLink, cta(), intro], viewport);
    const weak = findings.find((f) => f.rule === 'primary-action-weak');
    expect(weak?.title).toBe('Primary action is weaker than navigation items');
    expect(weak?.regionIds).toEqual(['r2', 'r1']);
    expect(weak?.detail).toMatch(/^primary r2 0\.\d\d vs r1 1\.00 \(visual weight/);
  });

  it('flags a primary action below the fold', () => {
    const findings = hierarchyFindings(
      [region('r1'), cta({ box: { y: 1000, width: 100, height: 32 } })],
      viewport,
    );
    expect(findings.find((f) => f.rule === 'primary-action-below-fold')).toMatchObject({
      regionIds: ['r2'],
      detail: 'r2 starts at y=1000px, below the 800px first screen',
    });
  });
});
