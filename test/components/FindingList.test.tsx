// @vitest-environment happy-dom
import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { FindingList } from '@/components/critique/FindingList';
import type { FixPreview } from '@/components/critique/useFixPreview';
import { RegionFocusProvider, useRegionFocus } from '@/components/focus/RegionFocus';
import { region } from '@/test/fixtures/regions';
import type { Finding } from '@/utils/core/schemas/finding';

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

describe('triage', () => {
  const triage = () => ({
    ignore: vi.fn(() => Promise.resolve()),
    restore: vi.fn(() => Promise.resolve()),
    problem: null,
    ready: true,
  });
  const spread = [
    { ...finding('low', 'minor', 'measured', ['r9']), category: 'spacing' as const },
    finding('top', 'critical', 'seen', ['r1']),
    { ...finding('mid', 'major', 'measured', ['r5']), category: 'targets' as const },
  ];
  const regions = [
    region('r1', { box: { y: 900 } }),
    region('r5', { box: { y: 10 } }),
    region('r9', { box: { y: 400 } }),
  ];
  const shownIds = () =>
    within(screen.getByRole('list', { name: 'Findings' }))
      .queryAllByRole('listitem')
      .map((li) => li.getAttribute('data-finding'));

  it('filters by category, severity and basis, says how many are shown, and sorts by place on the page', () => {
    render(
      <RegionFocusProvider tabId={4}>
        <FindingList findings={spread} regions={regions} triage={triage()} />
      </RegionFocusProvider>,
    );
    expect(shownIds()).toEqual(['top', 'mid', 'low']);
    const category = screen.getByRole('combobox', { name: 'Category' });
    expect([...category.querySelectorAll('option')].map((o) => o.textContent)).toEqual([
      'All categories',
      'contrast',
      'spacing',
      'targets',
    ]);
    fireEvent.change(category, { target: { value: 'targets' } });
    expect(shownIds()).toEqual(['mid']);
    expect(screen.getByTestId('findings-shown').textContent).toMatch(/^1 of 3 findings shown/);
    fireEvent.click(screen.getByRole('button', { name: 'Show all' }));
    fireEvent.change(screen.getByRole('combobox', { name: 'Basis' }), { target: { value: 'seen' } });
    expect(shownIds()).toEqual(['top']);
    fireEvent.change(screen.getByRole('combobox', { name: 'Basis' }), { target: { value: '' } });
    fireEvent.change(screen.getByRole('combobox', { name: 'Severity' }), { target: { value: 'minor' } });
    expect(shownIds()).toEqual(['low']);
    fireEvent.change(screen.getByRole('combobox', { name: 'Severity' }), { target: { value: '' } });
    fireEvent.change(screen.getByRole('combobox', { name: 'Sort' }), { target: { value: 'position' } });
    expect(shownIds()).toEqual(['mid', 'low', 'top']);
  });

  it('ignores a finding with the reason typed, or none; Escape puts the button back', async () => {
    const t = triage();
    render(
      <RegionFocusProvider tabId={4}>
        <FindingList findings={spread} regions={regions} triage={t} />
      </RegionFocusProvider>,
    );
    const card = () => screen.getByText('critical top').closest('li')!;
    fireEvent.click(within(card()).getByRole('button', { name: 'Ignore' }));
    const reason = within(card()).getByRole('textbox', { name: 'Reason for ignoring (optional)' });
    expect(document.activeElement).toBe(reason);
    fireEvent.keyDown(reason, { key: 'Escape' });
    expect(within(card()).queryByRole('textbox')).toBeNull();
    expect(document.activeElement).toBe(within(card()).getByRole('button', { name: 'Ignore' }));
    fireEvent.click(within(card()).getByRole('button', { name: 'Ignore' }));
    fireEvent.change(within(card()).getByRole('textbox'), { target: { value: '  brand colour  ' } });
    fireEvent.click(within(card()).getByRole('button', { name: 'Ignore' }));
    expect(t.ignore).toHaveBeenCalledWith(spread[1], 'brand colour');
    // Focus moves on to the next card, ready for the next decision.
    const next = screen.getByText('major mid').closest('li')!;
    await waitFor(() => expect(next.contains(document.activeElement)).toBe(true));
    const other = screen.getByText('minor low').closest('li')!;
    fireEvent.click(within(other).getByRole('button', { name: 'Ignore' }));
    fireEvent.click(within(other).getByRole('button', { name: 'Ignore' }));
    expect(t.ignore).toHaveBeenLastCalledWith(spread[0], null);
  });

  it('lists ignored findings under Ignored (n) with their reasons, to restore', () => {
    const t = triage();
    const ignored = { finding: spread[1]!, reason: 'brand colour', at: 1 };
    render(
      <RegionFocusProvider tabId={4}>
        <FindingList findings={[spread[0]!]} regions={regions} ignored={[ignored]} triage={t} />
      </RegionFocusProvider>,
    );
    const block = screen.getByTestId('ignored-findings');
    expect(block.querySelector('summary')?.textContent).toBe('Ignored (1)');
    expect(block.textContent).toContain('Reason: brand colour');
    expect(block.textContent).toContain('Still counted in the score');
    fireEvent.click(within(block).getByRole('button', { name: 'Restore', hidden: true }));
    expect(t.restore).toHaveBeenCalledWith(spread[1]);
  });

  it('lights every region of a card while it is hovered or holds focus', () => {
    const Lit = () => <output data-testid="lit">{[...useRegionFocus().active].join(' ')}</output>;
    const two = finding('two', 'major', 'measured', ['r1', 'r5']);
    render(
      <RegionFocusProvider tabId={4}>
        <FindingList findings={[two, spread[0]!]} regions={regions} triage={triage()} />
        <Lit />
      </RegionFocusProvider>,
    );
    const lit = () => screen.getByTestId('lit').textContent;
    const card = screen.getByText('major two').closest('li')!;
    fireEvent.mouseEnter(card);
    expect(lit()).toBe('r1 r5');
    fireEvent.mouseLeave(card);
    expect(lit()).toBe('');
    fireEvent.focus(within(card).getByRole('button', { name: 'Ignore' }));
    expect(lit()).toBe('r1 r5');
    fireEvent.blur(within(card).getByRole('button', { name: 'Ignore' }));
    expect(lit()).toBe('');
  });
});
