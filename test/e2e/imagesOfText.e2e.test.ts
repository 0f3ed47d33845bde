/**
 * Images of text, end to end: a critique of a page with two banners drawn as PNGs (#999 words
 * on #bbb, and #111 on white), a photo whose alt text sends it to OCR, a gradient, and a banner
 * below the fold. The pale banner's 1.4.3 failure is found from its pixels, with the ratio its
 * colours give; both banners get the 1.4.5 note; the photo and the gradient get nothing; the
 * banner the viewport capture does not hold is counted in a note, not measured (a full-page
 * capture holds it, and it is measured).
 */
import { describe, expect, it } from 'vitest';
import { contrastRatio, parseColor } from '@/utils/core/measure/color';
import { score } from '@/utils/core/measure/score';
import { CritiqueRecord } from '@/utils/core/schemas/record';
import { type Region } from '@/utils/core/schemas/region';
import { axeNodes } from '@/test/e2e/axeContrast';
import { CORPUS, withExtension } from '@/test/e2e/harness';

const env = withExtension({
  '/fixtures': `${import.meta.dirname}/../fixtures/pages`,
  '/corpus': `${CORPUS}/pages`,
});

describe('images of text, measured from their pixels', () => {
  it('finds the pale banner below 1.4.3 with its true ratio, and passes the dark one', async () => {
    const { page, tabId } = await env.harness.openTab(`${env.server.origin}/fixtures/image-of-text.html`);
    await page.waitForFunction(() =>
      [...document.images].every((img) => img.complete && img.naturalWidth > 0),
    );
    const boxes = await page.evaluate(() =>
      Object.fromEntries(
        [...document.images].map((img) => {
          const r = img.getBoundingClientRect();
          return [img.id, { x: r.x + scrollX, y: r.y + scrollY }];
        }),
      ),
    );
    // axe-core (Lighthouse's contrast audit runs it too) finds no 1.4.3 violation on the page:
    // it does not look inside images.
    const axe = await axeNodes(page, []);
    expect(axe.filter((n) => n.outcome === 'violation')).toEqual([]);
    expect(axe.filter((n) => n.outcome === 'pass').length).toBeGreaterThan(0);
    const { record: raw } = await env.harness.runJob({ tabId, mode: 'viewport' });
    const record = CritiqueRecord.parse(raw);
    const { regions, findings, notes } = record.draft;
    const stage = record.job.stages.find((s) => s.name === 'text-images');
    expect(stage?.status).toBe('done');
    const idOf = (img: string) => {
      const at = boxes[img]!;
      const found = regions.find(
        (r: Region) => r.kind === 'media' && Math.abs(r.box.x - at.x) < 1 && Math.abs(r.box.y - at.y) < 1,
      );
      expect(found, `a region for #${img}`).toBeDefined();
      return found!.id;
    };
    const [pale, dark, photo, gradient, below] = ['pale', 'dark', 'photo', 'gradient', 'below'].map(idOf);

    const fromPixels = findings.filter((f) => f.source === 'pixels');
    const failures = fromPixels.filter((f) => f.rule === 'wcag-1.4.3');
    expect(failures.map((f) => f.regionIds)).toEqual([[pale]]);
    const failure = failures[0]!;
    expect(failure).toMatchObject({ basis: 'measured', category: 'contrast', severity: 'critical' });
    expect(failure.title).toBe('Text in the image “Spring sale banner” is too faint to read');
    expect(failure.why).toBeTruthy();
    expect(failure.fix).toMatch(/^Redraw the words in #[0-9a-f]{6} or darker on #/);
    // The true ratio of the colours the fixture was drawn with, within what clustering and
    // the PNG's anti-aliasing can move it.
    const truth = contrastRatio(parseColor('#999')!, parseColor('#bbb')!);
    const measured = Number(/: ([\d.]+):1/.exec(failure.detail)?.[1]);
    expect(Math.abs(measured - truth)).toBeLessThan(0.05);

    const notes145 = fromPixels.filter((f) => f.rule === 'wcag-1.4.5');
    expect(notes145.map((f) => f.regionIds[0]).sort()).toEqual([pale, dark].sort());
    expect(notes145.every((f) => f.severity === 'info' && f.fix && f.why)).toBe(true);
    // The banner without alt text is named by the words OCR read in it.
    expect(notes145.find((f) => f.regionIds[0] === dark)!.title).toMatch(/“Open every day/i);
    for (const f of fromPixels) expect(f.title).not.toMatch(/\br\d+\b/);

    // Nothing for the photo, the gradient or the banner below the captured area.
    const named = new Set(fromPixels.flatMap((f) => f.regionIds));
    for (const id of [photo, gradient, below]) expect(named.has(id!)).toBe(false);
    expect(notes).toContain(
      '1 image lies mostly outside the screenshot, so any text in it was not measured.',
    );
    // The photo went to OCR (its alt text says "poster") and the gradient did not.
    expect(notes).toContain(
      'OCR read 3 images for text; the contrast of the words found is measured from the image’s own pixels.',
    );

    // The score counts the pixel finding with every other measured one.
    expect(record.draft.score).toEqual(score(findings.filter((f) => f.basis === 'measured')));

    // A preview restyles the page, not its images: a check reads them again and finds the
    // banner as faint as before, never resolved.
    const { record: checked } = await env.harness.runJob({
      tabId,
      check: { against: record.id, preview: true },
    });
    const verify = CritiqueRecord.parse(checked).draft.verify!;
    expect(verify.still.filter((f) => f.rule === 'wcag-1.4.3' && f.regionIds.includes(pale!))).toHaveLength(
      1,
    );
    expect(verify.resolved.filter((f) => f.regionIds.includes(pale!))).toEqual([]);
    await page.close();
  });

  it('in a full-page capture, measures the banner below the fold too', async () => {
    const { page, tabId } = await env.harness.openTab(`${env.server.origin}/fixtures/image-of-text.html`);
    await page.waitForFunction(() =>
      [...document.images].every((img) => img.complete && img.naturalWidth > 0),
    );
    const { record: raw } = await env.harness.runJob({ tabId, mode: 'full' });
    const { findings, notes, regions } = CritiqueRecord.parse(raw).draft;
    const failures = findings.filter((f) => f.source === 'pixels' && f.rule === 'wcag-1.4.3');
    const named = failures.map((f) => regions.find((r) => r.id === f.regionIds[0])!.name);
    expect(named).toEqual(['Spring sale banner', 'Autumn sale banner']);
    expect(notes.some((n) => /outside the screenshot, so any text/.test(n))).toBe(false);
    await page.close();
  });
});
