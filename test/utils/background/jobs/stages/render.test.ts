import { describe, expect, it, vi } from 'vitest';
import { measure } from '@/utils/core/measure';
import { toCssPatch } from '@/utils/core/plan/cssPatch';
import { restage } from '@/utils/core/plan/restage';
import { contentCheckPassed } from '@/utils/core/plan/validate';
import type { StageIO } from '@/utils/background/jobs/stage';
import { renderStage } from '@/utils/background/jobs/stages/render';
import { heading, region } from '@/test/fixtures/regions';

// The content script that would freeze the page does not answer.
vi.mock('@/utils/messaging/protocol', () => ({
  sendMessage: vi.fn(() => Promise.reject(new Error('Could not establish connection'))),
}));

async function renderUnfrozen(left: string | null) {
  const viewport = { width: 800, height: 600 };
  const regions = [
    heading('r1', 1, 32, { text: 'Spring order form' }),
    region('r2', { text: 'Order before March for spring delivery.', box: { y: 60 } }),
  ];
  const { blueprint, contentCheck } = restage(regions, measure(regions, viewport), viewport);
  const stored: Blob[] = [];
  const io = {
    signal: new AbortController().signal,
    job: { tabId: 7, title: 'Garden supplies', url: 'https://example.com/' },
    settings: { privateSelectors: [] },
    progress: () => {},
    load: () => Promise.resolve(null),
    pageLeft: () => Promise.resolve(left),
    store: (_kind: string, blob: Blob) => {
      stored.push(blob);
      return Promise.resolve({ id: 'mockup-1', stored: true });
    },
  } as unknown as StageIO;
  const out = await renderStage.run(
    {
      regions,
      plan: { blueprint, cssPatch: toCssPatch(blueprint, regions), contentCheck },
      extraction: { viewport },
      shot: null,
    } as never,
    io,
  );
  return { out, stored };
}

describe('render stage', () => {
  it('draws the plan as one column when the page can no longer be frozen, and never calls that passed', async () => {
    const { out, stored } = await renderUnfrozen(null);
    expect(out.plan?.contentCheck.structure).toBeNull();
    expect(contentCheckPassed(out.plan!.contentCheck)).toBe(false);
    expect(out.notes?.[0]).toMatch(
      /^The page could not be frozen for the mockup \(Could not establish connection\); it shows the plan as one column/,
    );
    const html = await stored[0]!.text();
    expect(html).toContain('Spring order form');
    expect(html).toContain('Order before March for spring delivery.');
  });

  it('adds no sentence of its own when the page left: the job says that once', async () => {
    const { out, stored } = await renderUnfrozen(
      'The tab was closed during the critique; what was found before is kept.',
    );
    expect(out.notes).toEqual([]);
    expect(await stored[0]!.text()).toContain('Spring order form');
  });
});
