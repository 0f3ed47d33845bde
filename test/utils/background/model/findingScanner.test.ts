import { describe, expect, it } from 'vitest';
import { FindingScanner } from '@/utils/background/model/findingScanner';

const reply = JSON.stringify({
  findings: [
    { title: 'Brace } and bracket ] in a string', detail: 'quote \\" and {nested: [1]}', regionIds: ['r1'] },
    { title: 'Second', nested: { deep: [{ x: 1 }] }, regionIds: ['r2', 'r3'] },
    { title: 'Third', regionIds: [] },
  ],
  blueprint: { sections: [{ emphasis: 'primary', regionIds: ['r1'] }] },
  other: [{ title: 'not a finding' }],
});

describe('FindingScanner', () => {
  it('yields each finding object whole, once, at any split of the stream', () => {
    const expected = (JSON.parse(reply) as { findings: unknown[] }).findings;
    for (let size = 1; size <= 40; size += 3) {
      const scanner = new FindingScanner();
      const found: unknown[] = [];
      for (let i = 0; i < reply.length; i += size) {
        for (const source of scanner.push(reply.slice(i, i + size))) found.push(JSON.parse(source));
      }
      expect(found).toEqual(expected);
    }
  });

  it('reports a finding as soon as its closing brace arrives, not later', () => {
    const scanner = new FindingScanner();
    const first = reply.indexOf('},{"title":"Second"') + 1;
    expect(scanner.push(reply.slice(0, first - 1))).toEqual([]);
    expect(scanner.push(reply.slice(first - 1, first))).toHaveLength(1);
  });

  it('ignores objects in other arrays and a "findings" key that is not at the top level', () => {
    const scanner = new FindingScanner();
    const nested = JSON.stringify({ meta: { findings: [{ a: 1 }] }, list: [{ b: 2 }], findings: [{ c: 3 }] });
    expect(scanner.push(nested).map((s) => JSON.parse(s))).toEqual([{ c: 3 }]);
  });

  it('gives nothing for a cut-off object', () => {
    const scanner = new FindingScanner();
    expect(scanner.push('{"findings": [{"title": "cut')).toEqual([]);
  });
});
