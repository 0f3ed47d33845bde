import { describe, expect, it } from 'vitest';
import { encodePng, readPngSize } from '@/test/fake-openai/png';
import { blobToDataUrl, dataUrlToBlob } from '@/utils/core/dataUrl';
import { prepareScreenshot } from '@/utils/background/model/screenshot';

describe('screenshot for the planner', () => {
  it('round-trips data URLs and Blobs byte for byte', async () => {
    const png = encodePng(33, 17);
    const url = `data:image/png;base64,${png.toString('base64')}`;
    const blob = dataUrlToBlob(url);
    expect(blob.type).toBe('image/png');
    expect(Buffer.from(await blob.arrayBuffer()).equals(png)).toBe(true);
    expect(await blobToDataUrl(blob)).toBe(url);
  });

  it('sends a screenshot within budget as it is', async () => {
    const image = new Blob([new Uint8Array(encodePng(640, 400))], { type: 'image/png' });
    const prepared = await prepareScreenshot(
      { image, width: 640, height: 400 },
      { resize: () => Promise.reject(new Error('no resize expected')) },
    );
    expect(prepared).toMatchObject({
      width: 640,
      height: 400,
      tokens: 422,
      scaled: false,
      bytes: image.size,
    });
    expect(prepared.dataUrl).toBe(await blobToDataUrl(image));
  });

  it('asks the resizer for the budget size and sends what it returns', async () => {
    const asked: string[] = [];
    const prepared = await prepareScreenshot(
      {
        image: `data:image/png;base64,${encodePng(2560, 1600).toString('base64')}`,
        width: 2560,
        height: 1600,
      },
      {
        resize: async (blob, size) => {
          expect(readPngSize(new Uint8Array(await blob.arrayBuffer()))).toEqual({
            width: 2560,
            height: 1600,
          });
          asked.push(`${size.width}x${size.height}`);
          return new Blob([new Uint8Array(encodePng(size.width, size.height))], { type: 'image/png' });
        },
      },
    );
    expect(asked).toEqual(['1248x780']);
    expect(prepared).toMatchObject({ width: 1248, height: 780, tokens: 1580, scaled: true });
    expect(readPngSize(Buffer.from(await dataUrlToBlob(prepared.dataUrl).arrayBuffer()))).toEqual({
      width: 1248,
      height: 780,
    });
  });
});
