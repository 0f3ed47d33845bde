// @vitest-environment happy-dom
import 'fake-indexeddb/auto';
import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { AnnotatedShot } from '@/components/critique/AnnotatedShot';
import { RegionList } from '@/components/critique/RegionList';
import { RegionBadges } from '@/components/focus/RegionBadges';
import { RegionFocusProvider } from '@/components/focus/RegionFocus';
import type { Finding } from '@/utils/core/schemas/finding';
import type { Draft } from '@/utils/core/schemas/record';
import { region } from '@/test/fixtures/regions';

afterEach(cleanup);

const regions = Array.from({ length: 6 }, (_, i) =>
  region(`r${i + 1}`, { text: `Block ${i + 1}`, box: { x: 0, y: i * 100, width: 600, height: 40 } }),
);

/** The elements of `root` a Tab press stops at. */
const tabStops = (root: Element) =>
  [...root.querySelectorAll<HTMLElement>('button, a[href], input, [tabindex]')].filter(
    (el) => el.tabIndex >= 0,
  );
const press = (key: string) => fireEvent.keyDown(document.activeElement!, { key });
const focused = () => document.activeElement as HTMLElement;

describe('the region list', () => {
  const setup = () => {
    render(
      <RegionFocusProvider tabId={1}>
        <RegionList regions={regions} url="https://example.test/" />
      </RegionFocusProvider>,
    );
    return screen.getByTestId('region-list');
  };

  it('is one tab stop, whatever the number of regions', () => {
    const list = setup();
    expect(list.querySelectorAll('button')).toHaveLength(12);
    expect(tabStops(list)).toHaveLength(1);
  });

  it('moves with the arrow keys, Home and End, and the tab stop follows', () => {
    const list = setup();
    tabStops(list)[0]!.focus();
    press('ArrowDown');
    expect(focused().closest('li')!.dataset.region).toBe('r2');
    press('ArrowRight');
    expect(focused().getAttribute('aria-label')).toBe('Keep region 2 as is');
    press('ArrowDown');
    expect(focused().getAttribute('aria-label')).toBe('Keep region 3 as is');
    press('ArrowLeft');
    expect(focused().closest('li')!.dataset.region).toBe('r3');
    press('End');
    expect(focused().closest('li')!.dataset.region).toBe('r6');
    press('ArrowDown');
    expect(focused().closest('li')!.dataset.region).toBe('r6');
    press('Home');
    expect(focused().closest('li')!.dataset.region).toBe('r1');
    press('End');
    expect(tabStops(list)).toEqual([focused()]);
  });

  it('highlights the focused region as hovering does', () => {
    const list = setup();
    tabStops(list)[0]!.focus();
    press('ArrowDown');
    const active = () =>
      [...list.querySelectorAll('.regions__item--active')].map((li) => li.getAttribute('data-region'));
    expect(active()).toEqual(['r2']);
    fireEvent.blur(focused());
    expect(active()).toEqual([]);
  });
});

describe('region badges', () => {
  it('are one tab stop, with arrow keys between them', () => {
    const { container } = render(
      <RegionFocusProvider tabId={1}>
        <RegionBadges ids={['r1', 'r4', 'r5']} />
      </RegionFocusProvider>,
    );
    expect(tabStops(container)).toHaveLength(1);
    tabStops(container)[0]!.focus();
    press('ArrowRight');
    expect(focused().textContent).toBe('4');
    press('End');
    expect(focused().textContent).toBe('5');
    press('ArrowLeft');
    expect(focused().textContent).toBe('4');
  });
});

describe('the screenshot’s numbered boxes', () => {
  const shot: NonNullable<Draft['shot']> = {
    mode: 'viewport',
    width: 1280,
    height: 800,
    dpr: 1,
    area: { x: 0, y: 0, width: 1280, height: 800 },
    ms: 1,
    bytes: 1,
    masked: 0,
    notes: [],
    image: { id: 'job:shot', stored: true },
  };
  const finding = (ids: string[]): Finding => ({
    id: 'f1',
    title: 'Flat',
    detail: '',
    severity: 'major',
    category: 'hierarchy',
    basis: 'measured',
    regionIds: ids,
    confidence: 1,
  });

  it('are one tab stop, with arrow keys in reading order, and a focused one is highlighted', () => {
    render(
      <RegionFocusProvider tabId={1}>
        <AnnotatedShot shot={shot} regions={regions} findings={[finding(['r2', 'r3', 'r5'])]} />
      </RegionFocusProvider>,
    );
    const figure = screen.getByTestId('annotated-shot');
    const boxes = tabStops(figure).filter((el) => el.classList.contains('shot__box'));
    expect(figure.querySelectorAll('.shot__box')).toHaveLength(3);
    expect(boxes).toHaveLength(1);
    boxes[0]!.focus();
    expect(focused().dataset.region).toBe('r2');
    press('ArrowDown');
    expect(focused().dataset.region).toBe('r3');
    expect(focused().classList.contains('shot__box--active')).toBe(true);
    press('End');
    expect(focused().dataset.region).toBe('r5');
  });
});
