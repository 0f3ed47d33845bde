// @vitest-environment happy-dom
import { afterEach, describe, expect, it } from 'vitest';
import { isSearchForm, purposeOf } from '@/utils/page/regions/controlFacts';
import { Region } from '@/utils/core/schemas/region';
import { region } from '@/test/fixtures/regions';

afterEach(() => {
  document.body.innerHTML = '';
});

const el = (html: string, selector: string) => {
  document.body.innerHTML = html;
  return document.querySelector(selector)!;
};

describe('what a control is for', () => {
  it('tells a form submit from a search or quick-menu submit', () => {
    expect(purposeOf(el('<form><input name="email"><button id="b">Join</button></form>', '#b'))).toBe(
      'submit',
    );
    expect(purposeOf(el('<form><input name="email"><input id="b" type="submit"></form>', '#b'))).toBe(
      'submit',
    );
    // A quick menu: a select and "Go".
    expect(
      purposeOf(el('<form><select><option>A</option></select><button id="b">Go</button></form>', '#b')),
    ).toBe('search');
    expect(purposeOf(el('<form><input type="search"><button id="b">Find</button></form>', '#b'))).toBe(
      'search',
    );
    expect(purposeOf(el('<form><input name="q"><button id="b">Search</button></form>', '#b'))).toBe('search');
    expect(
      purposeOf(
        el('<div role="search"><form><input name="text"><button id="b">Go</button></form></div>', '#b'),
      ),
    ).toBe('search');
    // A button that submits nothing is for something else.
    expect(
      purposeOf(el('<form><input name="email"><button id="b" type="button">Help</button></form>', '#b')),
    ).toBe(null);
  });

  it('reads tabs, menus and pagination from roles, rel and labels', () => {
    expect(purposeOf(el('<div role="tablist"><button id="b" role="tab">One</button></div>', '#b'))).toBe(
      'tab',
    );
    expect(purposeOf(el('<ul role="menubar"><li><a id="b" href="#">File</a></li></ul>', '#b'))).toBe('menu');
    expect(purposeOf(el('<a id="b" href="/p/2" rel="next">Next</a>', '#b'))).toBe('pagination');
    expect(purposeOf(el('<nav aria-label="Pagination"><a id="b" href="/p/2">2</a></nav>', '#b'))).toBe(
      'pagination',
    );
    expect(purposeOf(el('<ul class="pager"><li><a id="b" href="/p/2">2</a></li></ul>', '#b'))).toBe(
      'pagination',
    );
    expect(purposeOf(el('<a id="b" href="/trial">Start free trial</a>', '#b'))).toBe(null);
  });

  it('does not count a sign-up form as a search form', () => {
    const form = el(
      '<form><input name="name"><input type="email" name="email"><button>Go</button></form>',
      'form',
    );
    expect(isSearchForm(form as HTMLFormElement)).toBe(false);
  });
});

describe('older records', () => {
  it('parse with no purpose, border, inline or document-order facts', () => {
    const { purpose, domOrder, flags, ...older } = region('r1');
    const { bordered, inText, ...olderFlags } = flags;
    expect([purpose, domOrder, bordered, inText]).toEqual([null, null, false, false]);
    expect(Region.parse({ ...older, flags: olderFlags })).toMatchObject({
      purpose: null,
      domOrder: null,
      flags: { bordered: false, inText: false },
    });
  });
});
