import { describe, expect, it } from 'vitest';
import { advise } from '@/utils/core/measure/advice';
import { hierarchyFindings } from '@/utils/core/measure/hierarchy';
import { callsToAction, primaryAction } from '@/utils/core/measure/primaryAction';
import { BLACK, WHITE, button, region, rgba } from '@/test/fixtures/regions';

const viewport = { width: 1280, height: 800 };

describe('primary action', () => {
  const cta = (overrides = {}) =>
    button('r2', {
      text: 'Start free trial',
      box: { width: 100, height: 32 },
      style: { color: WHITE, background: rgba('#0a66c2'), fontSize: 14 },
      ...overrides,
    });
  const navLink = button('r1', {
    tag: 'a',
    role: 'link',
    landmark: 'nav',
    box: { width: 80, height: 24 },
    style: { fontSize: 18, fontWeight: 700, color: BLACK, background: rgba('#eeeeee') },
  });
  const outlined = (id: string, overrides = {}) =>
    button(id, {
      text: 'Watch a video',
      box: { x: 200, width: 140, height: 44 },
      style: { fontSize: 18, fontWeight: 700 },
      flags: { bordered: true },
      ...overrides,
    });

  it('is the first filled call to action in the main content', () => {
    const plain = button('r3');
    expect(primaryAction([navLink, plain, cta()])?.id).toBe('r2');
    // A filled nav link and an unstyled button are not calls to action.
    expect(primaryAction([navLink, plain])).toBeUndefined();
  });

  it('counts outlined buttons and form submits, not tabs, menus, pagination or search submits', () => {
    const submit = button('r3', { purpose: 'submit' });
    expect(callsToAction([outlined('r1'), submit]).map((r) => r.id)).toEqual(['r1', 'r3']);
    // Without a filled one, the main form's submit leads, then an outlined button.
    expect(primaryAction([outlined('r1'), submit])?.id).toBe('r3');
    expect(primaryAction([outlined('r1')])?.id).toBe('r1');
    const filled = { style: { color: WHITE, background: rgba('#0a66c2') } };
    const never = [
      button('r4', { ...filled, role: 'tab', purpose: 'tab' }),
      button('r5', { ...filled, purpose: 'menu' }),
      button('r6', { ...filled, text: '2', purpose: 'pagination' }),
      // A 32 × 20 "Go" beside a quick-menu select.
      button('r7', { ...filled, text: 'Go', box: { width: 32, height: 20 }, purpose: 'search' }),
      button('r8', { ...filled, landmark: 'search' }),
      button('r9', { ...filled, landmark: 'header' }),
      button('r10', { ...filled, flags: { disabled: true } }),
      // An icon button with no words (its name is not shown), and a filled link inside a sentence.
      button('r11', { ...filled, text: '', name: 'Share' }),
      button('r12', { ...filled, tag: 'a', role: 'link', flags: { inText: true } }),
    ];
    expect(callsToAction(never)).toEqual([]);
    // A submit button on the line of its field's label is still the form's submit.
    expect(callsToAction([button('r1', { purpose: 'submit', flags: { inText: true } })])).toHaveLength(1);
    expect(primaryAction(never)).toBeUndefined();
  });

  it('finds nothing on a page without a call to action (an article)', () => {
    const article = [
      navLink,
      region('r2', { kind: 'heading', tag: 'h1', headingLevel: 1, style: { fontSize: 32 } }),
      region('r3', { box: { y: 60, height: 400 } }),
      button('r4', { tag: 'a', role: 'link', text: 'Next article', purpose: 'pagination' }),
    ];
    expect(hierarchyFindings(article, viewport).filter((f) => f.rule?.startsWith('primary-action'))).toEqual(
      [],
    );
  });

  it('flags a primary action lighter than a secondary action beside it, not than navigation', () => {
    const intro = region('r4', { box: { y: 100, width: 800, height: 96 } });
    const weak = (regions: Parameters<typeof hierarchyFindings>[0]) =>
      hierarchyFindings(regions, viewport).find((f) => f.rule === 'primary-action-weak');
    expect(weak([navLink, cta(), intro])).toBeUndefined();
    const found = weak([navLink, cta(), outlined('r3'), intro]);
    expect(found).toMatchObject({
      title: 'Primary action is weaker than secondary actions',
      regionIds: ['r2', 'r3'],
    });
    expect(found?.detail).toMatch(/^primary r2 0\.\d\d vs r3 1\.00 \(visual weight/);
    const page = [navLink, cta(), outlined('r3'), intro];
    const [advised] = advise([{ id: 'hierarchy-1', ...found! }], page);
    expect(advised?.title).toMatch(/^'Start free trial' is fainter than '[^']+'$/);
    expect(advised?.fix).toMatch(/^Make 'Start free trial' /);
    expect(advised?.why).toBeTruthy();
    // A secondary action in another part of the page is not its rival.
    expect(weak([navLink, cta(), outlined('r3', { landmark: 'section:Pricing' }), intro])).toBeUndefined();
  });

  it('flags a primary action below the fold, unless it is the submit at the end of a form', () => {
    const findings = hierarchyFindings(
      [region('r1'), cta({ box: { y: 1000, width: 100, height: 32 } })],
      viewport,
    );
    expect(findings.find((f) => f.rule === 'primary-action-below-fold')).toMatchObject({
      regionIds: ['r2'],
      detail: 'r2 starts at y=1000px, below the 800px first screen',
    });
    const form = hierarchyFindings(
      [region('r1'), button('r2', { purpose: 'submit', box: { y: 1000 } })],
      viewport,
    );
    expect(form.filter((f) => f.rule?.startsWith('primary-action'))).toEqual([]);
  });
});
