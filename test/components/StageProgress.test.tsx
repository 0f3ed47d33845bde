// @vitest-environment happy-dom
import { cleanup, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { MODEL_WOULD_ADD, StageProgress } from '@/components/critique/StageProgress';
import { CRITIQUE_STAGE_NAMES, emptyRecord, MODEL_STAGE_NAMES, stagesToRun } from '@/utils/core/jobs/record';
import type { StageName } from '@/utils/core/schemas/record';

const request = {
  tabId: 4,
  url: 'https://example.test/',
  title: 'Example',
  mode: 'viewport' as const,
  request: null,
  kind: 'critique' as const,
  against: null,
  preview: false,
};
const CHECK_STAGE_NAMES: StageName[] = ['preview', 'regions', 'measure', 'capture', 'text-images', 'verify'];

function show(stages: readonly StageName[], kind: 'critique' | 'check' = 'critique') {
  const record = emptyRecord('job', { ...request, kind }, stages, 1);
  render(<StageProgress job={record.job} />);
  const listed = [...document.querySelectorAll('[data-stage]')].map((li) => li.getAttribute('data-stage'));
  const sentence = screen.queryAllByText(MODEL_WOULD_ADD);
  return { listed, sentence };
}

afterEach(cleanup);

describe('the progress list', () => {
  it('offline: lists no model stage, and says once what a model would add', () => {
    const { listed, sentence } = show(stagesToRun(CRITIQUE_STAGE_NAMES, false));
    expect(listed).toEqual(['regions', 'measure', 'capture', 'plan', 'text-images', 'render', 'verify']);
    for (const name of MODEL_STAGE_NAMES) expect(listed).not.toContain(name);
    expect(sentence).toHaveLength(1);
  });

  it('with a model: lists the model plan, the image and its check, and no sentence', () => {
    const { listed, sentence } = show(stagesToRun(CRITIQUE_STAGE_NAMES, true));
    expect(listed).toEqual(expect.arrayContaining(['model-plan', 'image', 'image-check']));
    expect(sentence).toHaveLength(0);
  });

  it('a check, which has no model stages at all, says nothing about a model', () => {
    expect(show(CHECK_STAGE_NAMES, 'check').sentence).toHaveLength(0);
  });
});
