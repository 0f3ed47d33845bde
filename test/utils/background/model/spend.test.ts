import { describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { dayOf, recordSpend, spentToday } from '@/utils/background/model/spend';

describe('daily spending ledger', () => {
  it('adds bills within a day and starts from zero the next day', async () => {
    const morning = new Date(2026, 10, 21, 9, 0);
    const evening = new Date(2026, 10, 21, 22, 0);
    const tomorrow = new Date(2026, 10, 22, 0, 5);
    expect(await spentToday(morning)).toBe(0);
    await recordSpend(0.04, morning);
    expect(await recordSpend(0.06, evening)).toBeCloseTo(0.1, 10);
    expect(await spentToday(evening)).toBeCloseTo(0.1, 10);
    expect(await spentToday(tomorrow)).toBe(0);
    expect(dayOf(tomorrow)).toBe('2026-11-22');
  });

  it('keeps only day and total, in local storage, never sync', async () => {
    await recordSpend(0.5, new Date(2026, 0, 2));
    expect(await fakeBrowser.storage.local.get('modelSpend')).toEqual({
      modelSpend: { day: '2026-01-02', usd: 0.5 },
    });
    expect(await fakeBrowser.storage.sync.get(null)).toEqual({});
  });

  it('treats a damaged ledger as nothing spent', async () => {
    await fakeBrowser.storage.local.set({ modelSpend: { day: 12, usd: 'lots' } });
    expect(await spentToday()).toBe(0);
  });
});
