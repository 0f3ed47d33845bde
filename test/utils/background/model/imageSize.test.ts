import { describe, expect, it } from 'vitest';
import {
  MAX_PIXELS,
  MIN_PIXELS,
  pickImageSize,
  PREFERRED_MAX_PIXELS,
} from '@/utils/background/model/imageSize';

const parse = (size: string) => size.split('x').map(Number) as [number, number];

describe('image size for the next state', () => {
  it('keeps a viewport’s own size on gpt-image-2 when it is within the limits', () => {
    expect(pickImageSize('gpt-image-2', { width: 1280, height: 800 })).toBe('1280x800');
    expect(pickImageSize('gpt-image-2-2026-04-21', { width: 1440, height: 900 })).toBe('1440x896');
  });

  it('holds every gpt-image-2 rule for viewports from phones to ultra-wide, 1× and 2×', () => {
    for (const [w, h] of [
      [390, 844],
      [360, 640],
      [768, 1024],
      [1280, 800],
      [1366, 768],
      [1920, 1080],
      [2560, 1600],
      [3840, 1080],
      [5000, 500],
      [320, 4000],
      [800, 600],
      [100, 100],
      [7680, 4320],
    ] as const) {
      const [width, height] = parse(pickImageSize('gpt-image-2', { width: w, height: h }));
      expect(width % 16, `${w}×${h}`).toBe(0);
      expect(height % 16, `${w}×${h}`).toBe(0);
      expect(Math.max(width / height, height / width), `${w}×${h}`).toBeLessThanOrEqual(3);
      expect(Math.max(width, height), `${w}×${h}`).toBeLessThanOrEqual(3840);
      expect(width * height, `${w}×${h}`).toBeGreaterThanOrEqual(MIN_PIXELS);
      expect(width * height, `${w}×${h}`).toBeLessThanOrEqual(
        Math.min(MAX_PIXELS, PREFERRED_MAX_PIXELS + 16 * 3840),
      );
      // The aspect follows the viewport's (clamped to 1:3–3:1) within rounding.
      const want = Math.min(3, Math.max(1 / 3, w / h));
      expect(Math.abs(Math.log(width / height / want)), `${w}×${h}`).toBeLessThan(0.06);
    }
  });

  it('picks the closest fixed size for the other GPT image models', () => {
    expect(pickImageSize('gpt-image-1.5', { width: 1280, height: 800 })).toBe('1536x1024');
    expect(pickImageSize('gpt-image-1', { width: 390, height: 844 })).toBe('1024x1536');
    expect(pickImageSize('gpt-image-1-mini', { width: 1000, height: 900 })).toBe('1024x1024');
    expect(pickImageSize('chatgpt-image-latest', { width: 1920, height: 1080 })).toBe('1536x1024');
  });
});
