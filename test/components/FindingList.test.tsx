// @vitest-environment happy-dom
import { cleanup, fireEvent, render, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { FindingList } from '@/components/critique/FindingList';
import type { FixPreview } from '@/components/critique/useFixPreview';
import { RegionFocusProvider } from '@/components/focus/RegionFocus';
import type { Finding } from '@/utils/schemas';

afterEach(cleanup);

const finding = (
  id: string,
  severity: Finding['severity'],
  basis: Finding['basis'],
  regionIds: string[],
): Finding => ({
  id,
  title: `${severity} ${id}`,
  detail: 'detail',
  severity,
  category: 'contrast',
  basis,
  regionIds,
  confidence: 0.8,
});

describe('findings in the panel', () => {
  it('come worst first, each with its basis, confidence and numbered regions', () => {
    render(
      <RegionFocusProvider tabId={4}>
        <FindingList
          findings={[
            finding('a', 'info', 'measured', ['r1']),
            finding('b', 'minor', 'seen', ['r2']),
            finding('c', 'critical', 'measured', ['r3', 'r4']),
            finding('d', 'major', 'inferred', []),
          ]}
        />
      </RegionFocusProvider>,
    );
    const items = screen.getAllByRole('listitem');
    expect(items.map((li) => li.getAttribute('data-finding'))).toEqual(['c', 'd', 'b', 'a']);
    expect(items[0]!.textContent).toContain('measured · 80% sure');
    expect(items[1]!.textContent).toContain('inferred · 80% sure');
    expect(items[2]!.textContent).toContain('seen · 80% sure');
    expect(
      within(items[0]!)
        .getAllByRole('button')
        .map((b) => b.getAttribute('aria-label')),
    ).toEqual(['Region 3', 'Region 4']);
  });

  it('label a finding measured from an image’s pixels as such', () => {
    render(
      <RegionFocusProvider tabId={4}>
        <FindingList
          findings={[
            { ...finding('p', 'major', 'measured', ['r5']), source: 'pixels' },
            finding('d', 'minor', 'measured', ['r6']),
          ]}
        />
      </RegionFocusProvider>,
    );
    const items = within(screen.getByRole('list', { name: 'Findings' })).getAllByRole('listitem');
    expect(items[0]!.textContent).toContain('measured (from pixels) · 80% sure');
    expect(items[1]!.textContent).not.toContain('from pixels');
  });
});

const advised: Finding = {
  ...finding('fix', 'major', 'measured', ['r2']),
  title: "'Start free trial' is fainter than 'Watch a video'",
  detail: 'primary r2 0.14 vs r3 1.00 (visual weight, heaviest region 1.00)',
  why: 'The main action should be the first thing the eye lands on.',
  fix: 'Make it the filled button: 18 px bold, white on #222222: 15.91:1.',
  fixPatch: [{ regionId: 'r2', declarations: { 'font-weight': '700' } }],
};
const aaa: Finding = { ...finding('aaa', 'minor', 'measured', ['r4']), rule: 'wcag-1.4.6' };
const review: Finding = { ...finding('rev', 'info', 'measured', ['r5']), rule: 'needs-review:wcag-1.4.3' };
const wordsOnly: Finding = {
  ...finding('words', 'minor', 'measured', ['r6']),
  fix: 'Move it up.',
  fixPatch: [],
};

const fakePreview = (active: string | null = null): FixPreview => ({
  active,
  problem: null,
  toggle: vi.fn(() => Promise.resolve()),
});

const renderList = (findings: Finding[], preview?: FixPreview) =>
  render(
    <RegionFocusProvider tabId={4}>
      <FindingList findings={findings} preview={preview} />
    </RegionFocusProvider>,
  );

describe('a finding card', () => {
  it('shows the title, why and fix, with the raw measures in a collapsed details line', () => {
    renderList([advised]);
    const card = screen.getByRole('listitem');
    expect(card.textContent).toContain(advised.title);
    expect(card.textContent).toContain(advised.why);
    expect(card.textContent).toContain(`Fix: ${advised.fix}`);
    const details = card.querySelector('details.finding__detail') as HTMLDetailsElement;
    expect(details.open).toBe(false);
    expect(details.querySelector('summary')?.textContent).toBe('Details');
    expect(details.textContent).toContain('r2 0.14 vs r3 1.00');
  });

  it('previews that finding’s fix alone, and offers it only where there is a patch', () => {
    const preview = fakePreview();
    renderList([advised, wordsOnly], preview);
    const buttons = screen.getAllByRole('button', { name: 'Preview this fix' });
    expect(buttons).toHaveLength(1);
    expect(buttons[0]!.closest('li')?.getAttribute('data-finding')).toBe('fix');
    expect(buttons[0]!.getAttribute('aria-pressed')).toBe('false');
    fireEvent.click(buttons[0]!);
    expect(preview.toggle).toHaveBeenCalledWith(advised);
  });

  it('shows which fix is on the page', () => {
    renderList([advised], fakePreview('fix'));
    const button = screen.getByRole('button', { name: 'Preview this fix' });
    expect(button.getAttribute('aria-pressed')).toBe('true');
    expect(button.closest('li')?.textContent).toContain('press again to put the page back');
  });

  it('has no preview button without a tab to preview on', () => {
    renderList([advised]);
    expect(screen.queryByRole('button', { name: 'Preview this fix' })).toBeNull();
  });
});

describe('notes', () => {
  it('fold AAA and info findings under one collapsed line', () => {
    renderList([aaa, advised, review, finding('i', 'info', 'measured', ['r7'])], fakePreview());
    const main = within(screen.getByRole('list', { name: 'Findings' })).getAllByRole('listitem');
    expect(main.map((li) => li.getAttribute('data-finding'))).toEqual(['fix']);
    const notes = screen.getByTestId('finding-notes') as HTMLDetailsElement;
    expect(notes.open).toBe(false);
    expect(notes.querySelector('summary')?.textContent).toBe('3 notes (AAA, needs review, info)');
    const folded = within(notes).getAllByRole('listitem', { hidden: true });
    expect(folded.map((li) => li.getAttribute('data-finding'))).toEqual(['aaa', 'rev', 'i']);
  });
});
