import { describe, expect, it } from 'vitest';
import { density, densityFindings } from '@/utils/core/measure/density';
import { region } from '@/test/fixtures/regions';

const viewport = { width: 1280, height: 800 };

describe('density', () => {
  it('counts regions per screen and splits text coverage across screens', () => {
    const spanning = region('r1', { box: { x: 0, y: 700, width: 1280, height: 200 } });
    const below = region('r2', { box: { x: 0, y: 1700, width: 640, height: 100 } });
    const result = density([spanning, below], viewport);
    expect(result.perScreen).toEqual([1, 0, 1]);
    expect(result.textCoverage).toEqual([0.125, 0.125, 0.0625]);
  });

  it('flags a screen holding more than 60 elements', () => {
    const crowd = Array.from({ length: 70 }, (_, i) =>
      region(`r${i + 1}`, { box: { x: (i % 10) * 100, y: Math.floor(i / 10) * 40, width: 90, height: 30 } }),
    );
    const finding = densityFindings(crowd, viewport).find((f) => f.title === 'Crowded screen');
    expect(finding?.detail).toBe('70 elements in screen 1 of 1 (over 60); per screen: 70');
    expect(finding?.regionIds).toHaveLength(70);
  });

  it('flags text covering more than half a screen, with the text-to-whitespace ratio', () => {
    const wall = region('r1', { text: 'word '.repeat(200), box: { width: 1280, height: 500 } });
    expect(densityFindings([wall], viewport)).toEqual([
      expect.objectContaining({
        detail: 'text boxes cover 63% of screen 1 (text-to-whitespace 1.7:1)',
        regionIds: ['r1'],
      }),
    ]);
    expect(densityFindings([region('r1', { box: { width: 1280, height: 300 } })], viewport)).toEqual([]);
  });
});
