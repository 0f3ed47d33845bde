/**
 * Contrast of text drawn into an image, from the image's own pixels: for WCAG 1.4.3, which
 * applies to images of text as to text (https://www.w3.org/TR/WCAG21/#contrast-minimum). A
 * word box read by OCR holds two populations, glyphs and the ground around them; anti-aliased
 * edges lie between. The box (with a margin) is split in two at Otsu's threshold on luma; the
 * ground is the side that holds most of the margin's outer ring; each side's colour is the mean
 * of the pixels near its histogram peak, so edge pixels and stray extremes (JPEG ringing, a
 * speck) move neither colour. Pure functions over RGBA buffers, tested on synthetic pixels.
 */
import type { Box } from '@/utils/core/schemas/region';
import { contrastRatio, relativeLuminance, type Rgba } from '@/utils/core/measure/color';

export interface Pixels {
  /** RGBA, 4 bytes a pixel, row by row (ImageData's layout). */
  data: Uint8ClampedArray | Uint8Array;
  width: number;
  height: number;
}

export interface GlyphContrast {
  ratio: number;
  text: Rgba;
  ground: Rgba;
  /** Otsu's separability (between-class over total variance), 0–1: near 1 for text on an even ground. */
  separation: number;
  /** Share of the box's pixels on the glyph side. */
  ink: number;
}

/** Below this separability the box is no longer two colours (text over a photo, a gradient). */
export const MIN_SEPARATION = 0.6;
/** A word's glyphs cover a minority of its box; outside this range it is not glyphs on a ground. */
const INK_RANGE = [0.02, 0.6] as const;
/** The ground must hold this share of the outer ring: text that runs into the ring is not on it. */
const RING_GROUND = 0.6;
/** Pixels within this luma of a side's peak make its colour, at most. */
const PEAK_BAND = 10;

const lumaAt = (data: Pixels['data'], i: number) =>
  (54 * data[i]! + 183 * data[i + 1]! + 19 * data[i + 2]!) >> 8;

/** Otsu's threshold: the luma that best splits a histogram in two, and how well it does. */
function otsu(histogram: Uint32Array, total: number): { threshold: number; separation: number } {
  let sum = 0;
  let sumSquares = 0;
  for (let v = 0; v < 256; v++) {
    sum += v * histogram[v]!;
    sumSquares += v * v * histogram[v]!;
  }
  const mean = sum / total;
  const variance = sumSquares / total - mean * mean;
  if (variance < 1) return { threshold: -1, separation: 0 };
  let best = -1;
  let threshold = -1;
  let weight = 0;
  let partial = 0;
  for (let v = 0; v < 255; v++) {
    weight += histogram[v]!;
    partial += v * histogram[v]!;
    if (weight === 0 || weight === total) continue;
    const low = partial / weight;
    const high = (sum - partial) / (total - weight);
    const between = weight * (total - weight) * (low - high) ** 2;
    if (between > best) [best, threshold] = [between, v];
  }
  return { threshold, separation: best / (total * total) / variance };
}

/** The luma at a side's histogram peak (a mode smoothed over five values). */
function peakOf(histogram: Uint32Array, from: number, to: number): number {
  let peak = from;
  let peakCount = -1;
  for (let v = from; v <= to; v++) {
    let count = 0;
    for (let w = Math.max(from, v - 2); w <= Math.min(to, v + 2); w++) count += histogram[w]!;
    if (count > peakCount) [peak, peakCount] = [v, count];
  }
  return peak;
}

/** The mean colour of the pixels within `band` of a luma peak, on its side of the threshold. */
function colourNear(pixels: Pixels, box: Box, peak: number, band: number, from: number, to: number): Rgba {
  const low = Math.max(from, peak - band);
  const high = Math.min(to, peak + band);
  let r = 0;
  let g = 0;
  let b = 0;
  let n = 0;
  forEachPixel(pixels, box, (i) => {
    const v = lumaAt(pixels.data, i);
    if (v < low || v > high) return;
    r += pixels.data[i]!;
    g += pixels.data[i + 1]!;
    b += pixels.data[i + 2]!;
    n++;
  });
  return { r: r / n, g: g / n, b: b / n, a: 1 };
}

function forEachPixel(pixels: Pixels, box: Box, visit: (index: number, x: number, y: number) => void) {
  for (let y = box.y; y < box.y + box.height; y++)
    for (let x = box.x; x < box.x + box.width; x++) visit(4 * (y * pixels.width + x), x, y);
}

/** The box grown by a margin of about a sixth of its height, inside the image, in whole pixels. */
function withMargin(pixels: Pixels, box: Box): Box {
  const margin = Math.max(2, Math.round(box.height / 6));
  const x = Math.max(0, Math.floor(box.x) - margin);
  const y = Math.max(0, Math.floor(box.y) - margin);
  const right = Math.min(pixels.width, Math.ceil(box.x + box.width) + margin);
  const bottom = Math.min(pixels.height, Math.ceil(box.y + box.height) + margin);
  return { x, y, width: Math.max(0, right - x), height: Math.max(0, bottom - y) };
}

/**
 * The contrast of the glyphs in a word box against the ground around them, or null when the
 * box is not text on an even ground (one colour, no clear split, the ground not around it).
 */
export function glyphContrast(pixels: Pixels, word: Box): GlyphContrast | null {
  const box = withMargin(pixels, word);
  if (box.width < 3 || box.height < 3) return null;
  const histogram = new Uint32Array(256);
  forEachPixel(pixels, box, (i) => histogram[lumaAt(pixels.data, i)]!++);
  const total = box.width * box.height;
  const { threshold, separation } = otsu(histogram, total);
  if (threshold < 0 || separation < MIN_SEPARATION) return null;

  let ring = 0;
  let ringDark = 0;
  forEachPixel(pixels, box, (i, x, y) => {
    if (x !== box.x && y !== box.y && x !== box.x + box.width - 1 && y !== box.y + box.height - 1) return;
    ring++;
    if (lumaAt(pixels.data, i) <= threshold) ringDark++;
  });
  const groundIsDark = ringDark * 2 > ring;
  const ringGround = (groundIsDark ? ringDark : ring - ringDark) / ring;
  let dark = 0;
  for (let v = 0; v <= threshold; v++) dark += histogram[v]!;
  const ink = (groundIsDark ? total - dark : dark) / total;
  if (ringGround < RING_GROUND || ink < INK_RANGE[0] || ink > INK_RANGE[1]) return null;

  // Edge pixels lie on one side of each peak only (toward the other colour): a band narrow
  // against the gap between the peaks keeps them out, wide enough for JPEG noise.
  const darkPeak = peakOf(histogram, 0, threshold);
  const lightPeak = peakOf(histogram, threshold + 1, 255);
  const band = Math.min(PEAK_BAND, Math.max(2, Math.round((lightPeak - darkPeak) / 8)));
  const darkColour = colourNear(pixels, box, darkPeak, band, 0, threshold);
  const lightColour = colourNear(pixels, box, lightPeak, band, threshold + 1, 255);
  const [text, ground] = groundIsDark ? [lightColour, darkColour] : [darkColour, lightColour];
  return { ratio: contrastRatio(text, ground), text, ground, separation, ink };
}

export interface TextLikelihood {
  /** Share of the image in its most common colour (4 bits a channel): an even ground. */
  groundShare: number;
  /** Share of pixels clearly lighter or darker than that ground: what could be glyphs. */
  inkShare: number;
  likely: boolean;
}

/** Images of text are mostly one even ground with a minority of marks on it. */
const MIN_GROUND_SHARE = 0.35;
const INK_PRE_RANGE = [0.01, 0.6] as const;
/** A luma step this large from the ground is a mark (#999 on #bbb differ by 34). */
const INK_STEP = 16;
/** At most this many pixels are sampled: the pre-check must cost next to nothing. */
const SAMPLES = 40_000;

/**
 * A cheap pre-check before OCR: does the image look like marks on an even ground? A photo
 * or a gradient spreads over many colours and fails it; a banner, a logo or a product on white
 * passes, and OCR then decides whether the marks are words.
 */
export function textLikelihood(pixels: Pixels): TextLikelihood {
  const count = pixels.width * pixels.height;
  const stride = Math.max(1, Math.floor(count / SAMPLES));
  const bins = new Uint32Array(4096);
  let sampled = 0;
  for (let p = 0; p < count; p += stride, sampled++) {
    const i = 4 * p;
    bins[((pixels.data[i]! >> 4) << 8) | ((pixels.data[i + 1]! >> 4) << 4) | (pixels.data[i + 2]! >> 4)]!++;
  }
  let top = 0;
  for (let b = 1; b < 4096; b++) if (bins[b]! > bins[top]!) top = b;
  const groundShare = sampled === 0 ? 0 : bins[top]! / sampled;
  const groundLuma =
    (54 * ((top >> 8) * 16 + 8) + 183 * (((top >> 4) & 15) * 16 + 8) + 19 * ((top & 15) * 16 + 8)) >> 8;
  let ink = 0;
  for (let p = 0; p < count; p += stride)
    if (Math.abs(lumaAt(pixels.data, 4 * p) - groundLuma) >= INK_STEP) ink++;
  const inkShare = sampled === 0 ? 0 : ink / sampled;
  const likely =
    groundShare >= MIN_GROUND_SHARE && inkShare >= INK_PRE_RANGE[0] && inkShare <= INK_PRE_RANGE[1];
  return { groundShare, inkShare, likely };
}

/**
 * The text colour moved toward black (text darker than its ground) or white (lighter) just
 * far enough to reach `required` against the ground, or null when even black or white cannot.
 */
export function fixedTextColour(text: Rgba, ground: Rgba, required: number): Rgba | null {
  const target = relativeLuminance(text) <= relativeLuminance(ground) ? 0 : 255;
  const mix = (t: number): Rgba => ({
    r: text.r + (target - text.r) * t,
    g: text.g + (target - text.g) * t,
    b: text.b + (target - text.b) * t,
    a: 1,
  });
  // Rounded to whole channels as a colour is written, and checked as written.
  const rounded = (c: Rgba): Rgba => ({ r: Math.round(c.r), g: Math.round(c.g), b: Math.round(c.b), a: 1 });
  if (contrastRatio(rounded(mix(1)), ground) < required) return null;
  let low = 0;
  let high = 1;
  for (let step = 0; step < 24; step++) {
    const mid = (low + high) / 2;
    if (contrastRatio(rounded(mix(mid)), ground) >= required) high = mid;
    else low = mid;
  }
  return rounded(mix(high));
}
