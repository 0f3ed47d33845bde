import { describe, expect, it } from 'vitest';
import { checkContrast, contrastFindings, contrastOutcome, isLargeText } from '@/utils/core/measure/contrast';
import { button, region, rgba } from '@/test/fixtures/regions';

const on = (id: string, color: string, background: string, style = {}) =>
  region(id, { style: { color: rgba(color), background: rgba(background), ...style } });

describe('large scale text (WCAG 2.1 definition)', () => {
  it('is 24px and up, or 18.66px (14pt) and up when bold', () => {
    expect(isLargeText({ fontSize: 24, fontWeight: 400 })).toBe(true);
    expect(isLargeText({ fontSize: 23.9, fontWeight: 400 })).toBe(false);
    expect(isLargeText({ fontSize: 18.66, fontWeight: 700 })).toBe(true);
    expect(isLargeText({ fontSize: 18.66, fontWeight: 600 })).toBe(false);
    expect(isLargeText({ fontSize: 18.5, fontWeight: 700 })).toBe(false);
  });
});

describe('checkContrast', () => {
  it('fails #777 on white at 16px for AA: 4.48 is under 4.5', () => {
    const check = checkContrast(on('r1', '#777', '#fff'), 'AA');
    expect(check.outcome).toBe('failed');
    expect(check.ratio).toBeCloseTo(4.48, 2);
    expect(check.required).toBe(4.5);
  });

  it('passes #777 on white as large text for AA (3:1) but not AAA (4.5:1)', () => {
    const large = on('r1', '#777', '#fff', { fontSize: 24 });
    expect(checkContrast(large, 'AA')).toMatchObject({ outcome: 'passed', required: 3, large: true });
    expect(checkContrast(large, 'AAA')).toMatchObject({ outcome: 'failed', required: 4.5 });
  });

  it('passes #767676 on white for AA and fails it for AAA (7:1)', () => {
    expect(checkContrast(on('r1', '#767676', '#fff'), 'AA').outcome).toBe('passed');
    expect(checkContrast(on('r1', '#767676', '#fff'), 'AAA').outcome).toBe('failed');
  });

  it('composites translucent text before measuring', () => {
    const faded = region('r1', { style: { color: 'rgba(0, 0, 0, 0.3)' } });
    const check = checkContrast(faded, 'AA');
    expect(check.outcome).toBe('failed');
    expect(check.ratio).toBeCloseTo(2.11, 2);
  });

  it("takes the region's measured ratio, which sees text-shadow halos the two colors cannot show", () => {
    // W3C ACT afw4f7 passed example: black on #737373 (4.43:1) inside a white halo.
    const haloed = region('r1', {
      style: { color: rgba('#000'), background: rgba('#737373'), contrast: 21 },
    });
    expect(checkContrast(haloed, 'AA')).toMatchObject({ outcome: 'passed', ratio: 21 });
    expect(checkContrast(haloed, 'AA').measured?.ratio).toBeCloseTo(4.43, 2);
    const dimmed = region('r2', { style: { color: rgba('#666'), background: rgba('#fff'), contrast: 2.9 } });
    expect(contrastFindings([dimmed])[0]?.detail).toBe(
      'r2 2.90:1 (needs 4.5:1), #666666 on #ffffff (the colors alone give 5.74:1), 16px 400',
    );
  });

  it('leaves text over an image or gradient, or with unknown contrast, for review', () => {
    const gradient = region('r1', {
      style: { color: rgba('#333'), backgroundKind: 'image/gradient', contrast: null },
    });
    const unknown = region('r2', { style: { contrast: null } });
    expect(checkContrast(gradient, 'AA')).toMatchObject({ outcome: 'needs-review', ratio: null });
    expect(checkContrast(unknown, 'AAA')).toMatchObject({ outcome: 'needs-review', ratio: null });
  });

  it('decides a gradient or halo that extraction could measure over the text', () => {
    const sampled = region('r1', {
      style: { color: rgba('#333'), backgroundKind: 'image/gradient', contrast: 6.2 },
    });
    expect(checkContrast(sampled, 'AA')).toMatchObject({ outcome: 'passed', ratio: 6.2 });
    expect(checkContrast(sampled, 'AAA')).toMatchObject({ outcome: 'failed', ratio: 6.2 });
  });

  it('exempts disabled controls, private and empty text', () => {
    const disabled = button('r1', {
      style: { color: rgba('#777'), background: rgba('#eee') },
      flags: { disabled: true },
    });
    expect(checkContrast(disabled, 'AA').outcome).toBe('inapplicable');
    expect(checkContrast(region('r2', { text: '•••', flags: { private: true } }), 'AA').outcome).toBe(
      'inapplicable',
    );
    expect(checkContrast(region('r3', { kind: 'media', text: '' }), 'AA').outcome).toBe('inapplicable');
  });

  it('passes symbols that are not text in a human language, whatever their contrast', () => {
    expect(checkContrast(on('r1', '#666', '#000', { fontSize: 13 }), 'AA').outcome).toBe('failed');
    const close = button('r1', {
      text: 'X',
      name: 'Close',
      style: { color: rgba('#666'), background: rgba('#000') },
    });
    expect(checkContrast(close, 'AA')).toMatchObject({
      outcome: 'passed',
      reason: 'not text in a human language',
    });
    const rule = region('r2', { text: '----=====++++___***%%%±±±@@@', style: { background: rgba('#666') } });
    expect(checkContrast(rule, 'AA').outcome).toBe('passed');
    expect(checkContrast(region('r3', { text: '$42', style: { color: rgba('#aaa') } }), 'AA').outcome).toBe(
      'failed',
    );
  });
});

/** Shapes of W3C ACT cases for rules afw4f7 (1.4.3) and 09o5cg (1.4.6). */
describe('contrastOutcome (as the ACT rules report it)', () => {
  it.each([
    ['#333 on #fff', [on('r1', '#333', '#fff')], 'passed', 'passed'],
    ['#000 on #666 at 18pt', [on('r1', '#000', '#666', { fontSize: 24 })], 'passed', 'failed'],
    [
      '#000 on #666 at 14pt bold',
      [on('r1', '#000', '#666', { fontSize: 18.666, fontWeight: 700 })],
      'passed',
      'failed',
    ],
    ['#aaa on white', [on('r1', '#aaa', '#fff')], 'failed', 'failed'],
    [
      'rgba(0,0,0,.3) on #fff',
      [region('r1', { style: { color: 'rgba(0, 0, 0, 0.3)' } })],
      'failed',
      'failed',
    ],
    [
      'a #777 on #eee button',
      [button('r1', { style: { color: rgba('#777'), background: rgba('#eee') } })],
      'failed',
      'failed',
    ],
    [
      'a disabled #777 on #eee button',
      [button('r1', { style: { color: rgba('#777'), background: rgba('#eee') }, flags: { disabled: true } })],
      'inapplicable',
      'inapplicable',
    ],
    [
      'an image without text',
      [region('r1', { kind: 'media', tag: 'img', text: '' })],
      'inapplicable',
      'inapplicable',
    ],
    ['no regions at all', [], 'inapplicable', 'inapplicable'],
    [
      'text over a gradient',
      [region('r1', { style: { color: rgba('#333'), backgroundKind: 'image/gradient', contrast: null } })],
      'needs-review',
      'needs-review',
    ],
  ])('%s → AA %s, AAA %s', (_, regions, aa, aaa) => {
    expect(contrastOutcome(regions, 'AA')).toMatchObject({ rule: 'wcag-1.4.3', outcome: aa });
    expect(contrastOutcome(regions, 'AAA')).toMatchObject({ rule: 'wcag-1.4.6', outcome: aaa });
  });

  it('lets a failure win over an undecidable region, and review win over passes', () => {
    const gradient = region('r2', { style: { backgroundKind: 'image/gradient', contrast: null } });
    expect(contrastOutcome([on('r1', '#aaa', '#fff'), gradient], 'AA').outcome).toBe('failed');
    expect(contrastOutcome([on('r1', '#333', '#fff'), gradient], 'AA').outcome).toBe('needs-review');
  });

  it('does not judge a container by text that belongs to its children', () => {
    const card = region('r1', { kind: 'container', tag: 'div', style: { color: rgba('#ccc') } });
    const child = region('r2', { parentId: 'r1', style: { color: rgba('#333') } });
    expect(contrastOutcome([card, child], 'AA').outcome).toBe('passed');
  });
});

describe('contrastFindings', () => {
  it('reports an AA failure with the numbers behind it', () => {
    const [finding, ...rest] = contrastFindings([on('r3', '#999', '#fff')]);
    expect(rest).toHaveLength(0);
    expect(finding).toMatchObject({
      rule: 'wcag-1.4.3',
      basis: 'measured',
      category: 'contrast',
      severity: 'critical',
      regionIds: ['r3'],
      detail: 'r3 2.85:1 (needs 4.5:1), #999999 on #ffffff, 16px 400',
    });
  });

  it('names a region once: AAA only when it meets AA', () => {
    const findings = contrastFindings([
      on('r1', '#777', '#fff'),
      on('r2', '#767676', '#fff'),
      on('r3', '#000', '#fff'),
    ]);
    expect(findings.map((f) => [f.rule, f.regionIds[0], f.severity])).toEqual([
      ['wcag-1.4.3', 'r1', 'major'],
      ['wcag-1.4.6', 'r2', 'minor'],
    ]);
    expect(findings[1]?.detail).toBe('r2 4.54:1 (needs 7:1), #767676 on #ffffff, 16px 400');
  });

  it('groups failures that share a color pair: 25 grey links are one finding listing 25 regions', () => {
    const links = Array.from({ length: 25 }, (_, i) => on(`r${i + 1}`, '#999', '#fff'));
    const findings = contrastFindings([...links, on('r26', '#aaa', '#fff')]);
    expect(findings).toHaveLength(2);
    expect(findings[0]).toMatchObject({
      severity: 'critical',
      regionIds: links.map((l) => l.id),
      detail:
        '25 regions (r1, r2, r3, r4, r5, r6, r7, r8 and 17 more) with #999999 on #ffffff, 2.85:1 (needs 4.5:1)',
    });
    expect(findings[1]?.regionIds).toEqual(['r26']);
  });

  it('says when translucent text was composited', () => {
    const [finding] = contrastFindings([region('r1', { style: { color: 'rgba(0, 0, 0, 0.3)' } })]);
    expect(finding?.detail).toBe(
      'r1 2.11:1 (needs 4.5:1), #b3b3b3 on #ffffff (text alpha 0.3 composited), 16px 400',
    );
  });

  it('groups undecidable text into an info "needs review" finding, never a pass or failure', () => {
    const findings = contrastFindings([
      region('r1', { style: { color: rgba('#aaa'), backgroundKind: 'image/gradient', contrast: null } }),
      region('r2', { style: { backgroundKind: 'image/gradient', contrast: null } }),
    ]);
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({
      severity: 'info',
      rule: 'needs-review:wcag-1.4.3',
      regionIds: ['r1', 'r2'],
      title: 'Contrast needs review: text over an image or gradient',
    });
  });
});
