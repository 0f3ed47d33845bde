import { afterEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { emptyDraft } from '@/utils/core/jobs/record';
import { region } from '@/test/fixtures/regions';
import type { StageIO } from '@/utils/background/jobs/stage';
import { textImagesStage } from '@/utils/background/jobs/stages/textImages';

const io = {} as StageIO;
const withOffscreen = fakeBrowser as unknown as { offscreen?: unknown };

afterEach(() => {
  delete withOffscreen.offscreen;
});

describe('text-images stage', () => {
  it('skips itself, saying why, in a browser without offscreen documents (Firefox)', () => {
    delete withOffscreen.offscreen;
    expect(textImagesStage.skip!(io, emptyDraft())).toMatch(/^images of text are not read in this browser/);
  });

  it('runs where offscreen documents exist, on a page with images', () => {
    withOffscreen.offscreen = {};
    const picture = region('r2', { kind: 'media', tag: 'img', text: '', name: 'Banner' });
    expect(textImagesStage.skip!(io, { ...emptyDraft(), regions: [region('r1'), picture] })).toBeNull();
    expect(textImagesStage.skip!(io, { ...emptyDraft(), regions: [region('r1')] })).toBe(
      'no images on the page',
    );
  });
});
