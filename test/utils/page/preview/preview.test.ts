// @vitest-environment happy-dom
import { afterEach, describe, expect, it } from 'vitest';
import { createPreview } from '@/utils/page/preview/preview';
import { PREVIEW_ATTRIBUTE } from '@/utils/core/plan/stylesheet';

afterEach(() => {
  document.body.innerHTML = '';
});

const regions = [
  { id: 'r1', selector: '#intro' },
  { id: 'r2', selector: '#intro > a' },
  { id: 'r3', selector: '#cta' },
  { id: 'r4', selector: '#gone' },
];

function page() {
  document.body.innerHTML =
    '<p id="intro">Backups <a href="#plans">plans</a></p><button id="cta">Start</button>';
}

const marks = () =>
  [...document.querySelectorAll(`[${PREVIEW_ATTRIBUTE}]`)].map((el) => el.getAttribute(PREVIEW_ATTRIBUTE));

describe('createPreview', () => {
  it('marks the patched regions, and the regions inside a recoloured one so they keep their colour', () => {
    page();
    const preview = createPreview(document);
    const result = preview.apply(
      [
        { regionId: 'r1', declarations: { color: '#555555' } },
        { regionId: 'r3', declarations: { 'font-weight': '700' } },
        { regionId: 'r4', declarations: { 'font-size': '20px' } },
      ],
      regions,
    );
    expect(result).toMatchObject({ applied: 2, missing: ['r4'], rejected: 0 });
    expect(marks()).toEqual(['r1', 'r2', 'r3']);
    expect(preview.active).toBe(true);
  });

  it('replaces rather than stacks, and reverts to the page as it was', () => {
    page();
    const before = document.documentElement.outerHTML;
    const sheets = document.adoptedStyleSheets.length;
    const preview = createPreview(document);
    preview.apply([{ regionId: 'r1', declarations: { 'font-size': '20px' } }], regions);
    preview.apply([{ regionId: 'r3', declarations: { 'font-size': '20px' } }], regions);
    expect(marks()).toEqual(['r3']);
    expect(document.adoptedStyleSheets.length + document.querySelectorAll('style').length).toBe(sheets + 1);
    expect(preview.revert()).toBe(1);
    expect(marks()).toEqual([]);
    expect(document.adoptedStyleSheets.length).toBe(sheets);
    expect(document.documentElement.outerHTML).toBe(before);
    expect(preview.active).toBe(false);
  });
});
