import { describe, expect, it } from 'vitest';
import { score } from '@/utils/core/measure/score';
import { escapeHtml } from '@/utils/core/render/html';
import { renderReport } from '@/utils/core/report/report';
import { topFindings } from '@/utils/core/report/topFindings';
import { type Finding } from '@/utils/core/schemas/finding';
import { Critique, SCHEMA_VERSION } from '@/utils/core/schemas/record';
import { type Verify } from '@/utils/core/schemas/verify';
import { outsideReferences } from '@/test/fixtures/selfContained';
import { region } from '@/test/fixtures/regions';

const PAGE = 'http://127.0.0.1:4000/shop.html?a=1&b=<2>';
const png = (tag: string) => `data:image/png;base64,${Buffer.from(tag).toString('base64')}`;
const IMAGES = {
  annotated: png('annotated'),
  before: png('before'),
  after: png('after'),
  generated: png('generated'),
  mockup: png('mockup'),
};

const finding = (id: string, over: Partial<Finding>): Finding => ({
  id,
  title: `Title ${id}`,
  detail: `detail ${id}: r2 0.02 vs r3 0.36`,
  severity: 'minor',
  category: 'spacing',
  basis: 'measured',
  regionIds: ['r2'],
  confidence: 1,
  ...over,
});

const FINDINGS = [
  finding('spacing-1', { severity: 'minor' }),
  finding('contrast-1', {
    severity: 'critical',
    category: 'contrast',
    why: 'People with low vision cannot read the price.',
    fix: 'Make it #1a1a1a on white: 17.4:1.',
    regionIds: ['r3'],
  }),
  finding('aaa-1', { severity: 'info', category: 'contrast', title: 'AAA note' }),
  finding('hierarchy-1', { severity: 'major', category: 'hierarchy', fix: 'Make “Buy” the filled button.' }),
  finding('targets-1', { severity: 'major', category: 'targets', confidence: 0.5 }),
];

const verify: Verify = {
  scoreBefore: 52,
  scoreAfter: 88,
  resolved: [
    {
      id: 'contrast-1',
      title: 'Title contrast-1',
      category: 'contrast',
      severity: 'critical',
      basis: 'measured',
      regionIds: ['r3'],
    },
  ],
  still: [],
  new: [
    {
      id: 'n-1',
      title: 'New thing <b>',
      category: 'spacing',
      severity: 'minor',
      basis: 'measured',
      regionIds: ['r9'],
    },
  ],
  gone: [],
  notRechecked: [],
  intents: [],
  matched: {
    before: 3,
    after: 3,
    matched: 3,
    gone: 0,
    added: 0,
    byKey: 3,
    byText: 0,
    byPosition: 0,
    unmatched: [],
  },
};

function critique(over: Partial<Critique> = {}): Critique {
  return Critique.parse({
    schemaVersion: SCHEMA_VERSION,
    url: PAGE,
    title: 'Shop',
    engine: 'model:gpt-5.4-mini',
    mode: 'viewport',
    request: null,
    regions: [region('r1'), region('r2', { box: { y: 40 } }), region('r3', { box: { y: 80 } })],
    findings: FINDINGS,
    score: score(FINDINGS),
    blueprint: {
      sections: [{ id: 's1', source: 'main', emphasis: 'primary', regionIds: ['r1', 'r2', 'r3'] }],
      typeScale: { base: 16, ratio: 1.25 },
      spacingUnit: 8,
    },
    cssPatch: [{ regionId: 'r3', declarations: { 'font-weight': '700' } }],
    contentCheck: {
      regions: 3,
      kept: 3,
      words: 12,
      wordsKept: 12,
      images: 0,
      imagesKept: 0,
      missing: [],
      duplicated: [],
      invented: [],
    },
    coverage: null,
    timings: { regions: 30, total: 157 },
    planner: {
      status: 'model',
      note: null,
      model: 'gpt-5.4-mini',
      api: 'responses',
      repaired: false,
      estimate: { inputTokens: 11000, imageTokens: 800, usd: 0.0343, imageUsd: 0.001, totalUsd: 0.0353 },
      usage: { inputTokens: 11644, outputTokens: 900, imageTokens: null, totalTokens: 12544, reported: true },
      costUsd: 0.0217,
      requestBytes: 9000,
      image: null,
      calls: 1,
      choice: null,
    },
    imageRun: {
      status: 'done',
      note: null,
      model: 'gpt-image-2',
      size: '1280x800',
      estimateUsd: 0.0433,
      usage: { inputTokens: 2417, outputTokens: 1000, imageTokens: 1000, totalTokens: 3417, reported: true },
      costUsd: 0.0451,
      requestBytes: 104518,
      partials: 2,
    },
    doNotTouch: [],
    imageCheck: {
      expectedWords: 252,
      foundWords: 240,
      missing: ['Harbor', '<script>'],
      invented: ['Harbour'],
      lostRegionIds: ['r2'],
      pass: false,
      reason: 'The image misspells 1 word.',
    },
    verify,
    notes: [],
    errors: [],
    ...over,
  });
}

describe('topFindings', () => {
  it('ranks by the score each finding costs, worst first, and leaves info notes out', () => {
    const top = topFindings(FINDINGS).map((f) => f.id);
    // A minor spacing finding costs more than a major target finding at half confidence.
    expect(top).toEqual(['contrast-1', 'hierarchy-1', 'spacing-1']);
    // Each costs at least as much as the next, by the score's own rule.
    const cost = (id: string) => score(FINDINGS.filter((f) => f.id !== id)).value - score(FINDINGS).value;
    expect(cost(top[0]!)).toBeGreaterThanOrEqual(cost(top[1]!));
    expect(cost(top[1]!)).toBeGreaterThanOrEqual(cost(top[2]!));
    expect(cost(top[2]!)).toBeGreaterThanOrEqual(cost('targets-1'));
    expect(topFindings([finding('aaa', { severity: 'info' })])).toEqual([]);
  });
});

describe('report.html opens with a summary for people', () => {
  const html = renderReport({ critique: critique(), images: IMAGES, mockupFile: 'mockup.html' });
  const at = (marker: string) => {
    const i = html.indexOf(marker);
    expect(i, marker).toBeGreaterThan(-1);
    return i;
  };

  it('in order: score, the three findings to fix first, the annotated image, before/after, verification, generated image; then all findings; then the collapsed details', () => {
    const order = [
      'data-score',
      'id="top"',
      'id="annotated"',
      'id="before-after"',
      'id="verify"',
      'id="generated"',
      'id="spend"',
      'id="findings"',
      'id="alternative"',
      '<details><summary>Blueprint',
      '<details><summary>CSS patch',
      '<details><summary>Timings',
    ].map(at);
    expect(order).toEqual([...order].sort((a, b) => a - b));
    expect(html).not.toMatch(/<details open/);
  });

  it('shows the score, and with a preview the score with the plan on the page', () => {
    const value = Math.round(score(FINDINGS).value);
    expect(html).toContain(
      `<strong>${value}</strong> / 100 → <strong>88</strong> / 100 with the plan on the page`,
    );
  });

  it('gives each top finding its why and fix when it has them, else its detail', () => {
    const summary = html.slice(at('id="top"'), at('id="annotated"'));
    expect(summary.match(/<article/g)).toHaveLength(3);
    expect(summary).toContain(
      '<h3>Title contrast-1</h3><p class="why">People with low vision cannot read the price.</p>',
    );
    expect(summary).toContain('<p class="fix"><strong>Fix:</strong> Make it #1a1a1a on white: 17.4:1.</p>');
    // The raw measures stay, on a quiet line under the fix.
    expect(summary).toContain('<p class="meta">detail contrast-1: r2 0.02 vs r3 0.36</p>');
    expect(summary).toContain(escapeHtml('Make “Buy” the filled button.'));
    // No fix: the detail is the advice.
    expect(summary).toContain('<h3>Title spacing-1</h3><p>detail spacing-1: r2 0.02 vs r3 0.36</p>');
    expect(summary).not.toContain('AAA note');
    expect(summary).not.toContain('Title targets-1');
  });

  it('embeds every picture: annotated, before and after, generated, mockup', () => {
    for (const [name, src] of Object.entries(IMAGES)) expect(html, name).toContain(`src="${src}"`);
    expect(html).toContain('With the plan (after.png)');
  });

  it('shows the verification counts and groups, escaped', () => {
    expect(html).toContain('1 resolved · 0 still · 1 new · 0 gone');
    expect(html).toContain('New thing &lt;b&gt;');
  });

  it('shows the generated image’s OCR figures and what the model cost', () => {
    expect(html).toContain('240 of 252 words found · 2 missing · 1 invented · failed');
    expect(html).toContain('Missing (2): Harbor, &lt;script&gt;');
    expect(html).toContain('generated: a plan to check, not a fact');
    expect(html).toContain('<td>Image gpt-image-2 1280x800</td><td>$0.0433</td><td>$0.0451</td>');
    expect(html).toContain('<td>Planner gpt-5.4-mini</td><td>$0.0343</td><td>$0.0217</td>');
    expect(html).toContain('<strong data-spend>$0.0668</strong>');
  });

  it('is self-contained: no URL but the page’s own, no src but image data URLs, no url(), no scripts', () => {
    expect(outsideReferences(html, PAGE)).toEqual([]);
    expect(html).toContain(escapeHtml(PAGE));
    // The check itself finds what it looks for.
    expect(outsideReferences('<img src="x.png"><p>https://cdn.test/a</p><a href="//x">', PAGE)).toHaveLength(
      3,
    );
  });

  it('says nothing of a preview, a verification or a model when there was none', () => {
    const plain = renderReport({
      critique: critique({ verify: null, planner: null, imageRun: null, imageCheck: null }),
      images: { annotated: IMAGES.annotated, before: IMAGES.before },
    });
    for (const id of ['before-after', 'verify', 'generated', 'spend'])
      expect(plain).not.toContain(`id="${id}"`);
    expect(plain).not.toContain('with the plan on the page');
    expect(outsideReferences(plain, PAGE)).toEqual([]);
  });
});
