import { describe, expect, it } from 'vitest';
import { THUMB_HEIGHT, THUMB_WIDTH, thumbFrame } from '@/utils/background/render/thumb';

describe('thumbFrame', () => {
  it('shows the top of a tall page in a 3:2 frame', () => {
    expect(thumbFrame(1280, 9000)).toEqual({ sourceHeight: 853, width: THUMB_WIDTH, height: THUMB_HEIGHT });
  });

  it('keeps a short picture whole', () => {
    expect(thumbFrame(1280, 400)).toEqual({ sourceHeight: 400, width: 240, height: 75 });
  });

  it('never scales a small picture up', () => {
    expect(thumbFrame(120, 600)).toEqual({ sourceHeight: 80, width: 120, height: 80 });
  });
});
