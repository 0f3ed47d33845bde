import { describe, expect, it } from 'vitest';
import { imageTextFindings, type ImageReading } from '@/utils/core/measure/imagesOfText';
import type { Pixels } from '@/utils/core/measure/pixelContrast';
import { Finding } from '@/utils/core/schemas/finding';
import { type OcrWord } from '@/utils/core/schemas/ocr';
import { region } from '@/test/fixtures/regions';

type Rgb = [number, number, number];

/**
 * A banner at 1 device pixel per CSS pixel: each word a run of 3 px stems every 8 px, `height`
 * px tall, 20 px apart on one line, in `ink` on `ground`.
 */
function banner(words: string[], ink: Rgb, ground: Rgb, height = 20, confidence = 0.9) {
  const width = 40 + words.reduce((sum, w) => sum + w.length * 8 + 20, 0);
  const data = new Uint8ClampedArray(width * 80 * 4);
  const ocr: OcrWord[] = [];
  for (let i = 0; i < width * 80; i++) data.set([...ground, 255], 4 * i);
  let x0 = 20;
  for (const text of words) {
    const box = { x: x0, y: 30, width: text.length * 8, height };
    for (let y = box.y; y < box.y + height; y++)
      for (let x = box.x; x < box.x + box.width; x++)
        if ((x - box.x) % 8 < 3) data.set([...ink, 255], 4 * (y * width + x));
    ocr.push({ text, confidence, box });
    x0 += box.width + 20;
  }
  const pixels: Pixels = { data, width, height: 80 };
  return { pixels, words: ocr };
}

const image = (id: string, alt: string) =>
  region(id, {
    kind: 'media',
    tag: 'img',
    role: 'img',
    name: alt,
    text: '',
    box: { width: 600, height: 80 },
  });

const reading = (id: string, alt: string, drawn: ReturnType<typeof banner>): ImageReading => ({
  region: image(id, alt),
  ...drawn,
  scale: 1,
});

describe('findings about images of text', () => {
  it('a pale banner: a 1.4.3 finding measured from pixels, and the 1.4.5 note, both in plain words', () => {
    const findings = imageTextFindings([
      reading(
        'r4',
        'Spring sale banner',
        banner(['Spring', 'sale', 'today'], [153, 153, 153], [187, 187, 187]),
      ),
    ]);
    expect(findings.map((f) => f.rule)).toEqual(['wcag-1.4.3', 'wcag-1.4.5']);
    const [contrast, note] = findings.map((f) => Finding.parse({ id: 'x', ...f }));
    expect(contrast).toMatchObject({
      category: 'contrast',
      basis: 'measured',
      source: 'pixels',
      severity: 'critical',
      regionIds: ['r4'],
    });
    expect(contrast!.title).toBe('Text in the image “Spring sale banner” is too faint to read');
    expect(contrast!.detail).toMatch(
      /^r4: 1\.48:1 \(needs 4\.5:1\), #999999 on #bbbbbb, from the pixels of 3 of 3 words/,
    );
    expect(contrast!.fix).toMatch(/^Redraw the words in #[0-9a-f]{6} or darker on #bbbbbb \(4\.50:1\)/);
    expect(note).toMatchObject({
      severity: 'info',
      category: 'typography',
      source: 'pixels',
      regionIds: ['r4'],
    });
    expect(note!.why).toBeTruthy();
    expect(note!.fix).toContain('“Spring sale today”');
    for (const f of findings) expect(f.title).not.toMatch(/\br\d+\b/);
  });

  it('names an image without alt text by the words read in it', () => {
    const [contrast] = imageTextFindings([
      reading('r2', '', banner(['Free', 'shipping'], [153, 153, 153], [187, 187, 187])),
    ]);
    expect(contrast!.title).toBe('Text in the image “Free shipping” is too faint to read');
  });

  it('a dark-on-white banner passes 1.4.3 and keeps its 1.4.5 note', () => {
    const findings = imageTextFindings([
      reading('r1', 'Logo', banner(['Acme', 'Tools'], [17, 17, 17], [255, 255, 255])),
    ]);
    expect(findings.map((f) => f.rule)).toEqual(['wcag-1.4.5']);
  });

  it('holds large type to 3:1: grey at 3.5:1 fails at 20 px glyphs and passes at 40 px', () => {
    // #888 on white is 3.54:1. Glyphs of capitals and ascenders are about 0.72 em.
    const small = imageTextFindings([
      reading('r1', '', banner(['Hello', 'World'], [136, 136, 136], [255, 255, 255], 14)),
    ]);
    expect(small.map((f) => f.rule)).toEqual(['wcag-1.4.3', 'wcag-1.4.5']);
    expect(small[0]!.detail).toMatch(/about 19\.4px type, text under 24 px/);
    const large = imageTextFindings([
      reading('r1', '', banner(['Hello', 'World'], [136, 136, 136], [255, 255, 255], 40)),
    ]);
    expect(large.map((f) => f.rule)).toEqual(['wcag-1.4.5']);
  });

  it('finds nothing in words OCR is unsure of, or in word boxes that are not glyphs on a ground', () => {
    const unsure = banner(['Spring', 'sale'], [153, 153, 153], [187, 187, 187], 20, 0.3);
    expect(imageTextFindings([reading('r1', 'Banner', unsure)])).toEqual([]);
    // A "word" read in a photo: its box holds a smooth shading, not two colours.
    const photo = banner(['Tree'], [0, 0, 0], [0, 0, 0]);
    for (let i = 0; i < photo.pixels.width * photo.pixels.height; i++) {
      const x = i % photo.pixels.width;
      photo.pixels.data.set([x % 200, 120, 60, 255], 4 * i);
    }
    expect(imageTextFindings([reading('r1', 'Banner', photo)])).toEqual([]);
  });
});
