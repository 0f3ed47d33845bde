// @vitest-environment happy-dom
import 'fake-indexeddb/auto';
import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { AnnotatedShot } from '@/components/critique/AnnotatedShot';
import { RegionFocusProvider } from '@/components/focus/RegionFocus';
import type { Finding } from '@/utils/core/schemas/finding';
import type { Draft } from '@/utils/core/schemas/record';
import { region } from '@/test/fixtures/regions';

afterEach(cleanup);

const regions = [
  region('r1', { kind: 'container', text: '', box: { x: 0, y: 0, width: 600, height: 300 } }),
  region('r2', { parentId: 'r1', box: { x: 20, y: 60, width: 300, height: 24 } }),
  region('r3', { parentId: 'r1', kind: 'control', box: { x: 20, y: 200, width: 160, height: 40 } }),
  region('r4', { box: { x: 0, y: 400, width: 600, height: 24 } }),
];
const findings: Finding[] = [
  {
    id: 'f1',
    title: 'Faint button',
    detail: '',
    severity: 'major',
    category: 'contrast',
    basis: 'measured',
    regionIds: ['r3'],
    confidence: 1,
  },
];
// Nothing under this id in the (fake) IndexedDB: the boxes are drawn over a placeholder.
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

const numbered = () =>
  [...document.querySelectorAll('[data-testid=annotated-shot] .shot__box')].map((b) => [
    b.getAttribute('data-region'),
    b.getAttribute('data-tone'),
    b.querySelector('.shot__badge')?.textContent,
  ]);
const faint = () =>
  [...document.querySelectorAll('[data-testid=annotated-shot] .shot__faint')].map((b) =>
    b.getAttribute('data-region'),
  );

describe('the annotated screenshot in the panel', () => {
  it('numbers the regions with findings, draws the rest faint, and "Show all regions" numbers every one', () => {
    render(
      <RegionFocusProvider tabId={1}>
        <AnnotatedShot shot={shot} regions={regions} findings={findings} />
      </RegionFocusProvider>,
    );
    expect(numbered()).toEqual([['r3', 'strong', '3']]);
    expect(faint()).toEqual(['r1', 'r2', 'r4']);
    expect(screen.getByText('1 of 4 with findings')).toBeTruthy();

    const toggle = screen.getByRole('checkbox', { name: 'Show all regions' });
    fireEvent.click(toggle);
    expect(numbered()).toEqual([
      ['r1', 'container', '1'],
      ['r2', 'strong', '2'],
      ['r3', 'strong', '3'],
      ['r4', 'strong', '4'],
    ]);
    expect(faint()).toEqual([]);

    fireEvent.click(toggle);
    expect(numbered()).toEqual([['r3', 'strong', '3']]);
  });

  it('the picture is a button that opens the full-size view', () => {
    render(
      <RegionFocusProvider tabId={1}>
        <AnnotatedShot shot={shot} regions={regions} findings={findings} />
      </RegionFocusProvider>,
    );
    expect(document.querySelector('[data-testid=annotated-shot-full]')).toBeNull();
    fireEvent.click(screen.getByRole('button', { name: 'Open the screenshot full size' }));
    const full = document.querySelector<HTMLElement>('[data-testid=annotated-shot-full]');
    expect(full).not.toBeNull();
    expect(full!.parentElement!.style.width).toBe('1280px');
    fireEvent.click(screen.getByRole('button', { name: 'Close' }));
    expect(document.querySelector('[data-testid=annotated-shot-full]')).toBeNull();
  });
});
