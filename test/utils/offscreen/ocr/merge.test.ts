import { describe, expect, it } from 'vitest';
import { mergeWords, shift } from '@/utils/offscreen/ocr/merge';
import type { OcrWord } from '@/utils/core/schemas/ocr';

const word = (text: string, x: number, confidence = 0.9, y = 0): OcrWord => ({
  text,
  confidence,
  box: { x, y, width: 40, height: 16 },
});

describe('merging the whole-image and crop readings', () => {
  it('adds crop words read where the whole pass read nothing', () => {
    const merged = mergeWords([word('Plans', 0)], shift([word('Start', 0), word('free', 50)], 100, 200));
    expect(merged.map((w) => [w.text, w.box.x, w.box.y])).toEqual([
      ['Plans', 0, 0],
      ['Start', 100, 200],
      ['free', 150, 200],
    ]);
  });

  it('keeps one word per place: the surer reading', () => {
    const merged = mergeWords(
      [word('Covi', 100, 0.28), word('Team', 300)],
      [word('Start', 104, 0.96), word('Tearn', 302, 0.5)],
    );
    expect(merged.map((w) => w.text)).toEqual(['Start', 'Team']);
  });
});
