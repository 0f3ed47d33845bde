import { expect, it } from 'vitest';
import { textAlignOf } from '@/utils/page/regions/toRegion';
import { RegionStyle } from '@/utils/core/schemas/region';

it('folds computed text-align values into the schema’s', () => {
  const computed = [
    'center',
    '-webkit-center',
    'left',
    '-webkit-left',
    'right',
    '-webkit-right',
    'start',
    'end',
    'justify',
    'match-parent',
  ];
  expect(computed.map(textAlignOf)).toEqual([
    'center',
    'center',
    'left',
    'left',
    'right',
    'right',
    'start',
    'end',
    'justify',
    'start',
  ]);
});

it('reads a style saved before text-align was kept', () => {
  const saved = {
    fontSize: 16,
    fontWeight: 400,
    lineHeight: null,
    fontFamily: 'Arial',
    color: 'rgba(0, 0, 0, 1)',
    background: 'rgba(255, 255, 255, 1)',
    backgroundKind: 'solid',
    contrast: 21,
  };
  expect(RegionStyle.parse(saved).textAlign).toBeUndefined();
});
