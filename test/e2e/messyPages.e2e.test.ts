/**
 * Regions on the web as it is, not only clean modern markup: a table layout from the early
 * 2000s, cards inside list items, a long-form article with 2,000-word paragraphs, a form with
 * fieldsets, loose text in a div and in a table cell, and font/center soup. On each page the
 * regions hold at least 95 % of the words the page shows (counted here from its text nodes, not
 * from extraction), no region holds more than 35 % of them, every box matches its element,
 * every selector is unique, and the mockup keeps every word.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { measure } from '@/utils/core/measure';
import { toCssPatch } from '@/utils/core/plan/cssPatch';
import { restage } from '@/utils/core/plan/restage';
import { contentRegions, regionContent } from '@/utils/core/plan/validate';
import { renderMockup } from '@/utils/core/render/mockup';
import { checkMockupWords, mockupText } from '@/utils/core/render/mockupWords';
import { Extraction } from '@/utils/core/schemas/capture';
import { type Region } from '@/utils/core/schemas/region';
import { countWords, distinctWords } from '@/utils/core/text/words';
import { withExtension } from '@/test/e2e/harness';
import { iou, liveBoxes, visibleTexts } from '@/test/e2e/pageWords';

const env = withExtension({ '/fixtures': `${import.meta.dirname}/../fixtures/pages` });

const measured: Record<string, string> = {};
afterAll(() => console.log('Coverage (page words / extraction / largest region):', measured));

type Check = (regions: Region[]) => void;
const find = (regions: Region[], text: string) => regions.filter((r) => r.text.includes(text));
const one = (regions: Region[], text: string) => {
  const found = find(regions, text);
  expect(found, `one region with "${text}"`).toHaveLength(1);
  return found[0]!;
};

const PAGES: Record<string, Check> = {
  'table-layout-2000s.html': (regions) => {
    // The body text in its td is not one region: its loose text, each paragraph and each cell are.
    expect(find(regions, 'Welcome to Hillside').some((r) => r.text.includes('Claw hammer'))).toBe(false);
    expect(one(regions, 'Family owned and operated').kind).toBe('text');
    expect(one(regions, 'Contractors can open').tag).toBe('p');
    const cell = one(regions, 'Claw hammer, fiberglass handle');
    expect([cell.kind, cell.tag]).toEqual(['text', 'td']);
    // The left nav of images: links named by their images' alt text.
    const nav = regions.filter((r) => r.kind === 'control');
    expect(nav.map((r) => r.name)).toEqual(
      expect.arrayContaining(['Home', 'Online Catalog', 'Weekly Specials', 'Store Directions', 'Contact Us']),
    );
    // Spacer GIFs (alt="", a pixel wide) are not regions.
    expect(regions.filter((r) => r.tag === 'img')).toEqual([]);
  },
  'cards-in-li.html': (regions) => {
    const cards = regions.filter((r) => r.tag === 'li');
    expect(cards).toHaveLength(6);
    for (const card of cards) {
      expect(card.kind).toBe('container');
      const inside = regions.filter((r) => r.parentId === card.id);
      expect(inside.map((r) => r.kind).sort()).toEqual(['control', 'heading', 'media', 'text', 'text']);
      expect(inside.find((r) => r.kind === 'media')?.name).toMatch(/^Cover of /);
    }
  },
  'long-article-2000-word-paragraphs.html': (regions) => {
    const paragraphs = regions.filter((r) => r.tag === 'p' && r.textLength > 10_000);
    expect(paragraphs).toHaveLength(4);
    for (const p of paragraphs) {
      expect(countWords(p.text)).toBeGreaterThanOrEqual(2000);
      expect(p.text.length).toBe(p.textLength);
      expect(p.text.endsWith('.')).toBe(true); // whole, not cut off with an ellipsis
    }
  },
  'form-with-fieldsets.html': (regions) => {
    const fieldsets = regions.filter((r) => r.tag === 'fieldset');
    expect(fieldsets.map((r) => r.kind)).toEqual(['container', 'container', 'container']);
    for (const [i, legend] of ['About you', 'Your rowing', 'Membership'].entries()) {
      const region = one(regions, legend);
      expect([region.tag, region.parentId]).toEqual(['legend', fieldsets[i]!.id]);
    }
    const fields = regions.filter((r) => r.kind === 'field');
    const named = (name: string) => fields.find((r) => r.name === name);
    expect(named('Full name')?.text).toBe('As on your ID');
    expect(named('Email address')?.text).toBe('sam@example.org');
    expect(named('Year of birth')).toBeDefined();
    // A select shows its chosen option, not every option.
    expect(named('Experience')?.text).toBe('Rowed at school or university');
    expect(named('Sweep oar')?.text).toBe('');
    expect(named('Send me the monthly newsletter')).toBeDefined();
    expect(named('Anything the coach should know?')?.text).toBe('Old shoulder injury, fully recovered.');
    // Each label is a region of its own beside its field.
    expect(one(regions, 'Year of birth').kind).toBe('text');
    const controls = regions.filter((r) => r.kind === 'control').map((r) => r.text);
    expect(controls).toEqual(['Apply for membership', 'Clear the form']);
  },
  'text-between-paragraphs-in-div.html': (regions) => {
    const loose = one(regions, 'Loose text sits directly');
    expect([loose.tag, loose.kind]).toEqual(['div', 'text']);
    expect(loose.text).toBe(
      'Loose text sits directly in the wrapping division, between the two paragraphs, with a link to the opening hours and some emphasis of its own.',
    );
    const order = ['The first paragraph', 'Loose text', 'The second paragraph'].map(
      (text) => one(regions, text).id,
    );
    expect(order).toEqual([...order].sort((a, b) => Number(a.slice(1)) - Number(b.slice(1))));
  },
  'text-in-td-beside-nested-table.html': (regions) => {
    const cell = one(regions, 'Our quarterly results');
    expect(cell.tag).toBe('td');
    expect(cell.text).toBe('Our quarterly results are summarized in the table below. Figures are unaudited.');
    expect(cell.text).not.toContain('Revenue');
    expect(one(regions, '4.8 million').tag).toBe('td');
  },
  'font-center-soup.html': (regions) => {
    expect(one(regions, "Grandma Rosa's Recipe Corner").tag).toBe('b');
    const soup = one(regions, 'Updated every Sunday');
    expect(soup.text).toBe(
      'Updated every Sunday with a new dish! This week: lemon ricotta pancakes Serves four hungry grandchildren.',
    );
    expect(one(regions, 'Whisk the ricotta').tag).toBe('p');
    expect(one(regions, 'Visitors since 1999').text).toBe('Visitors since 1999: 10482');
  },
};

describe('regions on messy real-world markup', () => {
  it.each(Object.keys(PAGES))('%s', async (file) => {
    const { page, tabId } = await env.harness.openTab(`${env.server.origin}/fixtures/${file}`);
    const extraction = Extraction.parse(
      await env.harness.ask(tabId, 'extractRegions', { privateSelectors: [] }),
    );
    const { regions, coverage, viewport } = extraction;

    // Coverage, measured here from the page's own text nodes.
    const texts = await visibleTexts(page);
    const pageWords = distinctWords(texts);
    const pageCount = countWords(texts.join(' '));
    const content = contentRegions(regions);
    const regionWords = distinctWords(content.map(regionContent));
    const uncovered = [...pageWords].filter((w) => !regionWords.has(w));
    expect(
      uncovered.length / pageWords.size,
      `words in no region: ${uncovered.join(' ')}`,
    ).toBeLessThanOrEqual(0.05);
    expect(coverage.share).toBeGreaterThanOrEqual(0.95);
    const largest = Math.max(...content.map((r) => countWords(regionContent(r))));
    expect(largest / pageCount).toBeLessThanOrEqual(0.35);
    expect(coverage.largestShare).toBeLessThanOrEqual(0.35);

    // Every box on its element, every selector naming exactly one.
    const live = await liveBoxes(page, regions);
    regions.forEach((region, i) => {
      expect(live[i]!.count, `${region.id} ${region.selector}`).toBe(1);
      expect(iou(live[i]!.box!, region.box), `${region.id} box`).toBeGreaterThanOrEqual(0.95);
    });

    // The one-column mockup (drawn when a page can no longer be frozen) keeps every word of the
    // content regions, and so every word the page shows; the frozen one: mockupStructure.e2e.
    const findings = measure(regions, viewport);
    const { blueprint, contentCheck } = restage(regions, findings, viewport);
    expect(contentCheck.wordsKept).toBe(contentCheck.words);
    const html = renderMockup({
      title: file,
      url: page.url(),
      viewportWidth: viewport.width,
      regions,
      blueprint,
      cssPatch: toCssPatch(blueprint, regions),
    });
    expect(checkMockupWords(html, regions).missing).toEqual([]);
    const shown = distinctWords(mockupText(html));
    const lost = [...pageWords].filter((w) => !shown.has(w));
    expect(lost.length / pageWords.size, `words the mockup dropped: ${lost.join(' ')}`).toBeLessThanOrEqual(
      0.05,
    );

    const percent = (n: number) => `${(n * 100).toFixed(1)} %`;
    measured[file] =
      `${percent(1 - uncovered.length / pageWords.size)} of ${pageWords.size} / ${percent(coverage.share)} / ` +
      `${percent(largest / pageCount)}, ${regions.length} regions`;
    PAGES[file]!(regions);
    await page.close();
  });
});
