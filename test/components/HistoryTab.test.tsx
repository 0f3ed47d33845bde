// @vitest-environment happy-dom
import 'fake-indexeddb/auto';
import { act, cleanup, fireEvent, render, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { HistoryTab } from '@/components/history/HistoryTab';
import { history } from '@/utils/extension/history/db';
import { listHistory } from '@/utils/extension/history/read';
import type { Removed } from '@/utils/extension/history/db';
import { restoreRecord, saveRecord, takeRecord } from '@/utils/background/history/store';
import { DeleteQueue } from '@/utils/panel/history/undo';
import { CRITIQUE_STAGE_NAMES, emptyRecord } from '@/utils/core/jobs/record';
import type { CritiqueRecord } from '@/utils/core/schemas/record';

/** What the background does for the panel's deletes (background/history/service.ts), on the same database. */
const inIndexedDb = { take: (id: string) => takeRecord(id), restore: (r: Removed) => restoreRecord(r) };

const recordOf = (
  id: string,
  url: string,
  createdAt: number,
  extra: Partial<Pick<CritiqueRecord, 'kind' | 'against' | 'preview' | 'round' | 'refines' | 'request'>> & {
    score?: number;
  } = {},
): CritiqueRecord => {
  const { score, ...fields } = extra;
  const record = emptyRecord(
    id,
    {
      tabId: 4,
      url,
      title: id,
      mode: 'viewport',
      request: null,
      kind: 'critique',
      against: null,
      preview: false,
    },
    CRITIQUE_STAGE_NAMES,
    createdAt,
  );
  Object.assign(record, fields);
  record.job.state = 'done';
  if (score !== undefined) record.draft.score = { value: score } as CritiqueRecord['draft']['score'];
  return record;
};

const rows = () =>
  [...screen.getByTestId('history-view').querySelectorAll('li[data-critique]')].map((li) =>
    li.getAttribute('data-critique'),
  );
const row = (id: string) =>
  screen.getByTestId('history-view').querySelector<HTMLElement>(`li[data-critique="${id}"]`)!;

afterEach(async () => {
  cleanup();
  await history().critiques.clear();
  await history().artifacts.clear();
});

describe('History', () => {
  it('groups runs by page, this page’s first, newest first; reopens one', async () => {
    const here = 'https://example.test/here';
    await saveRecord(recordOf('here-old', here, 1));
    await saveRecord(recordOf('elsewhere-new', 'https://example.test/other', 5));
    await saveRecord(recordOf('here-new', here, 3));
    await saveRecord(recordOf('elsewhere-old', 'https://example.test/other', 2));
    const onOpen = vi.fn();
    render(<HistoryTab url={here} onOpen={onOpen} version={0} queue={new DeleteQueue(inIndexedDb)} />);
    await vi.waitFor(() =>
      expect(rows()).toEqual(['here-new', 'here-old', 'elsewhere-new', 'elsewhere-old']),
    );
    expect(screen.getAllByRole('heading', { level: 3 }).map((h) => h.textContent)).toEqual([
      'This page · here-new',
      'elsewhere-new',
    ]);
    fireEvent.click(within(row('elsewhere-new')).getByRole('button', { name: 'Reopen' }));
    expect(onOpen).toHaveBeenCalledWith('elsewhere-new', 'critique');
  });

  it('tells critiques, rounds and checks apart, and links a check and its critique both ways', async () => {
    const url = 'https://example.test/';
    await saveRecord(recordOf('c1', url, 1, { score: 40 }));
    await saveRecord(
      recordOf('r2', url, 2, { round: 2, refines: 'c1', request: 'make the price bigger', score: 55 }),
    );
    await saveRecord(recordOf('k1', url, 3, { kind: 'check', against: 'c1', score: 70 }));
    const onOpen = vi.fn();
    render(<HistoryTab url={url} onOpen={onOpen} version={0} queue={new DeleteQueue(inIndexedDb)} />);
    await vi.waitFor(() => expect(rows()).toEqual(['k1', 'r2', 'c1']));
    expect(rows().map((id) => row(id!).getAttribute('data-label'))).toEqual(['Check', 'Round 2', 'Critique']);
    // No thumbnail saved: a plain placeholder, no broken image.
    expect(row('c1').querySelector('img')).toBeNull();
    expect(row('c1').querySelector('.history__thumb--none')).not.toBeNull();
    expect(row('r2').textContent).toContain('“make the price bigger”');

    const link = within(row('k1')).getByTestId('checked-critique');
    expect(link.getAttribute('data-against')).toBe('c1');
    fireEvent.click(
      within(link).getByRole('button', { name: /^Open the critique it checked: Critique, .*score 40$/ }),
    );
    expect(onOpen).toHaveBeenLastCalledWith('c1', 'critique');
    const checks = within(row('c1')).getByTestId('critique-checks');
    expect(checks.textContent).toMatch(/^Checked once:/);
    fireEvent.click(within(checks).getByRole('button', { name: /^Open check: Check, .*score 70$/ }));
    expect(onOpen).toHaveBeenLastCalledWith('k1', 'check');

    const chart = screen.getByTestId('score-chart');
    expect(chart.getAttribute('data-points')).toBe('3');
    // Circles for critiques and rounds, a filled square for a check of the page as it is.
    expect([...chart.querySelectorAll('[data-run-id]')].map((p) => p.getAttribute('class'))).toEqual([
      'history__chart-point',
      'history__chart-point',
      'history__chart-point',
    ]);
    expect([...chart.querySelectorAll('[data-run-id]')].map((p) => p.tagName.toLowerCase())).toEqual([
      'circle',
      'circle',
      'rect',
    ]);
    expect([...chart.querySelectorAll('[data-run-id]')].map((p) => p.getAttribute('data-run-id'))).toEqual([
      'c1',
      'r2',
      'k1',
    ]);
    expect(chart.querySelector('desc')?.textContent).toMatch(
      /Critique, .*: 40; Round 2, .*: 55; Check, .*: 70\.$/,
    );
  });

  it('draws a check made with the plan previewed as a hollow square, and says so', async () => {
    const url = 'https://example.test/';
    await saveRecord(recordOf('c1', url, 1, { score: 40 }));
    await saveRecord(recordOf('k1', url, 2, { kind: 'check', against: 'c1', preview: true, score: 90 }));
    render(<HistoryTab url={url} onOpen={vi.fn()} version={0} queue={new DeleteQueue(inIndexedDb)} />);
    await vi.waitFor(() => expect(rows()).toEqual(['k1', 'c1']));
    const point = screen.getByTestId('score-chart').querySelector('[data-run-id="k1"]')!;
    expect(point.tagName.toLowerCase()).toBe('rect');
    expect(point.getAttribute('class')).toBe('history__chart-point history__chart-point--hollow');
    expect(screen.getByTestId('score-chart').querySelector('desc')?.textContent).toContain(
      'Check (plan previewed)',
    );
    expect(row('k1').textContent).toContain('plan previewed');
  });

  it('lists a page’s last 5 runs, all of them on request; the chart has every run', async () => {
    const url = 'https://example.test/';
    for (let i = 1; i <= 7; i++) await saveRecord(recordOf(`run${i}`, url, i, { score: 10 * i }));
    render(<HistoryTab url={url} onOpen={vi.fn()} version={0} queue={new DeleteQueue(inIndexedDb)} />);
    await vi.waitFor(() => expect(rows()).toEqual(['run7', 'run6', 'run5', 'run4', 'run3']));
    expect(screen.getByTestId('score-chart').getAttribute('data-points')).toBe('7');
    fireEvent.click(screen.getByRole('button', { name: 'Show all 7 runs' }));
    expect(rows()).toEqual(['run7', 'run6', 'run5', 'run4', 'run3', 'run2', 'run1']);
    fireEvent.click(screen.getByRole('button', { name: 'Show the last 5 runs' }));
    expect(rows()).toHaveLength(5);
  });

  it('says when the critique a check checked has been deleted, and offers no Reopen for it', async () => {
    const url = 'https://example.test/';
    await saveRecord(recordOf('c1', url, 1));
    await saveRecord(recordOf('k1', url, 2, { kind: 'check', against: 'c1' }));
    render(<HistoryTab url={url} onOpen={vi.fn()} version={0} queue={new DeleteQueue(inIndexedDb)} />);
    await vi.waitFor(() => expect(rows()).toEqual(['k1', 'c1']));
    expect(within(row('k1')).getByRole('button', { name: 'Reopen' })).toBeTruthy();
    fireEvent.click(within(row('c1')).getByRole('button', { name: /^Delete critique of c1/ }));
    await vi.waitFor(() => expect(rows()).toEqual(['k1']));
    expect(within(row('k1')).getByTestId('checked-critique').textContent).toBe(
      'The critique it checked has been deleted.',
    );
    expect(within(row('k1')).queryByRole('button', { name: 'Reopen' })).toBeNull();
  });

  it('filters pages by URL or title as you type', async () => {
    await saveRecord(recordOf('Cart page', 'https://shop.test/cart', 2));
    await saveRecord(recordOf('Blog post', 'https://blog.test/post', 1));
    render(
      <HistoryTab
        url="https://else.test/"
        onOpen={vi.fn()}
        version={0}
        queue={new DeleteQueue(inIndexedDb)}
      />,
    );
    const search = await screen.findByRole('searchbox', { name: 'Search history by page URL or title' });
    fireEvent.change(search, { target: { value: 'blog' } });
    expect(rows()).toEqual(['Blog post']);
    fireEvent.change(search, { target: { value: 'CART page' } });
    expect(rows()).toEqual(['Cart page']);
    fireEvent.change(search, { target: { value: 'zzz' } });
    expect(rows()).toEqual([]);
    expect(screen.getByTestId('history-matches').textContent).toBe('No page matches.');
    fireEvent.change(search, { target: { value: '' } });
    expect(rows()).toEqual(['Cart page', 'Blog post']);
  });

  it('deletes without asking and offers Undo, which puts the run back', async () => {
    const url = 'https://example.test/';
    await saveRecord(recordOf('a', url, 1));
    await saveRecord(recordOf('b', url, 2));
    render(<HistoryTab url={url} onOpen={vi.fn()} version={0} queue={new DeleteQueue(inIndexedDb)} />);
    await vi.waitFor(() => expect(rows()).toEqual(['b', 'a']));
    fireEvent.click(within(row('a')).getByRole('button', { name: /^Delete critique of a/ }));
    await vi.waitFor(() => expect(rows()).toEqual(['b']));
    expect((await listHistory()).map((e) => e.id)).toEqual(['b']);
    const undo = within(screen.getByTestId('history-undo')).getByRole('button', {
      name: /^Undo: bring back the critique of a from/,
    });
    await vi.waitFor(() => expect(document.activeElement).toBe(undo));
    fireEvent.click(within(row('b')).getByRole('button', { name: /^Delete critique of b/ }));
    await vi.waitFor(() => expect(rows()).toEqual([]));
    expect(screen.getByTestId('history-undo').textContent).toMatch(
      /Deleted critique of a .*Deleted critique of b/,
    );
    fireEvent.click(undo);
    await vi.waitFor(() => expect(rows()).toEqual(['a']));
    await vi.waitFor(() => expect(row('a').contains(document.activeElement)).toBe(true));
    expect(screen.getByTestId('history-undo').querySelectorAll('[data-pending-id]')).toHaveLength(1);
    expect((await listHistory()).map((e) => e.id)).toEqual(['a']);
  });

  it('moves the focus to a new Undo once; another delete’s window closing does not pull it back', async () => {
    const url = 'https://example.test/';
    await saveRecord(recordOf('a', url, 1));
    await saveRecord(recordOf('b', url, 2));
    await saveRecord(recordOf('c', url, 3));
    const queue = new DeleteQueue(inIndexedDb);
    render(<HistoryTab url={url} onOpen={vi.fn()} version={0} queue={queue} />);
    await vi.waitFor(() => expect(rows()).toEqual(['c', 'b', 'a']));
    fireEvent.click(within(row('a')).getByRole('button', { name: /^Delete critique of a/ }));
    await vi.waitFor(() => expect(document.activeElement?.getAttribute('data-undo-id')).toBe('a'));
    fireEvent.click(within(row('b')).getByRole('button', { name: /^Delete critique of b/ }));
    await vi.waitFor(() => expect(document.activeElement?.getAttribute('data-undo-id')).toBe('b'));
    const search = screen.getByRole('searchbox');
    search.focus();
    await act(() => queue.undo('a'));
    expect(screen.getByTestId('history-undo').querySelector('[data-pending-id="a"]')).toBeNull();
    expect(document.activeElement).toBe(search);
  });
});
