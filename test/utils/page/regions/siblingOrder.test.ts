// @vitest-environment happy-dom
import { afterEach, describe, expect, it } from 'vitest';
import { siblingOrder } from '@/utils/page/regions/siblingOrder';

afterEach(() => {
  document.body.innerHTML = '';
});

const regions = ['a', 'b', 'c'].map((name, i) => ({ id: `r${i + 1}`, selector: `#${name}` }));

describe('whether two regions can trade places with CSS order', () => {
  it('lists the items of a shared flex or grid container in document order, with their order', () => {
    for (const display of ['flex', 'inline-grid']) {
      document.body.innerHTML = `<div style="display:${display}"><p id="a"></p><p id="b" style="order:2"></p><p id="c"></p><p style="display:none"></p></div>`;
      expect(siblingOrder('r3', 'r1', regions)).toEqual({
        container: display.includes('flex') ? 'flex' : 'grid',
        items: [
          { regionId: 'r1', order: 0 },
          { regionId: 'r2', order: 2 },
          { regionId: 'r3', order: 0 },
        ],
      });
    }
  });

  it('names an item that is no region, which the plan then cannot reorder', () => {
    document.body.innerHTML = '<div style="display:flex"><p id="a"></p><span></span><p id="b"></p></div>';
    const found = siblingOrder('r2', 'r1', regions);
    expect(found.container === 'flex' && found.items.map((i) => i.regionId)).toEqual(['r1', null, 'r2']);
  });

  it('says why not, in a sentence, when they are in block flow, in different containers, or gone', () => {
    document.body.innerHTML =
      '<div><p id="a"></p><p id="b"></p></div><div style="display:flex"><p id="c"></p></div>';
    expect(siblingOrder('r2', 'r1', regions)).toEqual({
      container: null,
      reason: expect.stringMatching(
        /^r2 and r1 sit in one container, but it is not a flex or grid container \(display: block\)/,
      ),
    });
    expect(siblingOrder('r3', 'r1', regions)).toEqual({
      container: null,
      reason: expect.stringMatching(/^r3 and r1 are not items of one container/),
    });
    document.body.innerHTML = '<p id="a"></p>';
    expect(siblingOrder('r2', 'r1', regions)).toEqual({
      container: null,
      reason: 'r2 is no longer on the page.',
    });
  });
});
