/**
 * Findings about images of text: the words OCR read in an image region, and their contrast
 * measured from the image's own pixels (./pixelContrast.ts). Neither axe-core nor Lighthouse
 * looks inside images, so text drawn into a banner escapes their 1.4.3 checks.
 *   - WCAG 1.4.3 applies to images of text as to text: 4.5:1, or 3:1 for large text
 *     (https://www.w3.org/TR/WCAG21/#contrast-minimum).
 *   - WCAG 1.4.5 asks for text rather than images of text where the technology can present
 *     it, logos and essential presentation excepted (https://www.w3.org/TR/WCAG21/#images-of-text):
 *     an info note, since only a person can tell a logo.
 */
import type { Finding } from '@/utils/core/schemas/finding';
import type { OcrWord } from '@/utils/core/schemas/ocr';
import type { Region } from '@/utils/core/schemas/region';
import { tokenize } from '@/utils/core/ocr/words';
import { relativeLuminance, toHex } from '@/utils/core/measure/color';
import { requiredRatio } from '@/utils/core/measure/contrast';
import { px, ratioText } from '@/utils/core/measure/format';
import {
  fixedTextColour,
  glyphContrast,
  type GlyphContrast,
  type Pixels,
} from '@/utils/core/measure/pixelContrast';

/** What OCR read in one image region, with the pixels it read (device pixels of the capture). */
export interface ImageReading {
  region: Region;
  /** Word boxes in the crop's pixels. */
  words: readonly OcrWord[];
  pixels: Pixels;
  /** Crop pixels per CSS pixel. */
  scale: number;
}

/** Below this OCR confidence a word is not counted (stray marks in pictures read as words). */
export const WORD_MIN_CONFIDENCE = 0.6;

/**
 * Glyph box height as a share of the font size, for Latin text in common sans and serif
 * faces (Arial, Helvetica, Georgia): ascender or capital to baseline about 0.72 em, with a
 * descender about 0.93 em, x-height alone about 0.52 em. The font size is an estimate; the
 * detail says so.
 */
function emShare(word: string): number {
  if (/[gjpqy,;()]/.test(word)) return 0.93;
  if (/[A-Zbdfhiklt0-9]/.test(word)) return 0.72;
  return 0.52;
}

/** Large scale text (https://www.w3.org/TR/WCAG21/#dfn-large-scale) without knowing the weight: 24 px or more. */
const LARGE_PX = 24;

interface MeasuredWord {
  text: string;
  contrast: GlyphContrast;
  fontPx: number;
  required: number;
}

function measureWords(reading: ImageReading): { read: string[]; measured: MeasuredWord[] } {
  const read: string[] = [];
  const measured: MeasuredWord[] = [];
  for (const word of reading.words) {
    if (word.confidence < WORD_MIN_CONFIDENCE) continue;
    if (!tokenize(word.text).some((token) => token.key.length >= 2)) continue;
    const contrast = glyphContrast(reading.pixels, word.box);
    // A word whose box is not glyphs on an even ground is not counted as read either: in a
    // photo, OCR finds "words" in foliage and fabric.
    if (!contrast) continue;
    read.push(word.text);
    const fontPx = word.box.height / reading.scale / emShare(word.text);
    measured.push({ text: word.text, contrast, fontPx, required: requiredRatio('AA', fontPx >= LARGE_PX) });
  }
  return { read, measured };
}

const quote = (text: string, max = 60) =>
  `“${text.length > max ? `${text.slice(0, max - 1).trimEnd()}…` : text}”`;

const median = (values: readonly number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor((sorted.length - 1) / 2)]!;
};

/** The 1.4.3 finding and the 1.4.5 note for each image with readable words on an even ground. */
export function imageTextFindings(readings: readonly ImageReading[]): Omit<Finding, 'id'>[] {
  const findings: Omit<Finding, 'id'>[] = [];
  for (const reading of readings) {
    const { region } = reading;
    const { read, measured } = measureWords(reading);
    if (measured.length === 0) continue;
    const words = read.join(' ');
    const alt = region.name.trim();
    const name = quote(alt || words);
    const failing = measured.filter((w) => w.contrast.ratio < w.required);
    if (failing.length > 0) {
      // The median failing word stands for the image: one misread box moves it little.
      const ratio = median(failing.map((w) => w.contrast.ratio));
      const typical = failing.find((w) => w.contrast.ratio === ratio)!;
      const { text, ground } = typical.contrast;
      const fixed = fixedTextColour(text, ground, typical.required);
      const low = Math.min(...failing.map((w) => w.contrast.ratio));
      const size = failing.every((w) => w.fontPx >= LARGE_PX) ? 'large text' : 'text under 24 px';
      findings.push({
        title: `Text in the image ${name} is too faint to read`,
        detail:
          `${region.id}: ${ratioText(ratio, typical.required)} (needs ${typical.required}:1), ${toHex(text)} on ${toHex(ground)}, ` +
          `from the pixels of ${failing.length} of ${measured.length} words read (${quote(failing.map((w) => w.text).join(' '), 80)}, lowest ${ratioText(low)}); ` +
          `glyphs suggest about ${px(median(failing.map((w) => w.fontPx)))} type, ${size}`,
        why: 'Pale words are hard to read with low vision or on a bright screen, and words drawn into an image do not follow the reader’s own colour settings.',
        fix: fixed
          ? `Redraw the words in ${toHex(fixed)} or ${relativeLuminance(text) < relativeLuminance(ground) ? 'darker' : 'lighter'} on ${toHex(ground)} (${ratioText(typical.required)}), or set them as live text over the picture.`
          : `Redraw the image with a ground that lets the words reach ${typical.required}:1, or set them as live text over the picture.`,
        // Under two thirds of the threshold is critical, as for text (./contrast.ts).
        severity: ratio < (typical.required * 2) / 3 ? 'critical' : 'major',
        category: 'contrast',
        basis: 'measured',
        source: 'pixels',
        rule: 'wcag-1.4.3',
        regionIds: [region.id],
        // OCR's word boxes, a two-colour split and a font size told from glyph height.
        confidence: 0.8,
      });
    }
    findings.push({
      title: `The image ${name} shows text as pixels`,
      detail: `${region.id}: OCR read ${read.length} ${read.length === 1 ? 'word' : 'words'} on an even ground (${quote(words, 80)})${alt ? `; alt text ${quote(alt, 80)}` : '; no alt text'}`,
      why: 'Words in an image cannot be enlarged without blurring, re-spaced, recoloured or translated by their readers.',
      fix: `Set ${quote(words, 40)} as HTML text styled with CSS over the picture, unless the image is a logo or its exact look is essential (WCAG 1.4.5).`,
      severity: 'info',
      category: 'typography',
      basis: 'measured',
      source: 'pixels',
      rule: 'wcag-1.4.5',
      regionIds: [region.id],
      confidence: 0.8,
    });
  }
  return findings;
}
