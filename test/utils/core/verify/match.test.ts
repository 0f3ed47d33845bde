import { describe, expect, it } from 'vitest';
import { regionKey } from '@/utils/core/regions/key';
import { iou, matchRegions } from '@/utils/core/verify/match';
import { heading, region } from '@/test/fixtures/regions';

type Region = ReturnType<typeof region>;
/** The key extraction gives a region: from its tag, selector and text. */
const keyed = (r: Region): Region => ({ ...r, key: regionKey(r.tag, r.selector, r.text) });
/** The same region on a later page: new id, and whatever else the test changes. */
const later = (id: string, from: Region, change: Partial<Region> = {}) => keyed({ ...from, id, ...change });

describe('matchRegions', () => {
  const title = keyed(heading('r1', 1, 32, { selector: 'main > h1', box: { y: 0, height: 40 } }));
  const intro = keyed(
    region('r2', { selector: 'main > p', text: 'Harbor copies every file', box: { y: 60 } }),
  );
  const price = keyed(region('r3', { selector: '.price', text: '$4 per laptop', box: { y: 120 } }));

  it('matches by stable key first, whatever the new reading order', () => {
    const after = [later('r1', price), later('r2', title), later('r3', intro)];
    const match = matchRegions([title, intro, price], after);
    expect(Object.fromEntries(match.after)).toEqual({ r1: 'r2', r2: 'r3', r3: 'r1' });
    expect([...match.by.values()]).toEqual(['key', 'key', 'key']);
  });

  it('then by text, for an element that moved in the DOM (a new selector, so a new key)', () => {
    const moved = later('r2', intro, { selector: 'main > div > p', box: { ...intro.box, y: 400 } });
    const match = matchRegions([title, intro], [later('r1', title), moved]);
    expect(match.after.get('r2')).toBe('r2');
    expect(match.by.get('r2')).toBe('text');
  });

  it('then by position, for an element whose text was edited in place', () => {
    const edited = later('r3', price, { text: '$5 per laptop' });
    const match = matchRegions([title, intro, price], [later('r1', title), later('r2', intro), edited]);
    expect(match.after.get('r3')).toBe('r3');
    expect(match.by.get('r3')).toBe('position');
  });

  it('leaves unmatched what moved and changed, and uses each later region once', () => {
    const gone = later('r3', price, { text: 'Talk to us', box: { ...price.box, y: 900 } });
    const twin = later('r4', intro, { selector: 'aside > p' });
    const match = matchRegions([title, intro, price], [later('r1', title), later('r2', intro), gone, twin]);
    expect(match.after.has('r3')).toBe(false);
    expect(match.after.get('r2')).toBe('r2');
    expect(match.before.has('r4')).toBe(false);
  });
});

describe('iou', () => {
  it('is 1 for the same box, 0 for disjoint ones, and overlap over union between', () => {
    const box = { x: 0, y: 0, width: 100, height: 20 };
    expect(iou(box, box)).toBe(1);
    expect(iou(box, { ...box, y: 40 })).toBe(0);
    expect(iou(box, { ...box, x: 50 })).toBeCloseTo(50 / 150);
  });
});
