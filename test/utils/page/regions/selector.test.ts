// @vitest-environment happy-dom
import { afterEach, describe, expect, it, vi } from 'vitest';
import { regionElement, rememberAnchors } from '@/utils/page/regions/selector';

afterEach(() => {
  document.body.innerHTML = '';
  rememberAnchors([]);
  vi.restoreAllMocks();
});

describe('the element a region is drawn on', () => {
  it('is the one the extraction anchored, found without scanning the page', () => {
    document.body.innerHTML = '<p>one</p><p class="card">two</p>';
    const el = document.querySelectorAll('p')[1]!;
    rememberAnchors([{ selector: 'p.card', el }]);
    const scan = vi.spyOn(document, 'querySelectorAll');
    expect(regionElement('p.card')).toBe(el);
    expect(scan).not.toHaveBeenCalled();
  });

  it('is looked up again once the anchored element has left the page or no longer matches', () => {
    document.body.innerHTML = '<p class="card">one</p><p>two</p>';
    const [first, second] = document.querySelectorAll('p');
    rememberAnchors([{ selector: 'p.card', el: first! }]);
    first!.className = '';
    second!.className = 'card';
    expect(regionElement('p.card')).toBe(second);
    second!.remove();
    expect(regionElement('p.card')).toBeNull();
  });

  it('is looked up when no extraction anchored the selector', () => {
    document.body.innerHTML = '<p id="a">one</p>';
    expect(regionElement('#a')).toBe(document.getElementById('a'));
    expect(regionElement('#missing')).toBeNull();
  });
});
