// @vitest-environment happy-dom
import { cleanup, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { EngineSummary } from '@/components/critique/EngineSummary';
import type { Draft } from '@/utils/core/schemas/record';

afterEach(cleanup);

const draft = (reported: boolean) =>
  ({
    engine: 'model:gpt-5.4-mini',
    imageRun: null,
    planner: {
      status: 'model',
      note: null,
      model: 'gpt-5.4-mini',
      api: 'responses',
      repaired: false,
      estimate: {
        textTokens: 2000,
        imageTokens: 1580,
        inputTokens: 3580,
        usd: 0.0312,
        imageUsd: 0,
        totalUsd: 0.0312,
      },
      usage: { reported, inputTokens: 3400, outputTokens: 900 },
      costUsd: 0.0274,
      requestBytes: 120_000,
      image: null,
      calls: 1,
      choice: null,
    },
  }) as unknown as Draft;

describe('the engine summary', () => {
  it('shows the planner’s estimate, and the usage once the server reports it', () => {
    render(<EngineSummary draft={draft(true)} />);
    const text = screen.getByTestId('engine-summary').textContent;
    expect(text).toContain('Planner: estimated 3,580 input tokens, $0.031');
    expect(text).toContain('used 3,400 in, 900 out, $0.027');
    cleanup();
    render(<EngineSummary draft={draft(false)} />);
    expect(screen.getByTestId('engine-summary').textContent).not.toContain('used');
  });
});
