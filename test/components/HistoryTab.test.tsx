// @vitest-environment happy-dom
import 'fake-indexeddb/auto';
import { cleanup, fireEvent, render, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { HistoryTab } from '@/components/history/HistoryTab';
import { history } from '@/utils/history/db';
import { listHistory, saveRecord } from '@/utils/history/store';
import { CRITIQUE_STAGE_NAMES, emptyRecord } from '@/utils/jobs/record';
import type { CritiqueRecord } from '@/utils/schemas';

const recordOf = (id: string, url: string, createdAt: number): CritiqueRecord => {
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
  record.job.state = 'done';
  return record;
};

const rows = () =>
  within(screen.getByTestId('history-list'))
    .getAllByRole('listitem')
    .map((li) => li.getAttribute('data-critique'));

afterEach(() => {
  cleanup();
  history().close();
});

describe('History', () => {
  it('lists every saved critique, this page’s first, newest first; reopens or deletes one', async () => {
    const here = 'https://example.test/here';
    await saveRecord(recordOf('here-old', here, 1));
    await saveRecord(recordOf('elsewhere-new', 'https://example.test/other', 5));
    await saveRecord(recordOf('here-new', here, 3));
    await saveRecord(recordOf('elsewhere-old', 'https://example.test/other', 2));
    const onOpen = vi.fn();
    render(<HistoryTab url={here} onOpen={onOpen} version={0} />);
    await screen.findByTestId('history-list');
    expect(rows()).toEqual(['here-new', 'here-old', 'elsewhere-new', 'elsewhere-old']);

    fireEvent.click(within(screen.getAllByRole('listitem')[2]!).getByRole('button', { name: 'Reopen' }));
    expect(onOpen).toHaveBeenCalledWith('elsewhere-new');

    fireEvent.click(
      within(screen.getAllByRole('listitem')[1]!).getByRole('button', {
        name: /^Delete critique of here-old/,
      }),
    );
    await vi.waitFor(() => expect(rows()).toEqual(['here-new', 'elsewhere-new', 'elsewhere-old']));
    expect((await listHistory()).map((e) => e.id)).not.toContain('here-old');
  });
});
