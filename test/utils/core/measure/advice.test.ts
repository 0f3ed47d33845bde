import { describe, expect, it } from 'vitest';
import { measure } from '@/utils/core/measure';
import { advise } from '@/utils/core/measure/advice';
import { MEASURED_RULES, type MeasuredRule } from '@/utils/core/measure/rules';
import { predictPatch } from '@/utils/core/plan/predict';
import type { Finding } from '@/utils/core/schemas/finding';
import type { Region } from '@/utils/core/schemas/region';
import { matchFindings } from '@/utils/core/verify/findings';
import { matchRegions } from '@/utils/core/verify/match';
import { FINDING_KIND_PAGES, VIEWPORT } from '@/test/fixtures/findingKinds';
import { WHITE, region, rgba } from '@/test/fixtures/regions';

/**
 * Kinds whose fix rearranges the page (spacing steps, alignment, density, the fold) or changes
 * the font family, which the plan may not write: their fix is in words only.
 */
const WORDS_ONLY = new Set<MeasuredRule>([
  'heading-order',
  'primary-action-below-fold',
  'font-families',
  'spacing-values',
  'near-alignment',
  'crowded-screen',
  'text-density',
]);
/**
 * Kinds whose patch moves boxes, which the estimate (utils/core/plan/predict.ts) does not: each is
 * applied on real pages and re-measured there instead (test/e2e/adviceCorpus.e2e.test.ts).
 */
const CHECKED_ON_THE_PAGE = new Set<MeasuredRule>(['proximity']);

const REGION_ID = /\br\d+\b/;

const advised = (rule: MeasuredRule) => {
  const regions = FINDING_KIND_PAGES[rule];
  if (!regions) throw new Error(`no fixture page for ${rule}`);
  const findings = advise(measure(regions, VIEWPORT), regions, VIEWPORT.height);
  return { regions, findings, mine: findings.filter((f) => f.rule === rule) };
};

/** Still there, as verification pairs findings (utils/core/verify/findings.ts), over all of the page's findings. */
const persists = (
  finding: Finding,
  all: readonly Finding[],
  regions: readonly Region[],
  later: readonly Region[],
) =>
  !matchFindings(all, measure(later, VIEWPORT), matchRegions(regions, later)).resolved.some(
    (f) => f.id === finding.id,
  );

describe('advice for every kind of measured finding', () => {
  it.each(MEASURED_RULES)('%s: a plain title, why, fix, and a fix patch that removes it', (rule) => {
    const { regions, findings, mine } = advised(rule);
    expect(mine.length, `the ${rule} fixture page shows a ${rule} finding`).toBeGreaterThan(0);
    for (const finding of mine) {
      expect(finding.title).not.toMatch(REGION_ID);
      expect(finding.why).toMatch(/\w.*\.$/);
      expect(finding.fix).toMatch(/\w.*\.$/);
      // The raw measures stay: the detail still carries them.
      expect(finding.detail.length).toBeGreaterThan(0);
      if (WORDS_ONLY.has(rule)) {
        expect(finding.fixPatch).toEqual([]);
        continue;
      }
      expect(finding.fixPatch?.length).toBeGreaterThan(0);
      // Only the finding's own regions change.
      for (const entry of finding.fixPatch ?? []) expect(finding.regionIds).toContain(entry.regionId);
      if (CHECKED_ON_THE_PAGE.has(rule)) continue;
      const later = predictPatch(regions, finding.fixPatch ?? []);
      const still = persists(finding, findings, regions, later);
      expect(still, `${rule} after its fix: ${JSON.stringify(finding.fixPatch)}`).toBe(false);
    }
  });

  it('words findings the way a reader names the page', () => {
    const title = (rule: MeasuredRule) => advised(rule).mine[0]?.title;
    expect(title('heading-inversion')).toBe("'Pricing' (h3) is larger than 'Plans' (h2)");
    expect(title('primary-action-weak')).toBe("'Start free trial' is fainter than 'Watch a video'");
    expect(title('wcag-1.4.3')).toBe("'Start free trial today' is too faint to read against its background");
    expect(title('wcag-2.5.8')).toBe("'Go' and 1 other target are smaller than 24 × 24 px and crowded");
  });

  it('states the fix with the values of its patch', () => {
    const contrast = advised('wcag-1.4.3').mine[0]!;
    const color = contrast.fixPatch?.[0]?.declarations.color;
    expect(contrast.fix).toContain(`Set the text to ${color} on white: `);
    const heading = advised('heading-inversion').mine[0]!;
    const size = heading.fixPatch?.[0]?.declarations['font-size'];
    expect(heading.fix).toContain(`Set 'Pricing' to ${size?.replace('px', ' px')}`);
  });

  it('gives no colour patch where the text’s own colour cannot reach the level, and says so', () => {
    const page = [region('r1', { text: 'Programs', style: { color: WHITE, background: rgba('#666666') } })];
    const [aaa] = advise(measure(page, VIEWPORT), page, VIEWPORT.height).filter(
      (f) => f.rule === 'wcag-1.4.6',
    );
    expect(aaa?.fixPatch).toEqual([]);
    expect(aaa?.fix).toMatch(/the background has to change/);
  });

  it('keeps the words a finding brings, and leaves model findings alone', () => {
    const regions = FINDING_KIND_PAGES['wcag-2.5.8'];
    const [own] = measure(regions, VIEWPORT).filter((f) => f.rule === 'wcag-2.5.8');
    const worded = { ...own!, title: 'Two links are hard to tap', why: 'Own reason.', fix: 'Own fix.' };
    const model: Finding = { ...own!, id: 'model-1', basis: 'seen', title: 'Model title' };
    const [kept, untouched] = advise([worded, model], regions);
    expect(kept).toMatchObject({ title: 'Two links are hard to tap', why: 'Own reason.', fix: 'Own fix.' });
    expect(kept?.fixPatch?.length).toBeGreaterThan(0);
    expect(untouched).toEqual(model);
  });

  it('names a region without words by its kind and place, never by its id', () => {
    const belowFold = (id: string): Finding => ({
      id: 'x',
      title: 't',
      detail: '',
      severity: 'minor',
      category: 'hierarchy',
      basis: 'measured',
      rule: 'primary-action-below-fold',
      regionIds: [id],
      confidence: 1,
    });
    const image = region('r9', {
      kind: 'media',
      tag: 'img',
      text: '',
      name: '',
      box: { x: 1000, y: 0, width: 200, height: 100 },
    });
    // Text the model is never sent is not quoted in a title either.
    const unseen = region('r2', { text: 'Hidden keywords', flags: { sameColorText: true }, box: { y: 800 } });
    const page = [region('r1', { box: { width: 1200, height: 900 } }), image, unseen];
    const [imageTitle, unseenTitle] = advise([belowFold('r9'), belowFold('r2')], page).map((f) => f.title);
    expect(imageTitle).toBe('The image at the top right is below the first screen');
    expect(unseenTitle).toBe('The text at the bottom left is below the first screen');
  });
});
