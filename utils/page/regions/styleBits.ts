/**
 * The computed properties region extraction may read beyond `display`, as bits of a mask, and
 * which declared properties set them.
 */
export const OPACITY = 1;
export const VISIBILITY = 2;
export const OVERFLOW = 4;
export const BG_COLOR = 8;
export const BG_IMAGE = 16;
export const COLOR = 32;
export const TEXT_SHADOW = 64;
export const TEXT_STROKE = 128;
export const TEXT_FILL = 256;
export const BORDER = 512;
export const BOX_SHADOW = 1024;
export const CLIP = 2048;
export const EVERY = 4095;
/** Not a property to read: a declaration of `color-scheme`, which changes system colors. */
export const SCHEME = 4096;
/** The inherited properties that paint text. */
export const INK = COLOR | TEXT_SHADOW | TEXT_STROKE | TEXT_FILL;

export const PROPERTY_BITS: Record<string, number> = {
  opacity: OPACITY,
  visibility: VISIBILITY,
  'overflow-x': OVERFLOW,
  'overflow-y': OVERFLOW,
  'background-color': BG_COLOR,
  'background-image': BG_IMAGE,
  color: COLOR,
  // System colors (Canvas, CanvasText) follow the color scheme.
  'color-scheme': COLOR | BG_COLOR | SCHEME,
  'text-shadow': TEXT_SHADOW,
  '-webkit-text-stroke-width': TEXT_STROKE,
  '-webkit-text-stroke-color': TEXT_STROKE,
  '-webkit-text-fill-color': TEXT_FILL,
  'border-top-style': BORDER,
  'border-top-width': BORDER,
  'box-shadow': BOX_SHADOW,
  clip: CLIP,
  'clip-path': CLIP,
  all: EVERY,
};

export const SHORTHAND_BITS: Record<string, number> = {
  background: BG_COLOR | BG_IMAGE,
  overflow: OVERFLOW,
  border: BORDER,
  'border-top': BORDER,
  'border-style': BORDER,
  'border-width': BORDER,
  '-webkit-text-stroke': TEXT_STROKE,
};
export const kebab = (camel: string) =>
  camel.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`).replace(/^webkit-/, '-webkit-');

/** The bits a declaration block sets. */
export function declared(style: CSSStyleDeclaration): number {
  let mask = 0;
  for (let i = 0; i < style.length; i++) mask |= PROPERTY_BITS[style[i]!] ?? 0;
  return mask;
}
