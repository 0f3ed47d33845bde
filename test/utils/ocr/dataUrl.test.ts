import { describe, expect, it } from 'vitest';
import { blobToDataUrl, dataUrlToBlob } from '@/utils/ocr/dataUrl';

describe('images as data URLs across messages', () => {
  it('round-trips every byte value and the type, beyond one encoding chunk', async () => {
    const bytes = Uint8Array.from({ length: 0x8000 * 2 + 7 }, (_, i) => (i * 31) % 256);
    const url = await blobToDataUrl(new Blob([bytes], { type: 'image/webp' }));
    expect(url.startsWith('data:image/webp;base64,')).toBe(true);
    expect(url.slice(23)).toBe(Buffer.from(bytes).toString('base64'));
    const back = dataUrlToBlob(url);
    expect(back.type).toBe('image/webp');
    expect(new Uint8Array(await back.arrayBuffer())).toEqual(bytes);
  });

  it('rejects what is not a base64 data URL', () => {
    expect(() => dataUrlToBlob('https://example.com/a.png')).toThrow('Expected a base64 data URL.');
  });
});
