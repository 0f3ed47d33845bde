import { describe, expect, it } from 'vitest';
import { linkCues } from '@/utils/core/plan/contrastFix';
import { predict, type Declarations } from '@/utils/core/plan/predict';
import type { Region } from '@/utils/core/schemas/region';
import { region, rgba } from '@/test/fixtures/regions';

const TEAL = rgba('#0b7285');
const paragraph = region('r1', { style: { color: rgba('#999999') } });
const link = region('r2', {
  kind: 'control',
  tag: 'a',
  role: 'link',
  parentId: 'r1',
  style: { color: TEAL },
});

const withPlan = (planned: Record<string, Declarations>) => (r: Region) => predict(r, planned[r.id]);

describe('linkCues (WCAG 1.4.1, G183)', () => {
  it('underlines a link left under 3:1 against its recoloured text', () => {
    // #1f2328 against #0b7285 is about 2.9:1.
    const cues = linkCues([paragraph, link], withPlan({ r1: { color: '#1f2328' } }));
    expect(cues.get('r2')).toEqual({ 'text-decoration-line': 'underline' });
  });

  it('leaves a link that still stands out by 3:1, and links the plan did not touch', () => {
    expect(linkCues([paragraph, link], withPlan({ r1: { color: '#000000' } })).size).toBe(0);
    expect(linkCues([paragraph, link], withPlan({})).size).toBe(0);
  });

  it('underlines a recoloured link that comes too close to its text', () => {
    const dark = region('r1', { style: { color: rgba('#1f2328') } });
    const pale = { ...link, style: { ...link.style, color: rgba('#9bd4de') } };
    const cues = linkCues([dark, pale], withPlan({ r2: { color: '#0b7285' } }));
    expect(cues.get('r2')).toEqual({ 'text-decoration-line': 'underline' });
  });

  it('leaves links outside text (a nav item in a list)', () => {
    const list = region('r1', { kind: 'container', text: '' });
    expect(linkCues([list, link], withPlan({ r1: { color: '#1f2328' } })).size).toBe(0);
  });
});
