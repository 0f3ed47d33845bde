// @vitest-environment happy-dom
import { afterEach, describe, expect, it, vi } from 'vitest';
import { maskRects } from '@/utils/page/capture/masks';
import { unopenedNote } from '@/utils/background/capture/shoot';
import { findPrivateElements } from '@/utils/page/regions/privacy';
import { canHostShadow, setShadowOpener, shadowOf } from '@/utils/page/regions/shadow';

afterEach(() => {
  setShadowOpener(undefined);
  document.body.innerHTML = '';
});

/** A page with a card field inside a closed root on a custom element, as a checkout widget has. */
function closedWidget(): { host: HTMLElement; root: ShadowRoot } {
  const host = document.createElement('pay-form');
  document.body.append(host);
  const root = host.attachShadow({ mode: 'closed' });
  root.innerHTML =
    '<label>Card <input autocomplete="cc-number" value="4111"></label><p data-restage-private>x</p>';
  return { host, root };
}

describe('shadowOf', () => {
  it('opens a closed root through the browser opener, which the page script cannot', () => {
    const { host, root } = closedWidget();
    expect(host.shadowRoot).toBeNull();
    setShadowOpener((el) => (el === host ? root : null));
    expect(shadowOf(host)).toBe(root);
  });

  it('answers elements that cannot host a root without asking the browser', () => {
    const opener = vi.fn(() => null);
    setShadowOpener(opener);
    const link = document.createElement('a');
    const input = document.createElement('input');
    expect(canHostShadow(link) || canHostShadow(input)).toBe(false);
    expect(shadowOf(link)).toBeNull();
    expect(shadowOf(input)).toBeNull();
    expect(opener).not.toHaveBeenCalled();
    expect(canHostShadow(document.createElement('div'))).toBe(true);
    expect(canHostShadow(document.createElement('my-widget'))).toBe(true);
  });

  it('returns an open root as it is', () => {
    const host = document.createElement('div');
    const root = host.attachShadow({ mode: 'open' });
    setShadowOpener(() => {
      throw new Error('not needed');
    });
    expect(shadowOf(host)).toBe(root);
  });
});

describe('private elements in closed roots', () => {
  it('are found inside the root when it can be opened', () => {
    const { host, root } = closedWidget();
    setShadowOpener((el) => (el === host ? root : null));
    const found = findPrivateElements(document, []);
    expect(found.map((el) => el.localName).sort()).toEqual(['input', 'p']);
    expect(found).not.toContain(host);
    expect(maskRects([]).unopened).toBe(0);
  });

  it('mask the whole host, with a note, when this browser cannot open closed roots', () => {
    const { host } = closedWidget();
    setShadowOpener(null);
    expect(findPrivateElements(document, [])).toEqual([host]);
    const masks = maskRects([]);
    expect(masks.unopened).toBe(1);
    expect(unopenedNote(masks.unopened)).toEqual([
      'This browser cannot open closed shadow roots: 1 element that may hold one is masked whole.',
    ]);
    expect(unopenedNote(0)).toEqual([]);
  });
});
