import { describe, expect, it } from 'vitest';
import { coveredTo, heightNotes, isLastFrame } from '@/utils/background/capture/growth';

describe('coveredTo', () => {
  it('never goes past the bound, however far the last frame went', () => {
    expect(coveredTo(4085, 3285)).toBe(3285);
  });

  it('counts a bottom within a pixel of the bound as the bound', () => {
    expect(coveredTo(3284.4, 3285)).toBe(3285);
  });

  it('is the last frame’s bottom when that is above the bound', () => {
    expect(coveredTo(2466, 3606)).toBe(2466);
  });
});

describe('isLastFrame', () => {
  it('is not the last while the bound is still below the frame', () => {
    expect(isLastFrame(1600, 3285, 3285)).toBe(false);
  });

  it('is the last at the bound even though the page goes on below it', () => {
    expect(isLastFrame(3285, 3285, 6570)).toBe(true);
  });

  it('is the last at the page’s end once the page has shrunk above the bound', () => {
    expect(isLastFrame(2466, 3606, 2466)).toBe(true);
  });

  it('allows for a fractional scroll position a pixel short of the end', () => {
    expect(isLastFrame(3284.4, 3285, 3285)).toBe(true);
  });
});

describe('heightNotes', () => {
  it('says nothing when the page kept its height', () => {
    expect(heightNotes({ start: 3036, heights: [3036, 3036, 3036, 3036], reached: 3036 })).toEqual([]);
  });

  it('says nothing when no frame was measured', () => {
    expect(heightNotes({ start: 3036, heights: [], reached: 0 })).toEqual([]);
  });

  it('names the start, the largest height seen and where the capture stops when the page grew', () => {
    expect(heightNotes({ start: 3285, heights: [3285, 3285, 6570, 9855], reached: 3285 })).toEqual([
      'The page grew from 3,285 px to 9,855 px while it was scrolled for the capture; ' +
        'the capture stops at 3,285 px, its height when the capture began.',
    ]);
  });

  it('does not call a canvas-limit stop the start height', () => {
    expect(heightNotes({ start: 40_000, heights: [40_000, 41_000], reached: 32_767 })).toEqual([
      'The page grew from 40,000 px to 41,000 px while it was scrolled for the capture; ' +
        'the capture stops at 32,767 px.',
    ]);
  });

  it('names the start, the smallest height seen and where the capture ends when the page shrank', () => {
    expect(heightNotes({ start: 3606, heights: [3606, 2466, 2466], reached: 2466 })).toEqual([
      'The page shrank from 3,606 px to 2,466 px while it was scrolled for the capture; ' +
        'the capture ends at 2,466 px, where the page now ends.',
    ]);
  });

  it('does not say the page ends where the capture does when the page shrank less than that', () => {
    expect(heightNotes({ start: 40_000, heights: [39_000], reached: 32_767 })).toEqual([
      'The page shrank from 40,000 px to 39,000 px while it was scrolled for the capture; ' +
        'the capture ends at 32,767 px.',
    ]);
  });

  it('gives both sentences for a page that shrank and then grew', () => {
    const notes = heightNotes({ start: 3000, heights: [2000, 5000], reached: 2000 });
    expect(notes).toHaveLength(2);
    expect(notes[0]).toMatch(/^The page grew from 3,000 px to 5,000 px/);
    expect(notes[1]).toMatch(/^The page shrank from 3,000 px to 2,000 px/);
  });
});
