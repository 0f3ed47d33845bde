import { describe, expect, it } from 'vitest';
import { sanitizePatch, smallestText } from '@/utils/core/plan/sanitizePatch';
import { CssPatch, SavedCssPatch } from '@/utils/core/schemas/plan';
import { heading, region, rgba } from '@/test/fixtures/regions';

const body = region('r1', { style: { fontSize: 16 } });
const note = region('r2', { style: { fontSize: 13, color: rgba('#595959') } });
const title = heading('r3', 1, 32);
const hidden = region('r4', { style: { fontSize: 0 } });
const page = [body, note, title, hidden];

const one = (regionId: string, declarations: Record<string, string>) =>
  sanitizePatch([{ regionId, declarations }], page);

describe('sanitizePatch', () => {
  it('takes the page’s smallest visible text, ignoring text hidden at 0', () => {
    expect(smallestText(page)).toBe(13);
  });

  it('clamps font sizes below the floor up to it, and counts them', () => {
    const { patch, clamped, rejected } = one('r1', { 'font-size': '0' });
    expect(rejected).toEqual([]);
    expect(patch).toEqual([{ regionId: 'r1', declarations: { 'font-size': '13px' } }]);
    expect(clamped).toEqual([{ regionId: 'r1', property: 'font-size', from: '0', to: '13px' }]);
    // Never below 12px, even where the page itself is smaller.
    const small = sanitizePatch(
      [{ regionId: 'r1', declarations: { 'font-size': '8px' } }],
      [body, region('r2', { style: { fontSize: 9 } })],
    );
    expect(small.patch[0]?.declarations['font-size']).toBe('12px');
  });

  it('resolves em and % font sizes against the region’s own size, and refuses rem', () => {
    expect(one('r3', { 'font-size': '1.25em' }).patch[0]?.declarations['font-size']).toBe('40px');
    expect(one('r1', { 'font-size': '50%' }).clamped[0]).toMatchObject({ from: '50%', to: '13px' });
    expect(one('r1', { 'font-size': '2rem' }).rejected[0]?.reason).toMatch(/rem/);
  });

  it('leaves text hidden on purpose at font-size 0 alone', () => {
    expect(one('r4', { 'font-size': '16px' }).rejected[0]?.reason).toMatch(/hidden on purpose/);
  });

  it('rejects a text colour or background that lowers the contrast, and keeps one that raises it', () => {
    const worse = one('r2', { color: '#999999' });
    expect(worse.patch).toEqual([]);
    expect(worse.rejected[0]).toMatchObject({ regionId: 'r2', property: 'color', value: '#999999' });
    expect(worse.rejected[0]?.reason).toMatch(/^contrast 2\.85:1 would be below the current 7/);
    expect(one('r2', { color: '#000' }).patch).toEqual([
      { regionId: 'r2', declarations: { color: '#000000' } },
    ]);
    const background = one('r1', { 'background-color': 'navy' });
    expect(background.rejected.map((r) => r.property)).toEqual(['background-color']);
    // A new background with a text colour that reads better than before passes together (7:1 → 14:1).
    expect(one('r2', { 'background-color': 'navy', color: 'white' }).rejected).toEqual([]);
    // Black on white (21:1) can only get worse.
    expect(one('r1', { 'background-color': 'navy', color: 'white' }).rejected.length).toBeGreaterThan(0);
  });

  it('rejects see-through colours, negative margins, tight line height and letter spacing, narrow measures', () => {
    const { patch, rejected } = one('r3', {
      color: 'rgba(0, 0, 0, 0)',
      'margin-top': '-9999px',
      'line-height': '20px',
      'letter-spacing': '-2px',
      'max-width': '10ch',
      order: '1000',
      'padding-top': '-4px',
      'font-weight': '700',
    });
    expect(rejected.map((r) => r.property).sort()).toEqual(
      ['color', 'letter-spacing', 'line-height', 'margin-top', 'max-width', 'order', 'padding-top'].sort(),
    );
    expect(patch).toEqual([{ regionId: 'r3', declarations: { 'font-weight': '700' } }]);
  });

  it('rejects regions the page does not have, and its output passes the CssPatch schema', () => {
    const { patch, rejected } = sanitizePatch(
      [
        { regionId: 'r99', declarations: { 'font-size': '20px' } },
        { regionId: 'r1', declarations: { 'font-size': 'calc(8px + 12px)', 'margin-top': '1.5em' } },
      ],
      page,
    );
    expect(rejected).toEqual([
      { regionId: 'r99', property: 'font-size', value: '20px', reason: 'not a region of this page' },
    ]);
    expect(CssPatch.parse(patch)).toEqual([
      { regionId: 'r1', declarations: { 'font-size': '20px', 'margin-top': '1.5em' } },
    ]);
  });
});

describe('SavedCssPatch', () => {
  it('drops a declaration saved before the grammar was this strict, and keeps the rest', () => {
    expect(
      SavedCssPatch.parse([
        { regionId: 'r1', declarations: { 'font-size': '1.2em', 'font-weight': '700', color: 'var(--x)' } },
      ]),
    ).toEqual([{ regionId: 'r1', declarations: { 'font-weight': '700' } }]);
  });
});
