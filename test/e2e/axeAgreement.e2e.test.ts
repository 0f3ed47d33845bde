/**
 * Restage's WCAG 1.4.3 outcomes against axe-core's `color-contrast` rule, element by element,
 * on all 30 corpus pages and on fixtures of our own (text shadows, -webkit-text-stroke,
 * opacity, pseudo-elements, disabled controls, text over images, gradients, overlapping boxes,
 * and the messy-markup pages). Each axe node is mapped to the region that holds it; a region
 * agrees when both fail it, both pass it, or Restage says "needs review" where axe is
 * incomplete. Every other case is a disagreement, and each is decided below, from the WCAG
 * definition (the contrast of the rendered colors, measured here from pixels where the
 * background is solid), the W3C ACT rule afw4f7, and axe's documented behaviour. An
 * undecided disagreement fails the test.
 *
 * Engine: Restage keeps its own contrast engine in the content script and does not run axe
 * there. axe decides each text node from the paint stack at its position (a layout grid over
 * the whole document); on the synthetic benchmark pages it takes about 1 s at 1,000 elements
 * and 7.5 s at 10,000 for color-contrast alone, against a region extraction of under 0.3 s
 * that already reads every style this needs, where the speed target is 1.5× a bare style and
 * box read. Restage takes axe's model where they would otherwise disagree (text shadows,
 * stroke, fill color, 8-bit blending, overlapping boxes, pseudo-element backdrops) and this
 * test keeps the two in step.
 */
import { readdirSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { afterAll, describe, expect, it } from 'vitest';
import { Extraction } from '@/utils/core/schemas/capture';
import { type Region } from '@/utils/core/schemas/region';
import {
  axeNodes,
  compare,
  inClosedRoot,
  verdict,
  type AxeNode,
  type Comparison,
} from '@/test/e2e/axeContrast';
import { CORPUS, HAS_CORPUS, withExtension } from '@/test/e2e/harness';
import { renderedColors } from '@/test/e2e/renderedColors';

const FIXTURES = `${import.meta.dirname}/../fixtures/pages`;
const env = withExtension({ '/corpus': `${CORPUS}/pages`, '/fixtures': FIXTURES });

const PAGES = [
  ...readdirSync(FIXTURES)
    .filter((f) => f.endsWith('.html') && !f.startsWith('iframe'))
    .map((f) => `fixtures/${f}`),
  // The corpus sits beside the checkout in CI; a clone on its own runs the fixtures.
  ...(HAS_CORPUS ? readdirSync(`${CORPUS}/pages`) : [])
    .filter((f) => f.endsWith('.html'))
    .map((f) => `corpus/${f}`),
];

interface Case {
  page: Page;
  region: Region;
  c: Comparison;
}
interface Orphan {
  page: Page;
  node: AxeNode;
}

/**
 * The disagreements we decided, each with its reason. `holds` says whether a case is one of
 * them (checking the rendered pixels where the decision rests on them).
 */
const DECISIONS: {
  name: string;
  holds?: (x: Case) => Promise<boolean> | boolean;
  holdsOrphan?: (x: Orphan) => Promise<boolean> | boolean;
}[] = [
  {
    // Text inside a closed shadow root: axe runs in the page's own world, where a closed root is
    // out of reach (its host's shadowRoot is null), so it checks none of that text. Restage's
    // content script opens closed roots (utils/page/regions/shadow.ts) and judges the text as any other.
    name: 'inside a closed shadow root, which axe cannot open',
    holds: async ({ page, region, c }) => c.axe === null && (await inClosedRoot(page, region.selector)),
  },
  {
    // ACT afw4f7 Passed Example 2 and Failed Example 2 pass and fail text over a linear
    // gradient: it can be decided by sampling the gradient under the text, which Restage does.
    // axe leaves every gradient incomplete (bgGradient).
    name: 'gradient decided by sampling (ACT afw4f7)',
    holds: ({ c }) => c.restage !== 'needs-review' && c.axe === 'incomplete' && only(c, 'bgGradient'),
  },
  {
    // ACT afw4f7 Passed Example 3: light text with a dark blurred halo over an image passes;
    // the halo is the text's own background. axe leaves text over an image incomplete.
    name: 'halo over an image (ACT afw4f7 Passed Example 3)',
    holds: async ({ page, c, region }) =>
      c.restage === 'passed' &&
      c.axe === 'incomplete' &&
      only(c, 'bgImage') &&
      (await page.evaluate(
        (s) => getComputedStyle(document.querySelector(s)!).textShadow,
        region.selector,
      )) !== 'none',
  },
  {
    // 1.4.3 applies to text; an empty field shows none. axe checks the field anyway and
    // passes it, or leaves it incomplete (emptyValue).
    name: 'empty field: no text to judge',
    holds: ({ c, region }) => region.kind === 'field' && region.text === '' && c.restage === 'inapplicable',
  },
  {
    // Private content (passwords, payment fields) is masked before anything leaves the page,
    // and Restage does not critique what it must not read. axe reads it.
    name: 'private field, masked',
    holds: ({ region }) => region.flags.private,
  },
  {
    // A placeholder is drawn in the ::placeholder color, not the field's own, and WCAG's
    // Understanding 1.4.3 counts placeholder text. Restage measures that color; axe uses the
    // field's color, or leaves a field without a value incomplete (emptyValue). The rendered
    // pixels show the placeholder color.
    name: 'placeholder in its own color',
    holds: async ({ page, c, region }) =>
      region.kind === 'field' &&
      (await page.evaluate((s) => {
        const field = document.querySelector(s) as HTMLInputElement;
        return !field.value && !!field.placeholder;
      }, region.selector)) &&
      c.restage !== 'needs-review',
  },
  {
    // Both engines read a solid background, and disagree on a box axe believes overlaps or
    // partly obscures the text (bgOverlap, elmPartiallyObscured, elmPartiallyObscuring), or
    // on a ratio at the threshold (axe blends translucent layers before rounding; the browser
    // rounds each, 1492.html's footer shows #161616 where axe assumes #171717). The pixels
    // under the text decide: their commonest color is the background Restage measured, and
    // the text color Restage measured is on screen.
    name: 'rendered pixels agree with Restage',
    holds: async ({ page, c, region }) => {
      if (c.restage !== 'passed' && c.restage !== 'failed') return false;
      if (c.axe === 'incomplete' && !c.reasons.every((r) => /^(bgOverlap|elmPartially)/.test(r)))
        return false;
      if (region.style.backgroundKind !== 'solid') return false;
      const shown = await renderedColors(page, region.selector);
      const [r, g, b] = region.style.background.match(/[\d.]+/g)!.map(Number);
      const [tr, tg, tb] = region.style.color.match(/[\d.]+/g)!.map(Number);
      const background = { r: r!, g: g!, b: b!, a: 1 };
      return (
        shown.shows(background) &&
        shown.shows({ r: tr!, g: tg!, b: tb!, a: 1 }) &&
        Math.abs(shown.background.r - background.r) <= 2 &&
        Math.abs(shown.background.g - background.g) <= 2 &&
        Math.abs(shown.background.b - background.b) <= 2
      );
    },
  },
  {
    // Text the colour of its background (below 1.1:1, utils/core/regions/sameColor.ts): axe leaves
    // it incomplete when the two colours are the same (equalRatio), as it may be hidden on
    // purpose, and WCAG 1.4.3 sets no requirement for text not visible to anyone (Incidental).
    // Restage fails it as measured, and keeps its text out of the model's input.
    name: 'text the colour of its background',
    holds: ({ c, region }) =>
      c.restage === 'failed' && c.axe === 'incomplete' && only(c, 'equalRatio') && region.flags.sameColorText,
  },
  {
    // Visible text inside aria-hidden (a share button's "Tweet" beside an icon): WCAG 1.4.3
    // applies to it, as axe checks it; Restage's regions leave aria-hidden decoration out
    // (DESIGN.md), so it is not judged. A known limit, not a difference of opinion.
    name: 'aria-hidden text, not a region',
    holds: ({ c }) => c.restage === 'inapplicable' && c.ariaHidden,
  },
  {
    // Text of symbols only ("/ /", ">", "-") is not text in a human language: ACT afw4f7
    // (Passed Example 7) passes it, and Restage makes no region of separators between links.
    // axe checks it, or skips it.
    name: 'symbols, not text in a human language (ACT afw4f7)',
    holds: ({ c }) =>
      c.axe !== 'violation' &&
      ((c.restage === 'passed' && c.why === 'not text in a human language') ||
        (c.restage === 'inapplicable' && c.nodeTexts.every((t) => !/[\p{L}\p{N}]/u.test(t)))),
    holdsOrphan: ({ node }) => !/[\p{L}\p{N}]/u.test(node.text),
  },
  {
    // Icon fonts and emoji (characters outside the Basic Multilingual Plane or in private
    // use) carry no words, so they are no region's text; axe leaves them incomplete (nonBmp).
    name: 'icon glyphs',
    holdsOrphan: ({ node }) => node.reason === 'nonBmp',
  },
  {
    // A heading collapsed to no height whose text overflows it: Restage anchors regions to
    // element boxes, and a box of no size is not a region (DESIGN.md: zero size is hidden).
    // axe checks the overflowing text.
    name: 'text overflowing an element of no size',
    holdsOrphan: ({ node }) => node.width < 1 || node.height < 1,
  },
];

const only = (c: Comparison, reason: string) => c.reasons.length === 1 && c.reasons[0] === reason;

const tally: Record<string, number> = { agree: 0, 'review-vs-incomplete': 0 };
const decided: Record<string, string[]> = {};
afterAll(() => console.log('axe agreement:', tally, 'decided disagreements:', decided));

async function decide(x: Case | Orphan): Promise<string | null> {
  for (const d of DECISIONS) {
    const test = 'c' in x ? d.holds : d.holdsOrphan;
    if (test && (await (test as (x: Case | Orphan) => Promise<boolean> | boolean)(x))) return d.name;
  }
  return null;
}

describe('contrast agrees with axe-core, element by element', () => {
  it.each(PAGES)('%s', async (file) => {
    const { page, tabId } = await env.harness.openTab(`${env.server.origin}/${file}`);
    const { regions } = Extraction.parse(
      await env.harness.ask(tabId, 'extractRegions', { privateSelectors: [] }),
    );
    const nodes = await axeNodes(page, regions);
    const undecided: string[] = [];
    const note = (name: string, what: string) => {
      (decided[name] ??= []).push(`${file} ${what}`);
    };
    for (const c of compare(regions, nodes)) {
      const v = verdict(c);
      if (v !== 'disagree') {
        tally[v]!++;
        continue;
      }
      const region = regions.find((r) => r.id === c.regionId)!;
      const name = await decide({ page, region, c });
      const what = `${c.regionId} "${c.text.slice(0, 40)}": Restage ${c.restage}, axe ${c.axe} ${c.reasons.join(',')}`;
      if (name) note(name, what);
      else undecided.push(what);
    }
    for (const node of nodes.filter(
      (n) => n.regionId === null && n.outcome !== 'pass' && n.reason !== 'hidden',
    )) {
      const name = await decide({ page, node });
      const what = `no region: axe ${node.outcome} ${node.reason ?? ''} ${node.target} "${node.text.slice(0, 30)}"`;
      if (name) note(name, what);
      else undecided.push(what);
    }
    expect(undecided).toEqual([]);
    await page.close();
  });
});

/** The decided cases, each on a fixture that shows it, with both engines' outcomes. */
describe('decided disagreements', () => {
  const outcomes = async (file: string) => {
    const { page, tabId } = await env.harness.openTab(`${env.server.origin}/fixtures/${file}`);
    const { regions } = Extraction.parse(
      await env.harness.ask(tabId, 'extractRegions', { privateSelectors: [] }),
    );
    const comparisons = compare(regions, await axeNodes(page, regions));
    /** The comparison for the region anchored at the element with this id (or holding it). */
    const byId = (id: string) => {
      const own = regions.find((r) => r.selector === `#${id}`);
      return comparisons.find((c) => (own ? c.regionId === own.id : c.elementIds.includes(id)));
    };
    const byRegion = (regionId: string) => comparisons.find((c) => c.regionId === regionId);
    return { page, regions, byId, byRegion };
  };

  it('gradients: Restage samples them (ACT afw4f7), axe leaves them incomplete', async () => {
    const { page, byId } = await outcomes('contrast-gradients.html');
    expect(byId('gradient-passing')).toMatchObject({
      restage: 'passed',
      axe: 'incomplete',
      reasons: ['bgGradient'],
    });
    expect(byId('gradient-failing-end')).toMatchObject({ restage: 'failed', axe: 'incomplete' });
    // A radial gradient is not sampled: both leave it for review.
    expect(byId('gradient-radial')).toMatchObject({ restage: 'needs-review', axe: 'incomplete' });
    await page.close();
  });

  it('a dark halo over an image passes (ACT afw4f7 Passed Example 3); other text over images needs review', async () => {
    const { page, byId } = await outcomes('contrast-text-over-images.html');
    expect(byId('over-image-halo')).toMatchObject({
      restage: 'passed',
      axe: 'incomplete',
      reasons: ['bgImage'],
    });
    expect(byId('over-image')).toMatchObject({ restage: 'needs-review', axe: 'incomplete' });
    expect(byId('over-img-element')).toMatchObject({ restage: 'needs-review', axe: 'incomplete' });
    await page.close();
  });

  it('text shadows, stroke and fill count as axe counts them', async () => {
    const shadows = await outcomes('contrast-text-shadows.html');
    // A wide or thin blur alone does not make white text on white readable; a full outline does.
    expect(shadows.byId('halo-wide')).toMatchObject({ restage: 'failed', axe: 'violation' });
    expect(shadows.byId('halo-thin-blur')).toMatchObject({ restage: 'failed', axe: 'violation' });
    expect(shadows.byId('big-blur-weak')).toMatchObject({ restage: 'failed', axe: 'violation' });
    expect(shadows.byId('outline-four')).toMatchObject({ restage: 'passed', axe: 'pass' });
    // Shadows on two sides only cannot be judged from styles.
    expect(shadows.byId('outline-two')).toMatchObject({ restage: 'needs-review', axe: 'incomplete' });
    // ACT afw4f7 Passed Example 4's case: a white glow lifts black text on mid grey.
    expect(shadows.byId('dark-on-grey-white-halo')).toMatchObject({ restage: 'passed', axe: 'pass' });
    await shadows.page.close();
    const stroke = await outcomes('contrast-text-stroke.html');
    expect(stroke.byId('stroke-thick-dark')).toMatchObject({ restage: 'passed', axe: 'pass' });
    expect(stroke.byId('stroke-light-on-dark-fill')).toMatchObject({ restage: 'failed', axe: 'violation' });
    expect(stroke.byId('stroke-hairline')).toMatchObject({ restage: 'failed', axe: 'violation' });
    expect(stroke.byId('fill-overrides-color')).toMatchObject({ restage: 'failed', axe: 'violation' });
    await stroke.page.close();
  });

  it('opacity blends the element as a group over what is behind it', async () => {
    const { page, byId } = await outcomes('contrast-opacity.html');
    // White card, black text, at half opacity over black: text stays black, the card turns grey (5.3:1).
    expect(byId('card-opacity-on-dark')).toMatchObject({ restage: 'passed', axe: 'pass' });
    expect(byId('text-opacity-half')).toMatchObject({ restage: 'failed', axe: 'violation' });
    expect(byId('parent-opacity')).toMatchObject({ restage: 'failed', axe: 'violation' });
    await page.close();
  });

  it('boxes outside the ancestor chain: behind is the background, over or beside is for review', async () => {
    const { page, byId } = await outcomes('contrast-overlapping-boxes.html');
    expect(byId('over-dark-box')).toMatchObject({ restage: 'passed', axe: 'pass' });
    expect(byId('dark-over-dark-box')).toMatchObject({ restage: 'failed', axe: 'violation' });
    expect(byId('under-opaque-cover')).toMatchObject({ restage: 'needs-review', axe: 'incomplete' });
    expect(byId('beside-box')).toMatchObject({ restage: 'passed', axe: 'pass' });
    const pseudo = await outcomes('contrast-pseudo-elements.html');
    expect(pseudo.byId('backdrop')).toMatchObject({ restage: 'needs-review', axe: 'incomplete' });
    expect(pseudo.byId('small-marker')).toMatchObject({ restage: 'passed', axe: 'pass' });
    await pseudo.page.close();
    await page.close();
  });

  it('disabled controls and their labels are exempt in both; enabled ones are judged', async () => {
    const { page, byId } = await outcomes('contrast-disabled-controls.html');
    for (const id of ['disabled-button', 'label-of-disabled', 'aria-disabled'])
      expect(byId(id)).toMatchObject({ restage: 'inapplicable', axe: null });
    expect(byId('enabled-dim-button')).toMatchObject({ restage: 'failed', axe: 'violation' });
    expect(byId('enabled-dim-field')).toMatchObject({ restage: 'failed', axe: 'violation' });
    await page.close();
  });

  it('an empty field has no text to judge; a masked private field is not read', async () => {
    const form = await outcomes('form-with-fieldsets.html');
    const born = form.regions.find((r) => r.name === 'Year of birth' && r.kind === 'field')!;
    expect(form.byRegion(born.id)).toMatchObject({ restage: 'inapplicable', axe: 'pass' });
    await form.page.close();
    const login = await outcomes('password.html');
    expect(login.byId('password')).toMatchObject({ restage: 'inapplicable', axe: 'pass' });
    await login.page.close();
  });
});
