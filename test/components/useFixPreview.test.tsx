// @vitest-environment happy-dom
import { act, renderHook } from '@testing-library/react';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { useFixPreview } from '@/components/critique/useFixPreview';
import { CRITIQUE_STAGE_NAMES, emptyRecord } from '@/utils/core/jobs/record';
import type { Finding } from '@/utils/core/schemas/finding';
import type { CritiqueRecord } from '@/utils/core/schemas/record';
import { region } from '@/test/fixtures/regions';

const sent: { type: string; data: unknown; tabId?: number }[] = [];
let hidden: { regionId: string; reason: string }[] = [];
vi.mock('@/utils/messaging/protocol', () => ({
  sendMessage: vi.fn((type: string, data: unknown, tabId?: number) => {
    sent.push({ type, data, tabId });
    return Promise.resolve(
      type === 'applyPreview' ? { applied: 1, missing: [], rejected: 0, hidden, checkMs: 0, ms: 1 } : 1,
    );
  }),
}));
let locked = new Set<string>();
vi.mock('@/utils/extension/settings/locks', () => ({
  keptNow: vi.fn(() => Promise.resolve({ doNotTouch: [], locked })),
}));

const record: CritiqueRecord = {
  ...emptyRecord(
    'job1',
    {
      tabId: 7,
      url: 'https://example.test/',
      title: 'Example',
      mode: 'viewport',
      request: null,
      kind: 'critique',
      against: null,
      preview: false,
    },
    CRITIQUE_STAGE_NAMES,
    1,
  ),
};
record.draft.regions = [region('r1'), region('r2')];

const fixing = (id: string, regionId: string): Finding => ({
  id,
  title: id,
  detail: '',
  severity: 'major',
  category: 'contrast',
  basis: 'measured',
  regionIds: [regionId],
  confidence: 1,
  fixPatch: [{ regionId, declarations: { color: '#000000' } }],
});

beforeEach(() => {
  sent.length = 0;
  hidden = [];
  locked = new Set();
});

describe('Preview this fix', () => {
  it('applies one finding’s patch, takes it off on the second press, and replaces it with another', async () => {
    const { result } = renderHook(() => useFixPreview(7, record));
    const a = fixing('contrast-1', 'r1');
    const b = fixing('contrast-2', 'r2');
    await act(() => result.current.toggle(a));
    expect(result.current.active).toBe('contrast-1');
    expect(sent).toEqual([
      {
        type: 'applyPreview',
        data: {
          patch: a.fixPatch,
          regions: [
            { id: 'r1', selector: '#r1' },
            { id: 'r2', selector: '#r2' },
          ],
          kept: [],
        },
        tabId: 7,
      },
    ]);
    await act(() => result.current.toggle(b));
    expect(result.current.active).toBe('contrast-2');
    expect(sent.map((m) => m.type)).toEqual(['applyPreview', 'applyPreview']);
    expect((sent[1]!.data as { patch: unknown }).patch).toEqual(b.fixPatch);
    await act(() => result.current.toggle(b));
    expect(result.current.active).toBeNull();
    expect(sent.at(-1)?.type).toBe('revertPreview');
    await act(() => result.current.toggle(b));
    expect(result.current.active).toBe('contrast-2');
  });

  it('shows no fix as previewed once another critique is shown', async () => {
    const { result, rerender } = renderHook(({ shown }) => useFixPreview(7, shown), {
      initialProps: { shown: record },
    });
    await act(() => result.current.toggle(fixing('contrast-1', 'r1')));
    expect(result.current.active).toBe('contrast-1');
    rerender({ shown: { ...record, id: 'job2' } });
    expect(result.current.active).toBeNull();
  });

  it('leaves out regions kept as they are, and takes off a fix that hides part of the page', async () => {
    const { result } = renderHook(() => useFixPreview(7, record));
    locked = new Set(['r1']);
    await act(() => result.current.toggle(fixing('contrast-1', 'r1')));
    expect(sent).toEqual([]);
    expect(result.current.problem).toBe('This fix only touches regions kept as they are.');
    locked = new Set();
    hidden = [{ regionId: 'r2', reason: 'font-size 0px' }];
    await act(() => result.current.toggle(fixing('contrast-2', 'r2')));
    expect(sent.map((m) => m.type)).toEqual(['applyPreview', 'revertPreview']);
    expect(result.current.active).toBeNull();
    expect(result.current.problem).toMatch(/hide part of the page/);
  });
});
