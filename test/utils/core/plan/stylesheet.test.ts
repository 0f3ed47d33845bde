import { describe, expect, it } from 'vitest';
import { PREVIEW_ATTRIBUTE, previewRules } from '@/utils/core/plan/stylesheet';
import type { CssPatch } from '@/utils/core/schemas/plan';

/** Three ids' worth of specificity that match every element (see the stylesheet module). */
const OUTRANK = ':not(#restage-preview):not(#restage-preview):not(#restage-preview)';

describe('previewRules', () => {
  it('writes one rule per region, keyed by its data attribute, that the page cannot outrank', () => {
    const { css, rejected } = previewRules([
      { regionId: 'r3', declarations: { 'font-size': '20px', 'line-height': '1.5' } },
      { regionId: 'r12', declarations: { 'padding-top': '8px' } },
    ]);
    expect(rejected).toBe(0);
    expect(css.split('\n')).toEqual([
      `[${PREVIEW_ATTRIBUTE}="r3"]${OUTRANK} { font-size: 20px !important; line-height: 1.5 !important; }`,
      `[${PREVIEW_ATTRIBUTE}="r12"]${OUTRANK} { padding-top: 8px !important; }`,
    ]);
  });

  it('takes a colour fix down to the text inside the region, stopping at other regions, and underlines its links', () => {
    const { css } = previewRules([{ regionId: 'r5', declarations: { color: '#555555' } }]);
    expect(css).toContain(`[${PREVIEW_ATTRIBUTE}="r5"]${OUTRANK} { color: #555555 !important; }`);
    expect(css).toContain(
      `@scope ([${PREVIEW_ATTRIBUTE}="r5"]) to ([${PREVIEW_ATTRIBUTE}]) { :scope${OUTRANK}, *${OUTRANK} { color: #555555 !important; } ` +
        `:scope:not(h1, h2, h3, h4, h5, h6, [role="heading"]) :is(:any-link, [role="link"])${OUTRANK} { text-decoration-line: underline !important; } }`,
    );
  });

  it('underlines no link when no colour changes', () => {
    const { css } = previewRules([{ regionId: 'r5', declarations: { 'font-size': '20px' } }]);
    expect(css).not.toContain('underline');
  });

  it('refuses what the schema would refuse, even when handed an unchecked patch', () => {
    const unchecked = [
      { regionId: 'r1', declarations: { 'font-size': '1px; background: url(x)' } },
      { regionId: 'r1', declarations: { 'max-width': 'expression(alert(1))' } },
      { regionId: 'r1', declarations: { color: 'u\\72l(x)' } },
      { regionId: 'r1', declarations: { display: 'none' } },
      { regionId: 'r1"] , * { x', declarations: { 'font-size': '12px' } },
      { regionId: 'r2', declarations: { 'font-weight': '700 !important' } },
    ] as unknown as CssPatch;
    const { css, rejected } = previewRules(unchecked);
    expect(rejected).toBe(5);
    // A value's own !important is dropped rather than doubled.
    expect(css).toBe(`[${PREVIEW_ATTRIBUTE}="r2"]${OUTRANK} { font-weight: 700 !important; }`);
  });
});
