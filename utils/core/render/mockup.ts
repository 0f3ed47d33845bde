/**
 * The clearer alternative as an exact HTML mockup: the page's own regions in blueprint order,
 * on the blueprint's type scale and spacing, in the page's own colors and fonts. It adds no
 * words: every visible string is a region's text (or, for a control or field without text, its
 * accessible name), so "same content" can be checked on the output itself.
 */
import { structuralIds } from '@/utils/core/measure/layout';
import { pageBackground } from '@/utils/core/measure/weight';
import { CssDeclarations, type Blueprint, type CssPatch } from '@/utils/core/schemas/plan';
import { type Region } from '@/utils/core/schemas/region';
import { escapeHtml as e, htmlDocument, styleAttribute } from '@/utils/core/render/html';
import {
  safeColor,
  sectionStyle,
  SPACE,
  textStyle,
  type Placement,
  type Style,
} from '@/utils/core/render/mockupStyle';

export interface MockupInput {
  title: string;
  url: string;
  viewportWidth: number;
  regions: Region[];
  blueprint: Blueprint;
  cssPatch: CssPatch;
  /** Images as data URLs by region id (./crops.ts); an image without one keeps its place and alt text. */
  images?: ReadonlyMap<string, string>;
}

import { MOCKUP_CSP } from '@/utils/core/render/frozenResources';

export { MOCKUP_CSP };

/** The only image sources the mockup takes: base64 PNG, JPEG, GIF or WebP data. */
const IMAGE_DATA = /^data:image\/(png|jpeg|gif|webp);base64,[A-Za-z0-9+/]+=*$/;

/** Patch properties left out: the mockup keeps the page's palette, and a block column has no order or gap. */
const SKIPPED = new Set(['color', 'background-color', 'order', 'gap']);

/** Schema-valid patch declarations by region, so the mockup and the in-place preview agree. */
function patchByRegion(cssPatch: CssPatch): Map<string, Style> {
  const byRegion = new Map<string, Style>();
  for (const entry of cssPatch) {
    if (!CssDeclarations.safeParse(entry.declarations).success) continue;
    const kept = Object.entries(entry.declarations).filter(([property]) => !SKIPPED.has(property));
    byRegion.set(entry.regionId, { ...byRegion.get(entry.regionId), ...Object.fromEntries(kept) });
  }
  return byRegion;
}

const headingLevel = (region: Region) => Math.min(6, Math.max(1, region.headingLevel ?? 2));

function regionHtml(
  id: string,
  region: Region | undefined,
  at: Placement,
  image: string | undefined,
): string {
  const attr = `data-region="${e(id)}"`;
  // An id the page does not have, or a structural container: counted once, shows nothing.
  if (!region) return `<div ${attr} data-unknown="" aria-hidden="true"></div>`;
  if (region.kind === 'container' && (at.structural.has(id) || region.text === '')) {
    return `<div ${attr} aria-hidden="true"></div>`;
  }
  const style = `style="${e(styleAttribute(textStyle(region, at)))}"`;
  const masked = region.flags.private;
  const words = masked || region.text !== '' ? region.text : region.name;
  switch (region.kind) {
    case 'heading': {
      const tag = `h${headingLevel(region)}`;
      return `<${tag} ${attr} ${style}>${e(region.text)}</${tag}>`;
    }
    case 'control':
      // Links stay links; buttons are drawn as buttons (./mockupStyle.ts gives them a frame).
      return region.tag === 'a' || region.role === 'link'
        ? `<span class="link" ${attr} ${style}>${e(words)}</span>`
        : `<button type="button" ${attr}${region.flags.disabled ? ' disabled' : ''} ${style}>${e(words)}</button>`;
    case 'field': {
      const label = masked || region.name === '' ? '' : ` aria-label="${e(region.name)}"`;
      // A select shows its visible choice; a text area and an input their value or placeholder.
      if (region.tag === 'select')
        return `<select ${attr} disabled${label} ${style}><option>${e(region.text)}</option></select>`;
      if (region.tag === 'textarea' && region.text !== '')
        return `<textarea ${attr} disabled${label} ${style}>${e(region.text)}</textarea>`;
      const shown =
        masked || region.text !== '' ? `value="${e(region.text)}"` : `placeholder="${e(region.name)}"`;
      return `<input type="text" ${attr} disabled ${shown}${label} ${style}>`;
    }
    case 'media': {
      if (image !== undefined && IMAGE_DATA.test(image))
        return `<img ${attr} src="${image}" alt="${masked ? '' : e(region.name)}" ${style}>`;
      const label =
        masked || region.name === '' ? 'aria-hidden="true"' : `role="img" aria-label="${e(region.name)}"`;
      return `<div ${attr} data-placeholder="" ${label} ${style}></div>`;
    }
    default:
      return `<p ${attr} ${style}>${e(region.text)}</p>`;
  }
}

/** Consecutive controls share a wrapping row, as a nav bar or a button group would. */
function sectionHtml(ids: readonly string[], byId: ReadonlyMap<string, Region>, at: Placement): string {
  const parts: string[] = [];
  let row: string[] = [];
  const flush = () => {
    const margin = styleAttribute({
      'margin-bottom': `${SPACE[at.emphasis].gap * at.blueprint.spacingUnit}px`,
    });
    if (row.length > 0) parts.push(`<div class="row" style="${margin}">${row.join('')}</div>`);
    row = [];
  };
  for (const id of ids) {
    const region = byId.get(id);
    const html = regionHtml(id, region, at, at.images.get(id));
    if (region?.kind === 'control') row.push(html);
    else {
      flush();
      parts.push(html);
    }
  }
  flush();
  return parts.join('\n');
}

export function renderMockup(input: MockupInput): string {
  const { blueprint, regions } = input;
  const unit = blueprint.spacingUnit;
  const width = Math.max(1, Math.round(input.viewportWidth));
  const page = safeColor(pageBackground(regions)) ?? 'rgba(255, 255, 255, 1)';
  const byId = new Map(regions.map((r) => [r.id, r]));
  const shared = {
    blueprint,
    patch: patchByRegion(input.cssPatch),
    structural: structuralIds(regions),
    images: input.images ?? new Map<string, string>(),
  };
  const seen = new Set<string>();
  const sections = blueprint.sections.map((section) => {
    // Each id once, at its first place, even if a plan lists it twice.
    const ids = section.regionIds.filter((id) => !seen.has(id) && Boolean(seen.add(id)));
    const members = ids.flatMap((id) => byId.get(id) ?? []);
    const { style, background } = sectionStyle(members, section.emphasis, unit, page);
    const at: Placement = { ...shared, emphasis: section.emphasis, background, column: width - 4 * unit };
    return [
      `<section data-section="${e(section.id)}" data-emphasis="${e(section.emphasis)}" data-source="${e(section.source)}" style="${e(style)}">`,
      sectionHtml(ids, byId, at),
      '</section>',
    ].join('\n');
  });
  return htmlDocument({
    csp: MOCKUP_CSP,
    title: input.title,
    head: [
      `<meta name="restage-source" content="${e(input.url)}">`,
      '<style>',
      '*, *::before, *::after { box-sizing: border-box; }',
      'body { margin: 0; }',
      `main { margin: 0 auto; padding: 0 ${2 * unit}px; }`,
      'section { display: flow-root; }',
      'h1, h2, h3, h4, h5, h6, p { margin: 0; overflow-wrap: anywhere; }',
      `.row { display: flex; flex-wrap: wrap; align-items: center; gap: ${unit}px ${2 * unit}px; }`,
      'button, input, select, textarea { font: inherit; margin: 0; color: inherit; }',
      `button { border: 1px solid currentColor; border-radius: ${unit / 2}px; background: none; padding: ${unit / 2}px ${unit}px; cursor: default; }`,
      '.link { text-decoration: underline; }',
      'input, select, textarea { border: 1px solid currentColor; background: transparent; opacity: 1; }',
      'img { display: block; height: auto; }',
      '[data-placeholder] { outline: 1px dashed currentColor; outline-offset: -1px; }',
      '</style>',
    ],
    body: [
      `<body style="${e(styleAttribute({ 'background-color': page }))}">`,
      `<main style="max-width: ${width}px">`,
      ...sections,
      '</main>',
      '</body>',
    ],
  });
}
