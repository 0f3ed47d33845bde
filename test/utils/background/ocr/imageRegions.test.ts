import { describe, expect, it } from 'vitest';
import { MAX_IMAGES, TEXT_ALT, chooseImages } from '@/utils/background/ocr/imageRegions';
import { region } from '@/test/fixtures/regions';

describe('alt text that says an image holds words', () => {
  it('names a kind of image made of words', () => {
    for (const alt of [
      'Spring sale banner',
      'Acme logo',
      'Concert poster photo',
      'Opening hours sign',
      'Menu',
    ])
      expect(TEXT_ALT.test(alt), alt).toBe(true);
  });

  it('does not take a description of a scene for one', () => {
    for (const alt of [
      'Evening sky over the ridge',
      'Rick Astley smiling',
      'A tent by a lake',
      'Signed copy',
      '',
    ])
      expect(TEXT_ALT.test(alt), alt).toBe(false);
  });
});

describe('which images are read', () => {
  const image = (id: string, alt: string) =>
    region(id, { kind: 'media', tag: 'img', name: alt, text: '', box: { width: 300, height: 100 } });

  it('reads those whose pixels look like text first, then those whose alt text names words, up to the cap', () => {
    const candidates = [
      { region: image('r1', 'A lake at dawn'), likely: false },
      { region: image('r2', 'Shop logo'), likely: false },
      ...Array.from({ length: MAX_IMAGES }, (_, i) => ({ region: image(`r${i + 3}`, ''), likely: true })),
    ];
    const { chosen, capped, passed } = chooseImages(candidates);
    expect(chosen.map((c) => c.region.id)).toEqual(Array.from({ length: MAX_IMAGES }, (_, i) => `r${i + 3}`));
    expect(capped).toBe(1);
    expect(passed).toBe(1);
    expect(chooseImages(candidates.slice(0, 3)).chosen.map((c) => c.region.id)).toEqual(['r3', 'r2']);
  });
});
