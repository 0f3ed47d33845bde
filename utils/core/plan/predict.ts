/**
 * What a region will measure once its declarations apply, for the plan to check itself before
 * it is shown: the patched size, weight and colours, and the box grown or shrunk with the text.
 * An estimate (wrapping and padding are not known from styles), which is why the preview is
 * also re-measured on the real page.
 */
import { parseColor, textContrast } from '@/utils/core/measure/color';
import type { CssPatch } from '@/utils/core/schemas/plan';
import type { Region } from '@/utils/core/schemas/region';

export type Declarations = CssPatch[number]['declarations'];

/** `20px` → 20; anything else (em, %, keywords) → null. */
export function pixels(value: string | undefined): number | null {
  const match = value === undefined ? null : /^(-?\d+(?:\.\d+)?)px$/.exec(value.trim());
  return match ? Number(match[1]) : null;
}

/**
 * A box as one line of text inside padding: the text's width estimated at 0.55em per character
 * (capped by the box), the padding as what is left around it. Good for buttons and links.
 */
export function geometry(region: Region) {
  const { fontSize } = region.style;
  const line = region.style.lineHeight ?? 1.2 * fontSize;
  const text = Math.min(region.box.width, 0.55 * fontSize * Math.max(1, region.text.length));
  return {
    line,
    text,
    padY: Math.max(0, (region.box.height - line) / 2),
    padX: Math.max(0, (region.box.width - text) / 2),
  };
}

/**
 * A `max-width` in px, or in `ch` at 0.5em per character, the glyph width the line-length
 * measure assumes (utils/core/measure/typography.ts); null for anything else.
 */
function maxWidth(value: string | undefined, fontSize: number): number | null {
  const ch = value === undefined ? null : /^(\d+(?:\.\d+)?)ch$/.exec(value.trim());
  return ch ? Number(ch[1]) * 0.5 * fontSize : pixels(value);
}

export function predict(region: Region, declarations: Declarations | undefined): Region {
  if (!declarations || Object.keys(declarations).length === 0) return region;
  const { style } = region;
  const fontSize = pixels(declarations['font-size']) ?? style.fontSize;
  const grow = style.fontSize > 0 ? fontSize / style.fontSize : 1;
  // Padding in px replaces the estimated padding; the content inside grows with the text.
  const geo = geometry(region);
  const padY = pixels(declarations['padding-top']);
  const padX = pixels(declarations['padding-left']);
  const height =
    padY === null ? region.box.height * grow : (region.box.height - 2 * geo.padY) * grow + 2 * padY;
  const grown = padX === null ? region.box.width * grow : (region.box.width - 2 * geo.padX) * grow + 2 * padX;
  // A measure narrower than the box wraps the text onto more lines: the same area, taller.
  const limit = maxWidth(declarations['max-width'], fontSize);
  const width = limit !== null && limit < grown ? limit : grown;
  const wrapped = width < grown ? (height * grown) / width : height;
  const fontWeight = Number(declarations['font-weight'] ?? style.fontWeight) || style.fontWeight;
  // A new colour keeps the transparency the text showed with (an opacity stays in force), and
  // whatever extraction measured beyond the two colours (a gradient, a halo) still counts.
  const alpha = parseColor(style.color)?.a ?? 1;
  const written = declarations.color === undefined ? null : parseColor(declarations.color);
  const color = written ? `rgba(${written.r}, ${written.g}, ${written.b}, ${alpha})` : style.color;
  const background = declarations['background-color'] ?? style.background;
  const recolored = color !== style.color || background !== style.background;
  const colorsOnly = textContrast(style.color, style.background)?.ratio;
  const shortfall = colorsOnly && style.contrast ? Math.max(1, colorsOnly / style.contrast) : 1;
  const now = textContrast(color, background)?.ratio;
  const contrast = recolored ? (now === undefined ? null : now / shortfall) : style.contrast;
  const lineHeight =
    declarations['line-height'] !== undefined
      ? Number(declarations['line-height']) * fontSize || null
      : style.lineHeight === null
        ? null
        : style.lineHeight * grow;
  return {
    ...region,
    box: { ...region.box, width, height: wrapped },
    style: {
      ...style,
      fontSize,
      fontWeight,
      lineHeight,
      color,
      background,
      backgroundKind: declarations['background-color'] ? 'solid' : style.backgroundKind,
      contrast: contrast === null ? null : Math.min(21, Math.max(1, contrast)),
    },
  };
}

/** Every region as the patch would draw it, by the same estimate. */
export function predictPatch(regions: readonly Region[], patch: CssPatch): Region[] {
  const byId = new Map(patch.map((p) => [p.regionId, p.declarations]));
  return regions.map((r) => predict(r, byId.get(r.id)));
}
