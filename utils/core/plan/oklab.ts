/**
 * OKLab and OKLCh, a perceptual colour space in which Euclidean distance tracks how different
 * two colours look and hue is an angle that lightness changes leave alone (Björn Ottosson, "A
 * perceptual color space for image processing", 2020; CSS Color 4 §9,
 * https://www.w3.org/TR/css-color-4/#ok-lab). The restage uses it to find the nearest colour
 * that passes a contrast check, and to darken or lighten a colour without changing its hue.
 */
import type { Rgba } from '@/utils/core/measure/color';

export interface Oklab {
  L: number;
  a: number;
  b: number;
}

const toLinear = (c: number) => {
  const s = c / 255;
  return s <= 0.04045 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
};
const fromLinear = (c: number) => 255 * (c <= 0.0031308 ? 12.92 * c : 1.055 * c ** (1 / 2.4) - 0.055);

export function toOklab({ r, g, b }: Rgba): Oklab {
  const [lr, lg, lb] = [toLinear(r), toLinear(g), toLinear(b)];
  const l = Math.cbrt(0.4122214708 * lr + 0.5363325363 * lg + 0.0514459929 * lb);
  const m = Math.cbrt(0.2119034982 * lr + 0.6806995451 * lg + 0.1073969566 * lb);
  const s = Math.cbrt(0.0883024619 * lr + 0.2817188376 * lg + 0.6299787005 * lb);
  return {
    L: 0.2104542553 * l + 0.793617785 * m - 0.0040720468 * s,
    a: 1.9779984951 * l - 2.428592205 * m + 0.4505937099 * s,
    b: 0.0259040371 * l + 0.7827717662 * m - 0.808675766 * s,
  };
}

function linearRgb({ L, a, b }: Oklab): [number, number, number] {
  const l = (L + 0.3963377774 * a + 0.2158037573 * b) ** 3;
  const m = (L - 0.1055613458 * a - 0.0638541728 * b) ** 3;
  const s = (L - 0.0894841775 * a - 1.291485548 * b) ** 3;
  return [
    4.0767416621 * l - 3.3077115913 * m + 0.2309699292 * s,
    -1.2684380046 * l + 2.6097574011 * m - 0.3413193965 * s,
    -0.0041960863 * l - 0.7034186147 * m + 1.707614701 * s,
  ];
}

const inGamut = (lab: Oklab) => linearRgb(lab).every((c) => c >= -1e-4 && c <= 1 + 1e-4);

/**
 * Back to 8-bit sRGB, opaque. A colour outside sRGB loses chroma, not hue, until it fits (as CSS
 * Color 4 maps colours into gamut, https://www.w3.org/TR/css-color-4/#gamut-mapping, by
 * bisection on chroma here): a darkened blue stays that blue, only less saturated.
 */
export function fromOklab(lab: Oklab): Rgba {
  let fitted = lab;
  if (!inGamut(lab)) {
    let [low, high] = [0, 1];
    for (let i = 0; i < 20; i++) {
      const mid = (low + high) / 2;
      if (inGamut({ L: lab.L, a: lab.a * mid, b: lab.b * mid })) low = mid;
      else high = mid;
    }
    fitted = { L: lab.L, a: lab.a * low, b: lab.b * low };
  }
  const channel = (linear: number) => Math.round(Math.min(255, Math.max(0, fromLinear(linear))));
  const [r, g, b] = linearRgb(fitted);
  return { r: channel(r), g: channel(g), b: channel(b), a: 1 };
}

/** ΔE in OKLab: 0 for the same colour, about 0.02 for a just noticeable difference, 1 black to white. */
export function distance(one: Rgba, other: Rgba): number {
  const [p, q] = [toOklab(one), toOklab(other)];
  return Math.hypot(p.L - q.L, p.a - q.a, p.b - q.b);
}

/** Below this chroma a colour reads as a grey (OKLCh C; pure sRGB primaries reach 0.2–0.32). */
export const GREY_CHROMA = 0.03;

export function chroma(color: Rgba): number {
  const { a, b } = toOklab(color);
  return Math.hypot(a, b);
}

/** Hue angle in degrees, 0–360. */
export function hue(color: Rgba): number {
  const { a, b } = toOklab(color);
  return ((Math.atan2(b, a) * 180) / Math.PI + 360) % 360;
}
