// @vitest-environment happy-dom
import 'fake-indexeddb/auto';
import { act, cleanup, renderHook } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { useTriage } from '@/components/critique/useTriage';
import { getRecord } from '@/utils/extension/history/read';
import { saveRecord } from '@/utils/background/history/store';
import { CRITIQUE_STAGE_NAMES, emptyRecord } from '@/utils/core/jobs/record';
import type { Finding } from '@/utils/core/schemas/finding';
import type { CritiqueRecord } from '@/utils/core/schemas/record';
import { ignoresFor } from '@/utils/extension/ignores';
import { region } from '@/test/fixtures/regions';
import { startHistoryService } from '@/utils/background/history/service';
import { deliverFrom, SENDERS } from '@/test/fixtures/senders';

// The panel's changes to saved runs are the background's: its handlers answer, as from the panel.
let stopHistory = () => {};
beforeEach(() => {
  stopHistory = startHistoryService();
  deliverFrom(SENDERS.panel);
});
afterEach(() => {
  stopHistory();
  vi.restoreAllMocks();
});

afterEach(cleanup);

const URL_A = 'https://shop.test/';
const finding = (id: string, regionIds: string[]): Finding => ({
  id,
  title: `Finding ${id}`,
  detail: '',
  severity: 'major',
  category: 'contrast',
  basis: 'measured',
  rule: 'wcag-1.4.3',
  regionIds,
  confidence: 1,
});

function recordIn(state: CritiqueRecord['job']['state'], id = 'c1'): CritiqueRecord {
  const record = emptyRecord(
    id,
    {
      kind: 'critique',
      tabId: 1,
      url: URL_A,
      title: 't',
      mode: 'viewport',
      request: null,
      against: null,
      preview: false,
    },
    CRITIQUE_STAGE_NAMES,
    0,
  );
  record.job.state = state;
  record.draft.regions = [region('r1'), region('r2', { box: { y: 40 } })];
  record.draft.findings = [finding('a', ['r1']), finding('b', ['r2'])];
  return record;
}

describe('useTriage', () => {
  it('ignores: saves the ignore for the page and the changed record, and shows it; restores the same way', async () => {
    const record = recordIn('done');
    await saveRecord(record);
    const replace = vi.fn();
    const { result, rerender } = renderHook(({ r }) => useTriage(r, replace), {
      initialProps: { r: record },
    });
    expect(result.current.ready).toBe(true);
    await act(() => result.current.ignore(record.draft.findings[0]!, 'on purpose'));
    const shown = replace.mock.calls[0]![0] as CritiqueRecord;
    expect(shown.draft.ignored.map((i) => [i.finding.id, i.reason])).toEqual([['a', 'on purpose']]);
    expect((await getRecord('c1'))!.draft.ignored).toEqual(shown.draft.ignored);
    expect((await ignoresFor(URL_A)).map((e) => e.reason)).toEqual(['on purpose']);

    rerender({ r: shown });
    await act(() => result.current.restore(shown.draft.ignored[0]!.finding));
    const back = replace.mock.calls[1]![0] as CritiqueRecord;
    expect(back.draft.findings.map((f) => f.id).sort()).toEqual(['a', 'b']);
    expect((await getRecord('c1'))!.draft.ignored).toEqual([]);
    expect(await ignoresFor(URL_A)).toEqual([]);
  });

  it('waits for a running critique to end: its stages still write the lists', async () => {
    const replace = vi.fn();
    const running = recordIn('running', 'c2');
    const { result } = renderHook(() => useTriage(running, replace));
    expect(result.current.ready).toBe(false);
    await act(() => result.current.ignore(running.draft.findings[0]!, null));
    expect(replace).not.toHaveBeenCalled();
    expect(await ignoresFor(URL_A)).toEqual([]);
  });
});
