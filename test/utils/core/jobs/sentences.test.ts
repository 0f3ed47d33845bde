import { describe, expect, it } from 'vitest';
import { mergeDraft, emptyDraft } from '@/utils/core/jobs/record';
import { addSentences } from '@/utils/core/jobs/sentences';

const REFUSED = 'The API key was refused (401). Check it in Settings.';

describe('notes and errors of a job', () => {
  it('count a sentence said again instead of repeating it', () => {
    let notes: string[] = [];
    for (let i = 0; i < 4; i++) notes = addSentences(notes, [REFUSED]);
    expect(notes).toEqual([`${REFUSED} (×4)`]);
  });

  it('keep distinct sentences in the order they first came', () => {
    expect(addSentences(['a', 'b'], ['c', 'a', 'b', 'a'])).toEqual(['a (×3)', 'b (×2)', 'c']);
  });

  it('add counts when two counted lists meet', () => {
    expect(addSentences([`${REFUSED} (×2)`], [`${REFUSED} (×3)`])).toEqual([`${REFUSED} (×5)`]);
  });

  it('are merged from stage outputs the same way', () => {
    const once = mergeDraft(emptyDraft(), { notes: [REFUSED], errors: ['Image failed: 401'] });
    const twice = mergeDraft(once, { notes: [REFUSED, 'Done.'], errors: ['Image failed: 401'] });
    expect(twice.notes).toEqual([`${REFUSED} (×2)`, 'Done.']);
    expect(twice.errors).toEqual(['Image failed: 401 (×2)']);
  });
});
