import { describe, expect, it } from 'vitest';
import { blobToDataUrl, dataUrlBytes, dataUrlToBlob } from '@/utils/core/dataUrl';

describe('data URLs and Blobs', () => {
  it('round-trips every byte value and the type, beyond one encoding chunk', async () => {
    const bytes = Uint8Array.from({ length: 0x8000 * 2 + 7 }, (_, i) => (i * 31) % 256);
    const url = await blobToDataUrl(new Blob([bytes], { type: 'image/webp' }));
    expect(url.startsWith('data:image/webp;base64,')).toBe(true);
    expect(url.slice(23)).toBe(Buffer.from(bytes).toString('base64'));
    expect(dataUrlBytes(url)).toBe(bytes.length);
    const back = dataUrlToBlob(url);
    expect(back.type).toBe('image/webp');
    expect(new Uint8Array(await back.arrayBuffer())).toEqual(bytes);
  });

  it('names an untyped Blob by the fallback type', async () => {
    expect(await blobToDataUrl(new Blob([new Uint8Array([1, 2])]), 'image/png')).toBe(
      'data:image/png;base64,AQI=',
    );
    expect(await blobToDataUrl(new Blob([new Uint8Array([1, 2])]))).toBe(
      'data:application/octet-stream;base64,AQI=',
    );
  });

  it('reads parameters before base64, and percent-encoded data', async () => {
    const svg = dataUrlToBlob('data:image/svg+xml;charset=utf-8;base64,PHN2Zy8+');
    expect(svg.type).toBe('image/svg+xml');
    expect(await svg.text()).toBe('<svg/>');
    const text = dataUrlToBlob('data:text/plain;charset=utf-8,caf%C3%A9%20%E2%9C%93');
    expect(await text.text()).toBe('café ✓');
    expect(dataUrlBytes('data:text/plain,caf%C3%A9')).toBe(5);
  });

  it('rejects what is not a data URL', () => {
    expect(() => dataUrlToBlob('https://example.com/a.png')).toThrow('Not a data URL.');
  });
});
