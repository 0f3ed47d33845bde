import { describe, expect, it } from 'vitest';
import { alignRows, isCentred, keepCentred, rowsOf } from '@/utils/core/plan/keepLayout';
import type { Declarations } from '@/utils/core/plan/predict';
import { region } from '@/test/fixtures/regions';

const parent = region('r1', { kind: 'container', text: '', box: { x: 0, width: 1000, height: 400 } });

describe('keepCentred', () => {
  const narrowed: Declarations = { 'max-width': '70ch' };

  it('centres a narrowed block whose text is centred', () => {
    const lede = region('r2', { parentId: 'r1', box: { x: 0, width: 1000 }, style: { textAlign: 'center' } });
    expect(keepCentred(narrowed, lede, parent, [lede])).toEqual({
      'max-width': '70ch',
      'margin-left': 'auto',
      'margin-right': 'auto',
    });
  });

  it('centres a narrowed block whose box sits in the middle of its parent', () => {
    const box = region('r2', { parentId: 'r1', box: { x: 200, width: 600 } });
    const below = region('r3', { parentId: 'r1', box: { x: 0, y: 100, width: 1000 } });
    expect(isCentred(box, parent, [box, below])).toBe(true);
    expect(keepCentred(narrowed, box, parent, [box, below])['margin-left']).toBe('auto');
  });

  it('leaves a left-aligned block at its edge, full width or sharing its left edge with a sibling', () => {
    const full = region('r2', { parentId: 'r1', box: { x: 0, width: 1000 } });
    expect(keepCentred(narrowed, full, parent, [full])).toEqual(narrowed);
    const inset = region('r2', { parentId: 'r1', box: { x: 200, width: 600 } });
    const sibling = region('r3', { parentId: 'r1', box: { x: 200, y: 100, width: 300 } });
    expect(isCentred(inset, parent, [inset, sibling])).toBe(false);
    expect(keepCentred(narrowed, region('r4', { style: { textAlign: 'left' } }), undefined, [])).toEqual(
      narrowed,
    );
  });

  it('adds nothing to a block that is not narrowed', () => {
    const lede = region('r2', { style: { textAlign: 'center' } });
    expect(keepCentred({ 'line-height': '1.5' }, lede, parent, [lede])).toEqual({ 'line-height': '1.5' });
  });
});

/** Three card titles side by side at y = 100, and what sits under them. */
const title = (id: string, x: number, fontSize = 18) =>
  region(id, {
    kind: 'control',
    tag: 'a',
    role: 'link',
    box: { x, y: 100, width: 200, height: 28 },
    style: { fontSize },
  });
const cards = [title('r2', 0), title('r3', 300, 13), title('r4', 600)];

describe('rowsOf', () => {
  it('finds regions of one kind and role side by side with one top edge', () => {
    const rows = rowsOf([...cards, region('r5', { box: { x: 0, y: 140 } })]);
    expect(rows.map((row) => row.map((r) => r.id))).toEqual([['r2', 'r3', 'r4']]);
  });

  it('leaves out a column (stacked regions), other kinds, and tops more than 1 px apart', () => {
    const stacked = [region('r2', { box: { x: 0, y: 100 } }), region('r3', { box: { x: 100, y: 100.5 } })];
    expect(rowsOf(stacked)).toEqual([]);
    const apart = [title('r2', 0), { ...title('r3', 300), box: { x: 300, y: 102, width: 200, height: 28 } }];
    expect(rowsOf(apart)).toEqual([]);
    expect(rowsOf([title('r2', 0), region('r3', { box: { x: 300, y: 100 } })])).toEqual([]);
  });
});

describe('alignRows', () => {
  it('gives every title in the row the padding one of them got', () => {
    const planned: Record<string, Declarations> = { r3: { 'padding-top': '5px', 'padding-bottom': '5px' } };
    const out = alignRows(cards, (id) => planned[id]);
    for (const id of ['r2', 'r3', 'r4'])
      expect(out.get(id)).toEqual({ 'padding-top': '5px', 'padding-bottom': '5px' });
  });

  it('takes the value most members got, for margins', () => {
    const planned: Record<string, Declarations> = {
      r2: { 'margin-top': '32px' },
      r3: { 'margin-top': '16px' },
      r4: { 'margin-top': '32px' },
    };
    const out = alignRows(cards, (id) => planned[id]);
    expect([...out.values()].map((d) => d['margin-top'])).toEqual(['32px', '32px', '32px']);
  });

  it('shares a new size only among titles that had the same size', () => {
    const planned: Record<string, Declarations> = {
      r2: { 'font-size': '19px' },
      r3: { 'font-size': '14px' },
    };
    const out = alignRows(cards, (id) => planned[id]);
    expect(out.get('r4')).toEqual({ 'font-size': '19px' });
    expect(out.has('r3')).toBe(false);
  });

  it('changes nothing in a row that is already in line', () => {
    const planned: Record<string, Declarations> = {
      r2: { color: '#000000', 'padding-top': '4px' },
      r3: { 'padding-top': '4px' },
      r4: { 'padding-top': '4px' },
    };
    expect(alignRows(cards, (id) => planned[id]).size).toBe(0);
  });
});
