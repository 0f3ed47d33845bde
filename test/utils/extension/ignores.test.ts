import { describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { CRITIQUE_STAGE_NAMES, emptyRecord, recordFromCritique, toCritique } from '@/utils/core/jobs/record';
import type { StageIO } from '@/utils/background/jobs/stage';
import { measureStage } from '@/utils/background/jobs/stages/measure';
import { score } from '@/utils/core/measure/score';
import { type Extraction } from '@/utils/core/schemas/capture';
import { type Finding } from '@/utils/core/schemas/finding';
import { Critique } from '@/utils/core/schemas/record';
import {
  dropIgnore,
  ignoresFor,
  matches,
  parseIgnores,
  saveIgnore,
  setAside,
  type Ignore,
} from '@/utils/extension/ignores';
import { ignoreInRecord, restoreInRecord } from '@/utils/core/triage/record';
import { region, rgba } from '@/test/fixtures/regions';

const URL_A = 'https://shop.test/pricing';
const regions = [region('r1'), region('r2', { box: { y: 40 } }), region('r3', { box: { y: 80 } })];
const key = (id: string) => regions.find((r) => r.id === id)!.key;

const finding = (id: string, regionIds: string[], over: Partial<Finding> = {}): Finding => ({
  id,
  title: `Finding ${id}`,
  detail: '',
  severity: 'major',
  category: 'contrast',
  basis: 'measured',
  rule: 'wcag-1.4.3',
  regionIds,
  confidence: 1,
  ...over,
});
const entry = (keys: string[], kind = 'wcag-1.4.3'): Ignore => ({ kind, keys, reason: null, at: 1 });

describe('reading stored ignores', () => {
  it('reads a corrupt stored value as no ignores, and drops a bad entry on its own', () => {
    expect(parseIgnores('not an object')).toEqual({});
    expect(parseIgnores(null)).toEqual({});
    expect(parseIgnores({ [URL_A]: 'oops' })).toEqual({});
    const good = { kind: 'wcag-1.4.3', keys: [key('r1')], reason: 'brand colour', at: 5 };
    const parsed = parseIgnores({
      [URL_A]: [good, { kind: 'x', keys: ['not-a-key'], reason: null, at: 1 }, 42],
      'https://other.test/': [{ kind: '' }],
    });
    expect(parsed).toEqual({ [URL_A]: [good] });
  });

  it('saves over a corrupt value, per page without the fragment, and drops again', async () => {
    await fakeBrowser.storage.local.set({ ignores: 'garbage' });
    expect(await ignoresFor(URL_A)).toEqual([]);
    const f = finding('contrast-1', ['r1', 'r2']);
    await saveIgnore(`${URL_A}#plans`, f, regions, 'brand colour', 7);
    expect(await ignoresFor(URL_A)).toEqual([
      { kind: 'wcag-1.4.3', keys: [key('r1'), key('r2')], reason: 'brand colour', at: 7 },
    ]);
    expect(await ignoresFor('https://shop.test/')).toEqual([]);
    // Ignoring the same finding again replaces the entry, with the new reason.
    await saveIgnore(URL_A, f, regions, null, 8);
    expect((await ignoresFor(URL_A)).map((e) => e.reason)).toEqual([null]);
    await dropIgnore(URL_A, f, regions);
    expect(await ignoresFor(URL_A)).toEqual([]);
    expect(await fakeBrowser.storage.local.get('ignores')).toEqual({ ignores: {} });
  });
});

describe('which later findings an ignore sets aside', () => {
  it('the same kind on the same regions, or on fewer of them', () => {
    const ignore = entry([key('r1'), key('r2')]);
    expect(matches(ignore, finding('a', ['r2', 'r1']), regions)).toBe(true);
    expect(matches(ignore, finding('a', ['r1']), regions)).toBe(true);
  });

  it('not a finding that now names a region the user never saw in it, nor another kind', () => {
    const ignore = entry([key('r1'), key('r2')]);
    expect(matches(ignore, finding('a', ['r1', 'r3']), regions)).toBe(false);
    expect(matches(ignore, finding('a', ['r1'], { rule: 'wcag-1.4.6' }), regions)).toBe(false);
  });

  it('falls back to the category for a finding without a rule (a model’s), and pairs page-wide findings only with each other', () => {
    const seen = finding('m1', ['r3'], { rule: undefined, category: 'hierarchy', basis: 'seen' });
    expect(matches(entry([key('r3')], 'hierarchy'), seen, regions)).toBe(true);
    const pageWide = finding('t1', [], { rule: 'type-sizes', category: 'typography' });
    expect(matches(entry([], 'type-sizes'), pageWide, regions)).toBe(true);
    expect(matches(entry([key('r1')], 'type-sizes'), pageWide, regions)).toBe(false);
    expect(matches(entry([], 'wcag-1.4.3'), finding('a', ['r1']), regions)).toBe(false);
  });

  it('sets aside with the reason and keeps the others in order', () => {
    const ignores = [{ ...entry([key('r2')]), reason: 'legal text' }];
    const split = setAside(
      [finding('a', ['r1']), finding('b', ['r2']), finding('c', ['r3'])],
      regions,
      ignores,
    );
    expect(split.findings.map((f) => f.id)).toEqual(['a', 'c']);
    expect(split.ignored).toEqual([{ finding: finding('b', ['r2']), reason: 'legal text', at: 1 }]);
  });
});

describe('the measure stage', () => {
  const pale = [
    region('r1', { style: { color: rgba('#aaaaaa') } }),
    region('r2', { box: { y: 200 }, text: 'Other words here', style: { color: rgba('#bbbbbb') } }),
  ];
  const extraction = { viewport: { width: 1280, height: 800, dpr: 1, scrollX: 0, scrollY: 0 } } as Extraction;
  const run = (url: string) =>
    measureStage.run(
      { ...emptyRecord('j', request(url), CRITIQUE_STAGE_NAMES, 0).draft, regions: pale, extraction },
      {
        job: { url },
      } as StageIO,
    );
  const request = (url: string) => ({
    kind: 'critique' as const,
    tabId: 1,
    url,
    title: 't',
    mode: 'viewport' as const,
    request: null,
    against: null,
    preview: false,
  });

  it('moves an ignored finding out of the list, with its reason, and the score still counts it', async () => {
    const before = await run(URL_A);
    const target = before.findings!.find((f) => f.rule === 'wcag-1.4.3' && f.regionIds.includes('r1'))!;
    expect(target).toBeDefined();
    await saveIgnore(URL_A, target, pale, 'brand grey', 3);
    const after = await run(URL_A);
    expect(after.findings!.map((f) => f.id)).toEqual(
      before.findings!.filter((f) => f !== target).map((f) => f.id),
    );
    expect(after.ignored).toEqual([{ finding: target, reason: 'brand grey', at: 3 }]);
    // The rule: ignoring is triage, not a fix, so the score is the same with or without it…
    expect(after.score).toEqual(before.score);
    // …and lower than the score of the findings left, which is what ignoring would have raised.
    expect(score(after.findings!).value).toBeGreaterThan(after.score!.value);
    // Another page is not affected.
    expect((await run('https://shop.test/other')).ignored).toEqual([]);
  });
});

describe('ignoring and restoring in the critique shown', () => {
  it('moves the finding between the lists at once and leaves the score alone', () => {
    const record = emptyRecord(
      'j',
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
    record.draft.findings = [finding('a', ['r1']), finding('b', ['r2'])];
    record.draft.score = score(record.draft.findings);
    const ignored = ignoreInRecord(record, 'a', 'on purpose', 9);
    expect(ignored.draft.findings.map((f) => f.id)).toEqual(['b']);
    expect(ignored.draft.ignored).toEqual([{ finding: finding('a', ['r1']), reason: 'on purpose', at: 9 }]);
    expect(ignored.draft.score).toEqual(record.draft.score);
    const restored = restoreInRecord(ignored, 'a', 10);
    expect(restored.draft.findings.map((f) => f.id).sort()).toEqual(['a', 'b']);
    expect(restored.draft.ignored).toEqual([]);
    expect(ignoreInRecord(record, 'missing', null, 1)).toBe(record);
  });
});

describe('critique.json', () => {
  it('carries the ignored findings with their reasons, and reads a file without them as none', () => {
    const record = emptyRecord(
      'j',
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
    record.draft.findings = [finding('a', ['r1']), finding('b', ['r2'])];
    const ignored = ignoreInRecord(record, 'a', 'on purpose', 9);
    const file = JSON.parse(JSON.stringify(toCritique(ignored)));
    expect(file.findings.map((f: Finding) => f.id)).toEqual(['b']);
    expect(file.ignored).toEqual([{ finding: finding('a', ['r1']), reason: 'on purpose', at: 9 }]);
    expect(recordFromCritique(Critique.parse(file), 'k', 0).draft.ignored).toEqual(file.ignored);
    delete file.ignored;
    expect(Critique.parse(file).ignored).toEqual([]);
  });
});
