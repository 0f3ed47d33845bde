import { describe, expect, it } from 'vitest';
import { checksByCritique, groupByPage, runLabel, searchPages } from '@/utils/panel/history/pages';
import { entry } from '@/test/utils/panel/history/entries';

describe('history pages', () => {
  it('labels a critique, a round and a check', () => {
    expect(runLabel(entry('a', 1))).toBe('Critique');
    expect(runLabel(entry('b', 2, { round: 2, refines: 'a' }))).toBe('Round 2');
    expect(runLabel(entry('c', 3, { round: 3, refines: 'b' }))).toBe('Round 3');
    // A check carries its critique's round, and is still a check.
    expect(runLabel(entry('d', 4, { kind: 'check', against: 'b', round: 2 }))).toBe('Check');
  });

  it('groups runs by URL, the current page first, then by newest run; runs stay newest first', () => {
    const runs = [
      entry('b3', 6, { url: 'https://b.test/' }),
      entry('a2', 5, { url: 'https://a.test/', title: 'A, renamed' }),
      entry('c1', 4, { url: 'https://c.test/' }),
      entry('b2', 3, { url: 'https://b.test/' }),
      entry('a1', 2, { url: 'https://a.test/' }),
    ];
    const pages = groupByPage(runs, 'https://c.test/');
    expect(pages.map((p) => [p.url, p.runs.map((r) => r.id)])).toEqual([
      ['https://c.test/', ['c1']],
      ['https://b.test/', ['b3', 'b2']],
      ['https://a.test/', ['a2', 'a1']],
    ]);
    expect(pages[2]!.title).toBe('A, renamed');
    expect(groupByPage(runs).map((p) => p.url)).toEqual([
      'https://b.test/',
      'https://a.test/',
      'https://c.test/',
    ]);
  });

  it('searches URLs and every run’s title, case-insensitively, all words; blank shows all', () => {
    const pages = groupByPage([
      entry('4', 4, { url: 'https://blog.test/post', title: 'New title' }),
      entry('1', 3, { url: 'https://shop.test/cart', title: 'Your Cart' }),
      entry('2', 2, { url: 'https://shop.test/', title: 'Shop home' }),
      entry('3', 1, { url: 'https://blog.test/post', title: 'Old title: Pricing' }),
    ]);
    const urls = (q: string) => searchPages(pages, q).map((p) => p.url);
    expect(urls('')).toHaveLength(3);
    expect(urls('   ')).toHaveLength(3);
    expect(urls('SHOP')).toEqual(['https://shop.test/cart', 'https://shop.test/']);
    expect(urls('cart')).toEqual(['https://shop.test/cart']);
    expect(urls('shop home')).toEqual(['https://shop.test/']);
    // An older run's title still finds the page, and the page comes whole.
    expect(searchPages(pages, 'pricing').map((p) => p.runs.map((r) => r.id))).toEqual([['4', '3']]);
    expect(urls('nothing-like-this')).toEqual([]);
  });

  it('links every check to the critique it checked, newest first', () => {
    const links = checksByCritique([
      entry('k1', 2, { kind: 'check', against: 'c1' }),
      entry('c1', 1),
      entry('k2', 5, { kind: 'check', against: 'c1' }),
      entry('k3', 4, { kind: 'check', against: 'c2' }),
      entry('r2', 6, { round: 2, refines: 'c1' }),
    ]);
    expect(Object.fromEntries([...links].map(([id, checks]) => [id, checks.map((c) => c.id)]))).toEqual({
      c1: ['k2', 'k1'],
      c2: ['k3'],
    });
  });
});
